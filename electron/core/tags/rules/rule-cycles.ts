import { inCreationOrder } from './rule-order';
import type { TagRule } from './rule-schema';

type CycleRule = Pick<TagRule, 'id' | 'name' | 'tagId' | 'action' | 'groups' | 'createdAt'> & { enabled?: boolean };

export interface RuleCycle {
  /** The rules in the order the effect travels: the first sets the tag, the last undoes it. */
  ruleIds: number[];
  ruleNames: string[];
  /** The tag the first rule sets and the last rule undoes. */
  tagId: number;
  message: string;
}

/**
 * Rule sets that fight themselves (seed 002: 商品Aの時に「Aタグが付与」、Aタグが付与されたときに
 * 「Aタグを解除」). Rule R reaches rule S when S has a trigger-tag condition, present or absent,
 * on the tag R acts on: R's action can change the truth of S's condition. A fight is a rule R
 * acting on tag T and a rule S acting on T the other way that R reaches, directly or through a
 * chain: R's change sets S off, S undoes R, and R's condition still holds, so it starts again.
 * Chains that only move forward (tag A adds tag B) are not fights. The check is conservative: a
 * reachable undo is refused even where the conditions could never hold at once.
 * Disabled rules never run and are left out; enabling one is a save and is checked then.
 */
export function findRuleCycles(rules: readonly CycleRule[]): RuleCycle[] {
  const active = inCreationOrder(rules.filter((r) => r.enabled !== false));
  const readers = new Map<number, CycleRule[]>();
  for (const rule of active) {
    for (const tagId of triggerTagsOf(rule)) {
      const list = readers.get(tagId) ?? [];
      if (!list.includes(rule)) list.push(rule);
      readers.set(tagId, list);
    }
  }
  const cycles: RuleCycle[] = [];
  const reported = new Set<string>();
  for (const from of active) {
    const paths = shortestPathsFrom(from, readers);
    for (const to of active) {
      if (to.tagId !== from.tagId || to.action === from.action) continue;
      const path = paths.get(to.id);
      if (!path) continue;
      const key = [from.id, to.id].sort((a, b) => a - b).join('-');
      if (reported.has(key)) continue;
      reported.add(key);
      cycles.push(describe(path, from.tagId));
    }
  }
  return cycles;
}

function triggerTagsOf(rule: CycleRule): number[] {
  return rule.groups.flat().flatMap((c) => (c.kind === 'triggerTag' ? [c.tagId] : []));
}

/** Breadth first over "R's tag is read by S", so the reported chain is the shortest one. */
function shortestPathsFrom(start: CycleRule, readers: Map<number, CycleRule[]>): Map<number, CycleRule[]> {
  const paths = new Map<number, CycleRule[]>();
  const queue: CycleRule[][] = [[start]];
  while (queue.length > 0) {
    const path = queue.shift()!;
    const last = path[path.length - 1]!;
    for (const next of readers.get(last.tagId) ?? []) {
      if (paths.has(next.id)) continue;
      const extended = [...path, next];
      paths.set(next.id, extended);
      queue.push(extended);
    }
  }
  return paths;
}

function describe(path: CycleRule[], tagId: number): RuleCycle {
  const names = path.map((r) => r.name);
  const first = path[0]!;
  const last = path[path.length - 1]!;
  return {
    ruleIds: path.map((r) => r.id),
    ruleNames: names,
    tagId,
    message:
      `The rules ${names.map((n) => `"${n}"`).join(' → ')} fight over tag ${tagId}: ` +
      `"${last.name}" ${last.action === 'add' ? 'adds' : 'removes'} what "${first.name}" ${first.action === 'add' ? 'adds' : 'removes'}, and sets it off again.`,
  };
}
