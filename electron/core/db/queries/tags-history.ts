import { tagSources, type TagSource } from '../../sync/change-schemas';
import { DEFAULT_TIME_ZONE } from '../../shop/time-zone';
import { SECONDS_PER_HOUR, zonedDay, zoneOffsetSeconds } from '../../shop/zone-days';

const HOURS_PER_DAY = 24;
import type { Db } from '../open';

/** Changes of one kind on one tag, by who made them: staff by hand, a rule, the robot, the cloud. */
export type SourceCounts = Record<TagSource, number> & { total: number };

export interface TagDayCounts {
  tagId: number;
  name: string;
  /** The day in the shop's time zone, YYYY-MM-DD. */
  day: string;
  added: SourceCounts;
  removed: SourceCounts;
}

export interface TagPeriodCounts {
  tagId: number;
  name: string;
  added: SourceCounts;
  removed: SourceCounts;
}

export interface TagHistoryCounts {
  from: string;
  to: string;
  /** Only days on which the tag changed, by day then tag name. */
  days: TagDayCounts[];
  /** The whole period per tag that changed, by tag name. */
  tags: TagPeriodCounts[];
}

export interface TagHistoryQuery {
  tagId?: number | undefined;
  /** First and last day of the period in `timeZone`, both included (YYYY-MM-DD). */
  from: string;
  to: string;
  /** The shop's time zone, whose days the counts are of; Japan when not given. */
  timeZone?: string | undefined;
}

interface CountRow {
  tagId: number;
  name: string;
  /** Days since the epoch in the zone's calendar. */
  dayIndex: number;
  action: 'add' | 'remove';
  source: TagSource;
  changes: number;
}

/**
 * The counts the history writers keep per UTC hour (migration 19), summed into the zone's days:
 * the zone's offset is whole hours, so each of its days is 24 whole hours, numbered by integer
 * division rather than a date string per row. One range of the key per tag: the screen asks for
 * one tag, whose year of hours this sums in tens of milliseconds.
 */
const countsOfPeriod = (tagFilter: string) => `
  SELECT t.id AS tagId, t.name, (h.hour + CAST(@offsetHours AS INTEGER)) / ${HOURS_PER_DAY} AS dayIndex, h.action, h.source, sum(h.changes) AS changes
  FROM tags t CROSS JOIN tag_history_hours h ON h.tag_id = t.id
  WHERE h.hour >= @fromHour AND h.hour < @toHour ${tagFilter}
  GROUP BY t.id, dayIndex, h.action, h.source`;

/** Adds and removes per tag per day of the shop's time zone over a period, by source. */
export function tagHistoryCounts(db: Db, query: TagHistoryQuery): TagHistoryCounts {
  const timeZone = query.timeZone ?? DEFAULT_TIME_ZONE;
  const [start] = zonedDay(query.from, timeZone);
  const [, end] = zonedDay(query.to, timeZone);
  const bounds = {
    fromHour: Math.floor(start / SECONDS_PER_HOUR),
    toHour: Math.floor(end / SECONDS_PER_HOUR),
    offsetHours: Math.round(zoneOffsetSeconds(timeZone, start * 1000) / SECONDS_PER_HOUR),
  };
  const rows = db
    .prepare(query.tagId === undefined ? countsOfPeriod('') : countsOfPeriod('AND t.id = @tagId'))
    .all({ ...bounds, ...(query.tagId === undefined ? {} : { tagId: query.tagId }) }) as CountRow[];
  const days = new Map<string, TagDayCounts>();
  const tags = new Map<number, TagPeriodCounts>();
  for (const row of rows) {
    const dayKey = `${row.dayIndex} ${row.tagId}`;
    let counts = days.get(dayKey);
    if (!counts) days.set(dayKey, (counts = { tagId: row.tagId, name: row.name, day: dayOf(row.dayIndex), added: emptyCounts(), removed: emptyCounts() }));
    let period = tags.get(row.tagId);
    if (!period) tags.set(row.tagId, (period = { tagId: row.tagId, name: row.name, added: emptyCounts(), removed: emptyCounts() }));
    for (const target of [counts, period]) {
      const side = row.action === 'add' ? target.added : target.removed;
      side[row.source] += row.changes;
      side.total += row.changes;
    }
  }
  const byDayThenName = (a: TagDayCounts, b: TagDayCounts) => a.day.localeCompare(b.day) || byName(a, b);
  return { from: query.from, to: query.to, days: [...days.values()].sort(byDayThenName), tags: [...tags.values()].sort(byName) };
}

function byName(a: { name: string; tagId: number }, b: { name: string; tagId: number }): number {
  return a.name.localeCompare(b.name, 'ja') || a.tagId - b.tagId;
}

function dayOf(dayIndex: number): string {
  return new Date(dayIndex * 86_400_000).toISOString().slice(0, 10);
}

function emptyCounts(): SourceCounts {
  return Object.fromEntries([...tagSources.map((s) => [s, 0]), ['total', 0]]) as SourceCounts;
}
