import { readFile, rename, writeFile } from 'node:fs/promises';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * Playwright records every request of a trace as a HAR entry, headers and parsed cookies
 * included, so a saved trace would carry the cart's session cookie: whoever opens the file could
 * sign in as the robot until the session ends. The session is worth nothing to whoever reads a
 * trace to see why a step failed, so it is taken out of the file before the trace is kept.
 *
 * fflate reads and writes the zip (Playwright writes plain stored and deflated entries); it is
 * small, has no dependencies, and saves us a hand-written zip writer.
 */

/** Headers that carry a session or a credential; compared in lower case. */
const SECRET_HEADERS = new Set(['cookie', 'set-cookie', 'authorization', 'proxy-authorization']);
/** Context options that would put a login or a saved session into the trace's first event. */
const SECRET_OPTIONS = new Set(['httpCredentials', 'storageState', 'proxy']);

function scrubValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrubValue);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (SECRET_OPTIONS.has(key) || SECRET_HEADERS.has(key.toLowerCase())) continue;
    if (key === 'cookies' && Array.isArray(inner)) out[key] = [];
    else if (key === 'headers' && Array.isArray(inner)) out[key] = inner.filter((h) => !isSecretHeader(h)).map(scrubValue);
    else out[key] = scrubValue(inner);
  }
  return out;
}

function isSecretHeader(header: unknown): boolean {
  const name = (header as { name?: unknown } | null)?.name;
  return typeof name === 'string' && SECRET_HEADERS.has(name.toLowerCase());
}

/** One JSON event per line; a line that is not JSON is dropped rather than kept unread. */
function scrubEvents(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.trim() === '') return line;
      try {
        return JSON.stringify(scrubValue(JSON.parse(line)));
      } catch {
        return '';
      }
    })
    .join('\n');
}

/** The trace's event logs (`*.trace`, `*.network`) without cookies or credentials; its resources as they were. */
export function scrubTraceZip(zip: Uint8Array): Uint8Array {
  const entries = unzipSync(zip);
  const out: Zippable = {};
  for (const [name, data] of Object.entries(entries)) {
    out[name] = name.endsWith('.trace') || name.endsWith('.network') ? strToU8(scrubEvents(strFromU8(data))) : data;
  }
  return zipSync(out, { level: 6 });
}

/** Rewrites a saved trace in place; the unscrubbed file is replaced in one rename, never left half-written. */
export async function scrubTraceFile(file: string): Promise<void> {
  const scrubbed = scrubTraceZip(await readFile(file));
  const temporary = `${file}.scrubbing`;
  await writeFile(temporary, scrubbed);
  await rename(temporary, file);
}
