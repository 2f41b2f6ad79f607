import { tagSources, type TagSource } from '../../sync/change-schemas';
import type { Db } from '../open';

/** Changes of one kind on one tag, by who made them: staff by hand, a rule, the robot, the cloud. */
export type SourceCounts = Record<TagSource, number> & { total: number };

export interface TagDayCounts {
  tagId: number;
  name: string;
  /** The day in Japan, YYYY-MM-DD. */
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
  /** First and last Japan day of the period, both included (YYYY-MM-DD). */
  from: string;
  to: string;
}

interface CountRow {
  tagId: number;
  name: string;
  action: 'add' | 'remove';
  source: TagSource;
  n: number;
}

/** Japan has kept no daylight saving since 1951: its midnight is 15:00 UTC the day before. */
const JAPAN_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;

/**
 * One Japan day's changes per tag. History stamps are written in one UTC form
 * (YYYY-MM-DDTHH:MM:SS.sssZ, see sync/entity-writers.ts), so a day is a text range of the index,
 * counted without a function call per row; the tags table leads, so each tag is one range.
 */
const countedDay = (tagFilter: string) => `
  SELECT t.id AS tagId, t.name, h.action, h.source, count(*) AS n
  FROM tags t JOIN member_tag_history h ON h.tag_id = t.id
  WHERE ${tagFilter} h.at >= @start AND h.at < @end
  GROUP BY t.id, h.action, h.source`;

/** Adds and removes per tag per Japan day over a period, by source. */
export function tagHistoryCounts(db: Db, query: TagHistoryQuery): TagHistoryCounts {
  const statement = db.prepare(query.tagId === undefined ? countedDay('') : countedDay('t.id = @tagId AND'));
  const days: TagDayCounts[] = [];
  const tags = new Map<number, TagPeriodCounts>();
  for (const day of japanDays(query.from, query.to)) {
    const rows = statement.all({ start: day.start, end: day.end, ...(query.tagId === undefined ? {} : { tagId: query.tagId }) }) as CountRow[];
    const ofDay = new Map<number, TagDayCounts>();
    for (const row of rows) {
      let counts = ofDay.get(row.tagId);
      if (!counts) ofDay.set(row.tagId, (counts = { tagId: row.tagId, name: row.name, day: day.day, added: emptyCounts(), removed: emptyCounts() }));
      let period = tags.get(row.tagId);
      if (!period) tags.set(row.tagId, (period = { tagId: row.tagId, name: row.name, added: emptyCounts(), removed: emptyCounts() }));
      for (const target of [counts, period]) {
        const side = row.action === 'add' ? target.added : target.removed;
        side[row.source] += row.n;
        side.total += row.n;
      }
    }
    days.push(...[...ofDay.values()].sort(byName));
  }
  return { from: query.from, to: query.to, days, tags: [...tags.values()].sort(byName) };
}

/** Each Japan day of [from, to] with its bounds as UTC stamps. */
function japanDays(from: string, to: string): Array<{ day: string; start: string; end: string }> {
  const days = [];
  for (let midnight = Date.parse(`${from}T00:00:00Z`); midnight <= Date.parse(`${to}T00:00:00Z`); midnight += DAY_MS) {
    const start = midnight - JAPAN_OFFSET_MS;
    days.push({ day: new Date(midnight).toISOString().slice(0, 10), start: new Date(start).toISOString(), end: new Date(start + DAY_MS).toISOString() });
  }
  return days;
}

function byName(a: { name: string; tagId: number }, b: { name: string; tagId: number }): number {
  return a.name.localeCompare(b.name, 'ja') || a.tagId - b.tagId;
}

function emptyCounts(): SourceCounts {
  return Object.fromEntries([...tagSources.map((s) => [s, 0]), ['total', 0]]) as SourceCounts;
}
