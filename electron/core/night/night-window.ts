import { Cron } from 'croner';
import { z } from 'zod';
import type { Db } from '../db/open';
import type { ShopTimeZone } from '../shop/time-zone';

/**
 * The night window: the hours of the shop's day in which the robot runs by itself, in the shop's
 * time zone, usually across midnight (22:00–07:00). Kept with the workstation's other local
 * settings: each PC decides its own nights.
 */
export const nightWindowSchema = z
  .object({
    enabled: z.boolean(),
    start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
    end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  })
  .refine((w) => w.start !== w.end, { message: 'The night must not start when it ends', params: { code: 'night_empty' } });
export type NightWindow = z.output<typeof nightWindowSchema>;

export const DEFAULT_NIGHT_WINDOW: NightWindow = { enabled: false, start: '22:00', end: '07:00' };

const LOGIN_KEY = 'start_at_login';

/** Whether the desktop app starts when staff log in to Windows, so a PC restarted by an update still has its nights. */
export function readStartAtLogin(db: Db): boolean {
  return db.prepare('SELECT value FROM workstation_settings WHERE key = ?').pluck().get(LOGIN_KEY) === 'true';
}

export function saveStartAtLogin(db: Db, on: boolean): void {
  db.prepare('INSERT INTO workstation_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(LOGIN_KEY, String(on));
}

/** One night: from the window's start to its end, as instants. */
export interface Night {
  start: Date;
  end: Date;
}

const KEY = 'night_window';

export function readNightWindow(db: Db): NightWindow {
  const stored = db.prepare('SELECT value FROM workstation_settings WHERE key = ?').pluck().get(KEY) as string | undefined;
  if (stored === undefined) return DEFAULT_NIGHT_WINDOW;
  try {
    const parsed = nightWindowSchema.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : DEFAULT_NIGHT_WINDOW;
  } catch {
    return DEFAULT_NIGHT_WINDOW;
  }
}

export function saveNightWindow(db: Db, window: NightWindow): NightWindow {
  const value = nightWindowSchema.parse(window);
  db.prepare('INSERT INTO workstation_settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(value));
  return value;
}

/**
 * Croner turns the window's wall times into instants in the shop's zone (and would keep them
 * right in a zone with daylight saving), which hand arithmetic on offsets gets wrong at the edges.
 * The jobs are never started: they only answer when their times fall.
 */
function edges(window: NightWindow, zone: ShopTimeZone): { start: Cron; end: Cron } {
  const pattern = (hhmm: string) => {
    const [hour, minute] = hhmm.split(':').map(Number);
    return `0 ${minute} ${hour} * * *`;
  };
  return {
    start: new Cron(pattern(window.start), { timezone: zone, paused: true }),
    end: new Cron(pattern(window.end), { timezone: zone, paused: true }),
  };
}

/** The latest time the job falls at or before `at`. */
function latest(job: Cron, at: Date): Date {
  const found = job.previousRuns(1, new Date(at.getTime() + 1))[0];
  if (!found) throw new Error(`No earlier time for ${job.getPattern() ?? 'the night window'}`);
  return found;
}

/** The night `at` falls in (start included, end not), or null outside the window. */
export function nightAt(window: NightWindow, zone: ShopTimeZone, at: Date): Night | null {
  const job = edges(window, zone);
  const start = latest(job.start, at);
  if (latest(job.end, at) > start) return null;
  const end = job.end.nextRun(start);
  return end ? { start, end } : null;
}

/** The last night that has ended by `at`. */
export function lastEndedNight(window: NightWindow, zone: ShopTimeZone, at: Date): Night {
  const job = edges(window, zone);
  const end = latest(job.end, at);
  return { start: latest(job.start, new Date(end.getTime() - 1)), end };
}

/** When the window next opens or closes after `at`, whichever comes first. */
export function nextEdge(window: NightWindow, zone: ShopTimeZone, at: Date): Date | null {
  const job = edges(window, zone);
  const times = [job.start.nextRun(at), job.end.nextRun(at)].filter((d): d is Date => d !== null);
  return times.length ? new Date(Math.min(...times.map((d) => d.getTime()))) : null;
}
