import { openDatabase, type Db } from '../../db/open';
import type { Clock } from '../../clock';
import type { RuleCondition, TagRule } from './rule-schema';

/** Helpers for the rule engine's tests: a real replica in memory and rules written tersely. */

export function openReplica(): Db {
  return openDatabase(':memory:', { quickCheck: false });
}

export function fixedClock(iso: string): Clock {
  return { now: () => new Date(iso) };
}

let nextId = 1;

/** A rule created `order` minutes after a fixed start, so creation order is what the test says. */
export function rule(
  fields: Partial<TagRule> & { tagId: number; action: 'add' | 'remove'; groups: RuleCondition[][] },
  order = nextId,
): TagRule {
  const id = fields.id ?? nextId++;
  const createdAt = fields.createdAt ?? new Date(Date.UTC(2026, 0, 1, 0, order)).toISOString();
  return {
    id,
    name: fields.name ?? `rule ${id}`,
    match: fields.match ?? (fields.groups.length === 1 ? 'all' : 'any'),
    enabled: fields.enabled ?? true,
    createdAt,
    updatedAt: createdAt,
    ...fields,
  };
}

export function tagsOf(db: Db, tagId: number): number[] {
  return db.prepare('SELECT member_id FROM member_tags WHERE tag_id = ? ORDER BY member_id').pluck().all(tagId) as number[];
}

/** Every member's tags, as "member:tag" pairs, for comparing two replicas. */
export function allMemberTags(db: Db): string[] {
  return (db.prepare('SELECT member_id, tag_id FROM member_tags ORDER BY member_id, tag_id').all() as Array<{ member_id: number; tag_id: number }>).map(
    (r) => `${r.member_id}:${r.tag_id}`,
  );
}
