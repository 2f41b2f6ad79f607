import os from 'node:os';

/** Who holds a data folder, as its lock file records it. */
export interface DataDirHolder {
  pid: number;
  host: string;
  /** When that process took the folder, ISO 8601. */
  startedAt: string;
}

/** Japan time, the way the app shows every time to shop staff: 2026-12-03 18:00. */
function tokyoMinute(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 9 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * Refusal to open a data folder another Tanto is using: two writers on one replica would
 * interleave their syncs and robots. The shells print the message as it is, so it names the
 * holder in Japanese first and says what the operator can do.
 */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly lockFile: string,
    /** Null when the lock file is there but its holder has not finished writing it yet. */
    readonly holder: DataDirHolder | null,
  ) {
    super(describe(dataDir, lockFile, holder));
  }
}

function describe(dataDir: string, lockFile: string, holder: DataDirHolder | null): string {
  if (!holder) {
    return (
      `このデータフォルダ（${dataDir}）は別の Tanto が開いている最中です。少し待ってから起動し直してください。` +
      ` (another Tanto is opening this data folder right now)`
    );
  }
  const who = `PID ${holder.pid}、${holder.host}、${tokyoMinute(holder.startedAt)} から`;
  const elsewhere =
    holder.host === os.hostname()
      ? 'その Tanto を終了してから起動し直してください。'
      : `${holder.host} は別のコンピューターです。そこで Tanto が動いていないことを確かめてから ${lockFile} を削除してください。`;
  return (
    `このデータフォルダ（${dataDir}）は別の Tanto（${who}）が使用中です。${elsewhere}` +
    ` (this data folder is in use by another Tanto: PID ${holder.pid} on ${holder.host} since ${holder.startedAt})`
  );
}
