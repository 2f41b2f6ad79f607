/**
 * Saves bytes the core sent as base64 as a file. A blob URL with an anchor's download attribute
 * works the same in Electron (will-download) and in a browser against the headless shell, and
 * keeps the file off any URL the shell would have to serve.
 */
export function downloadBase64(fileName: string, base64: string, mime: string): void {
  const url = URL.createObjectURL(base64Blob(base64, mime));
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

export function base64Blob(base64: string, mime: string): Blob {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return new Blob([bytes], { type: mime });
}
