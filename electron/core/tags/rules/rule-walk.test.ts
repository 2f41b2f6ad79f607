import { describe, expect, it } from 'vitest';
import { createPrng, type Prng } from '../../../../sandbox/cloud/prng';
import { hasMember, memberSet, walkRules, type MemberSet, type WalkRule } from './rule-walk';

/** The rules run member by member and pass by pass, the way the seed describes them: the reference. */
function reference(size: number, rules: readonly WalkRule[], tags: boolean[][]): { changes: Array<[number, number]>; settled: boolean } {
  const changes: Array<[number, number]> = [];
  let settled = true;
  for (let m = 0; m < size; m += 1) {
    const start = tags.map((t) => t[m]!);
    const current = [...start];
    const last = start.map(() => -1);
    let stable = false;
    for (let pass = 0; pass < rules.length + 1 && !stable; pass += 1) {
      const before = [...current];
      rules.forEach((rule, r) => {
        const hit = rule.groups.some(
          (g) => g.conditions.every((c) => hasMember(c, m)) && g.triggers.every((t) => current[t.slot] === t.has),
        );
        if (hit && current[rule.slot] !== rule.add) {
          current[rule.slot] = rule.add;
          last[rule.slot] = r;
        }
      });
      stable = before.every((v, s) => v === current[s]);
    }
    if (!stable) settled = false;
    const mine = current.flatMap((v, s) => (v !== start[s] ? [last[s]!] : [])).sort((a, b) => a - b);
    for (const r of mine) changes.push([m, r]);
  }
  return { changes, settled };
}

function randomSet(random: Prng, size: number, share: number): MemberSet {
  const set = memberSet(size);
  for (let m = 0; m < size; m += 1) if (random.next() < share) set[m >>> 5]! |= 1 << (m & 31);
  return set;
}

function run(size: number, rules: WalkRule[], tags: MemberSet[]) {
  const changes: Array<[number, number]> = [];
  const outcome = walkRules(size, rules, tags, (m, r) => changes.push([m, r]));
  return { changes, outcome };
}

describe('walkRules', () => {
  it('agrees with running the rules member by member on random rule sets, tags and member counts', () => {
    const random = createPrng(7);
    for (let round = 0; round < 60; round += 1) {
      const size = random.int(1, 300);
      const slots = random.int(1, 5);
      const conditions = Array.from({ length: 6 }, () => randomSet(random, size, random.next()));
      const rules: WalkRule[] = Array.from({ length: random.int(1, 8) }, () => ({
        slot: random.int(0, slots - 1),
        add: random.next() < 0.6,
        groups: Array.from({ length: random.int(1, 3) }, () => ({
          conditions: Array.from({ length: random.int(0, 2) }, () => conditions[random.int(0, 5)]!),
          triggers: Array.from({ length: random.int(0, 2) }, () => ({ slot: random.int(0, slots - 1), has: random.next() < 0.5 })),
        })).filter((g) => g.conditions.length + g.triggers.length > 0),
      })).filter((r) => r.groups.length > 0);
      const tags = Array.from({ length: slots }, () => randomSet(random, size, 0.3));
      const asBooleans = tags.map((t) => Array.from({ length: size }, (_, m) => hasMember(t, m)));
      const expected = reference(size, rules, asBooleans);
      const { changes, outcome } = run(size, rules, tags);
      expect(changes).toEqual(expected.changes);
      expect(outcome.settled).toBe(expected.settled);
    }
  });

  it('never reports members past the last one, even for a rule on an absent tag alone', () => {
    const size = 37;
    const rules: WalkRule[] = [{ slot: 0, add: true, groups: [{ conditions: [], triggers: [{ slot: 1, has: false }] }] }];
    const { changes, outcome } = run(size, rules, [memberSet(size), memberSet(size)]);
    expect(changes.map(([m]) => m)).toEqual(Array.from({ length: size }, (_, m) => m));
    expect(outcome.matched).toEqual([size]);
  });

  it('settles a chain created against its order in a second pass and names the rule of each change', () => {
    const size = 40;
    const product = memberSet(size);
    product[0] = 0b1010;
    // Rule 0: tag B when tag A. Rule 1: tag A when the product; created after rule 0.
    const rules: WalkRule[] = [
      { slot: 1, add: true, groups: [{ conditions: [], triggers: [{ slot: 0, has: true }] }] },
      { slot: 0, add: true, groups: [{ conditions: [product], triggers: [] }] },
    ];
    const { changes, outcome } = run(size, rules, [memberSet(size), memberSet(size)]);
    expect(changes).toEqual([
      [1, 0],
      [1, 1],
      [3, 0],
      [3, 1],
    ]);
    expect(outcome.passes).toBe(3);
    expect(outcome.settled).toBe(true);
    expect(outcome.matched).toEqual([0, 2]);
  });

  it('keeps nothing when a later rule undoes an earlier one in the same pass', () => {
    const size = 5;
    const all = memberSet(size);
    all[0] = 0b11111;
    const rules: WalkRule[] = [
      { slot: 0, add: true, groups: [{ conditions: [all], triggers: [] }] },
      { slot: 0, add: false, groups: [{ conditions: [all], triggers: [] }] },
    ];
    const { changes, outcome } = run(size, rules, [memberSet(size)]);
    expect(changes).toEqual([]);
    expect(outcome.passes).toBe(1);
  });
});
