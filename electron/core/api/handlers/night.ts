import { z } from 'zod';
import { isoNow } from '../../clock';
import { listMorningReports, latestMorningReport, markMorningReportSeen } from '../../morning/morning-report';
import { nightAt, nightWindowSchema, readNightWindow, readStartAtLogin, saveNightWindow, saveStartAtLogin, type Night, type NightWindow } from '../../night/night-window';
import { shopTimeZone } from '../../shop/time-zone';
import { ApiError } from '../errors';
import { handler, type HandlerContext } from '../registry';

/** The night window as the settings screen shows it, with the night under way if any. */
export interface NightSettings {
  window: NightWindow;
  tonight: { start: string; end: string } | null;
  /** The desktop app starts at login (applied by the desktop shell; the headless shell ignores it). */
  startAtLogin: boolean;
}

function nightSettings(ctx: HandlerContext): NightSettings {
  const window = readNightWindow(ctx.db);
  const night: Night | null = window.enabled ? nightAt(window, shopTimeZone(ctx.db), ctx.clock.now()) : null;
  return { window, tonight: night ? { start: night.start.toISOString(), end: night.end.toISOString() } : null, startAtLogin: readStartAtLogin(ctx.db) };
}

function powerOf(ctx: HandlerContext) {
  if (!ctx.power) throw new ApiError('unavailable', 'このワークステーションでは電源の状態を扱えません');
  return ctx.power;
}

/** Night mode, sleep and wake, and the morning report. */
export const nightHandlers = {
  'night.get': handler(z.object({}), (ctx) => nightSettings(ctx)),
  'night.set': handler(nightWindowSchema, async (ctx, window) => {
    saveNightWindow(ctx.db, window);
    // A window that now includes the present starts the robot at once; one that no longer does stops it.
    await ctx.night?.check();
    return nightSettings(ctx);
  }),
  'night.setStartAtLogin': handler(z.object({ startAtLogin: z.boolean() }), (ctx, { startAtLogin }) => {
    saveStartAtLogin(ctx.db, startAtLogin);
    ctx.events.emit('night.settingsChanged', { startAtLogin });
    return nightSettings(ctx);
  }),
  'power.suspend': handler(z.object({}), (ctx) => powerOf(ctx).suspend()),
  'power.resume': handler(z.object({}), (ctx) => powerOf(ctx).resume()),
  'morning.latest': handler(z.object({}), ({ db, clock }) => {
    const report = latestMorningReport(db, clock);
    return { report, unseen: report !== null && report.seenAt === null };
  }),
  'morning.list': handler(z.object({ limit: z.number().int().min(1).max(100).default(30), offset: z.number().int().min(0).default(0) }), ({ db }, { limit, offset }) =>
    listMorningReports(db, limit, offset),
  ),
  'morning.seen': handler(z.object({ id: z.number().int().positive() }), ({ db, clock }, { id }) => {
    if (!markMorningReportSeen(db, id, clock)) throw new ApiError('not_found', `朝のレポート ${id} は見つかりません`);
    return { id, seenAt: isoNow(clock) };
  }),
};
