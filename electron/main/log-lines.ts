import { createInterface } from 'node:readline';

/**
 * Writes each line a stream carries to the log: the core process's output, which would
 * otherwise go to a console the installed app does not have.
 */
export function logEachLine(stream: NodeJS.ReadableStream | null, write: (line: string) => void): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    if (line.trim() !== '') write(line);
  });
}
