/**
 * The rules, run over member sets the SQL side filled: what each member's tags end up as, and
 * which rule made each net change. Sets are bitsets (bit m of word m >> 5 is the member at
 * position m), so one operation covers 32 members and a rule costs microseconds per thousand
 * members.
 */

export type MemberSet = Uint32Array;

export function memberSet(size: number): MemberSet {
  return new Uint32Array((size + 31) >>> 5);
}

export function hasMember(set: MemberSet, m: number): boolean {
  return (set[m >>> 5]! & (1 << (m & 31))) !== 0;
}

export interface WalkGroup {
  /** Data conditions: the members each holds for. */
  conditions: MemberSet[];
  /** Trigger tags, by slot in the working tags. */
  triggers: Array<{ slot: number; has: boolean }>;
}

export interface WalkRule {
  /** The tag's slot in the working tags. */
  slot: number;
  add: boolean;
  groups: WalkGroup[];
}

export interface WalkOutcome {
  /** Passes over the rules until one changed nothing (or the bound). */
  passes: number;
  settled: boolean;
  /** Members each rule matched in the first pass, by rule position. */
  matched: number[];
}

/**
 * `tags[slot]` holds the members that have the slot's tag (changed in place to the result).
 * Rules run in the given order, each seeing what the earlier ones did. When a pass leaves a
 * member's tags other than it found them, the member goes through the rules again (a chain created
 * against its order settles), up to rules + 1 passes. A rule undone by a later one in the same pass
 * is no change. For every tag whose final state differs from the start, `change(member, rule)`
 * reports the member's position and the last rule that changed the tag, members ascending and each
 * member's changes in rule order.
 *
 * Each pass runs rule by rule over every member at once. A further pass over a member whose tags
 * the last pass left as they were changes nothing (the same rules fire on the same tags), so
 * passing everyone until a pass changes nobody gives each member exactly what running the passes
 * member by member would.
 */
export function walkRules(
  size: number,
  rules: readonly WalkRule[],
  tags: MemberSet[],
  change: (member: number, rule: number) => void,
): WalkOutcome {
  const original = tags.map((t) => t.slice());
  const last = tags.map(() => new Uint16Array(size));
  const tail = size & 31;
  const scratch = { match: memberSet(size), part: memberSet(size), tailMask: tail === 0 ? 0xffffffff : (1 << tail) - 1 };
  const maxPasses = rules.length + 1;
  let matched: number[] = [];
  let passes = 0;
  let settled = false;
  let start = original;
  while (passes < maxPasses && !settled) {
    passes += 1;
    if (passes > 1) start = tags.map((t) => t.slice());
    const hits = rules.map((rule, r) => applyRule(rule, r, tags, last[rule.slot]!, scratch));
    if (passes === 1) matched = hits;
    settled = tags.every((t, s) => sameSet(t, start[s]!));
  }
  reportChanges(tags, original, last, change);
  return { passes: Math.max(1, passes), settled, matched };
}

interface Scratch {
  match: MemberSet;
  part: MemberSet;
  /** The bits of the last word that are members. */
  tailMask: number;
}

/** One rule over every member: which match, and the action applied where the tag differs. Returns the matches. */
function applyRule(rule: WalkRule, r: number, tags: MemberSet[], last: Uint16Array, scratch: Scratch): number {
  const { match, part } = scratch;
  const words = match.length;
  match.fill(0);
  for (const group of rule.groups) {
    part.fill(0xffffffff);
    for (const set of group.conditions) for (let w = 0; w < words; w += 1) part[w]! &= set[w]!;
    for (const t of group.triggers) {
      const tag = tags[t.slot]!;
      if (t.has) for (let w = 0; w < words; w += 1) part[w]! &= tag[w]!;
      else for (let w = 0; w < words; w += 1) part[w]! &= ~tag[w]!;
    }
    for (let w = 0; w < words; w += 1) match[w]! |= part[w]!;
  }
  // A group of absent trigger tags alone would match the bits past the last member.
  if (words > 0) match[words - 1]! &= scratch.tailMask;
  const tag = tags[rule.slot]!;
  let hits = 0;
  for (let w = 0; w < words; w += 1) {
    const bits = match[w]!;
    if (bits === 0) continue;
    hits += popcount(bits);
    const flips = rule.add ? bits & ~tag[w]! : bits & tag[w]!;
    if (flips === 0) continue;
    tag[w] = rule.add ? tag[w]! | bits : tag[w]! & ~bits;
    forEachBit(flips, (b) => (last[(w << 5) | b] = r));
  }
  return hits;
}

function reportChanges(tags: MemberSet[], original: MemberSet[], last: Uint16Array[], change: (member: number, rule: number) => void): void {
  const words = tags[0]?.length ?? 0;
  const changed: number[] = [];
  for (let w = 0; w < words; w += 1) {
    let any = 0;
    for (let s = 0; s < tags.length; s += 1) any |= tags[s]![w]! ^ original[s]![w]!;
    if (any === 0) continue;
    forEachBit(any, (b) => {
      const m = (w << 5) | b;
      changed.length = 0;
      for (let s = 0; s < tags.length; s += 1) if (((tags[s]![w]! ^ original[s]![w]!) >>> b) & 1) changed.push(last[s]![m]!);
      if (changed.length > 1) changed.sort((x, y) => x - y);
      for (const r of changed) change(m, r);
    });
  }
}

function forEachBit(bits: number, visit: (bit: number) => void): void {
  let rest = bits;
  while (rest !== 0) {
    const low = rest & -rest;
    visit(31 - Math.clz32(low));
    rest ^= low;
  }
}

function popcount(bits: number): number {
  let v = bits - ((bits >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function sameSet(a: MemberSet, b: MemberSet): boolean {
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}
