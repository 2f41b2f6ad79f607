import { bytesOf, saveParts } from '../components/save-file';

/** Saves bytes the core sent as base64 as a file, kept off any URL the shell would have to serve. */
export function downloadBase64(fileName: string, base64: string, mime: string): void {
  saveParts(fileName, [bytesOf(base64)], mime);
}

export function base64Blob(base64: string, mime: string): Blob {
  return new Blob([bytesOf(base64)], { type: mime });
}
