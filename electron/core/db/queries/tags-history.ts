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
  day: string;
  action: 'add' | 'remove';
  source: TagSource;
  changes: number;
}

/** The counts the history writers keep per Japan day (migration 7): a row per day, tag, action and source. */
const countsOfPeriod = (tagFilter: string) => `
  SELECT t.id AS tagId, t.name, d.day, d.action, d.source, d.changes
  FROM tag_history_days d JOIN tags t ON t.id = d.tag_id
  WHERE d.day BETWEEN @from AND @to ${tagFilter}`;

/** Adds and removes per tag per Japan day over a period, by source. */
export function tagHistoryCounts(db: Db, query: TagHistoryQuery): TagHistoryCounts {
  const rows = db
    .prepare(query.tagId === undefined ? countsOfPeriod('') : countsOfPeriod('AND d.tag_id = @tagId'))
    .all({ from: query.from, to: query.to, ...(query.tagId === undefined ? {} : { tagId: query.tagId }) }) as CountRow[];
  const days = new Map<string, TagDayCounts>();
  const tags = new Map<number, TagPeriodCounts>();
  for (const row of rows) {
    const dayKey = `${row.day} ${row.tagId}`;
    let counts = days.get(dayKey);
    if (!counts) days.set(dayKey, (counts = { tagId: row.tagId, name: row.name, day: row.day, added: emptyCounts(), removed: emptyCounts() }));
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

function emptyCounts(): SourceCounts {
  return Object.fromEntries([...tagSources.map((s) => [s, 0]), ['total', 0]]) as SourceCounts;
}
