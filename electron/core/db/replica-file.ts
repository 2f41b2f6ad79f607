import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** What can be wrong with a replica file before SQLite is even asked to open it, or when its check fails. */
export type ReplicaDamage = 'empty' | 'truncated' | 'not_sqlite' | 'check_failed';

export type ReplicaFileState = { state: 'missing' } | { state: 'present' } | { state: 'damaged'; damage: ReplicaDamage; detail: string };

const HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_BYTES = 100;

/**
 * Reads the replica's 100-byte header and size without opening it: SQLite would silently treat
 * a 0-byte file as a new, empty database and report a truncated one only on the first read of a
 * missing page, long after start. A missing file is a new shop; everything else here is damage.
 * https://www.sqlite.org/fileformat.html#the_database_header
 */
export function inspectReplicaFile(file: string): ReplicaFileState {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    throw error;
  }
  if (size === 0) return { state: 'damaged', damage: 'empty', detail: '0 bytes' };
  const header = readHead(file, Math.min(size, HEADER_BYTES));
  const magic = header.subarray(0, Math.min(header.length, HEADER.length));
  if (!magic.equals(HEADER.subarray(0, magic.length))) return { state: 'damaged', damage: 'not_sqlite', detail: 'no SQLite header' };
  if (header.length < HEADER_BYTES) return { state: 'damaged', damage: 'truncated', detail: `${size} bytes, shorter than the header` };
  const raw = header.readUInt16BE(16);
  const pageSize = raw === 1 ? 65_536 : raw;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return { state: 'damaged', damage: 'not_sqlite', detail: `page size ${raw}` };
  // With a WAL still to be applied (a crash mid-checkpoint) the file may be shorter than its header
  // says until SQLite replays the WAL; then quick_check, not the size, decides.
  if (fileSize(`${file}-wal`) > 0) return { state: 'present' };
  // The page count in the header is only to be trusted when written by the same change (header offsets 24 and 92).
  const pages = header.readUInt32BE(24) === header.readUInt32BE(92) ? header.readUInt32BE(28) : 0;
  if (size < pages * pageSize || size % pageSize !== 0) {
    return { state: 'damaged', damage: 'truncated', detail: `${size} bytes for ${pages} pages of ${pageSize}` };
  }
  return { state: 'present' };
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

function readHead(file: string, length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    const read = readSync(fd, buffer, 0, length, 0);
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}
