/** Bytes the core sent as base64, as one part of a file. */
export function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * Saves parts received one after another as one file. A Blob joins them without copying them
 * into one buffer first, and a blob URL with an anchor's download attribute works the same in
 * Electron and in a browser against the headless shell.
 */
export function saveParts(fileName: string, parts: Uint8Array<ArrayBuffer>[], mime: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started by the time the click returns; the URL is kept a while for slow disks.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
