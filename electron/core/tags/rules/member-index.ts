import { memberSet, type MemberSet } from './rule-walk';

/**
 * Member ids move between SQLite and the evaluator as one group_concat text per set: reading a
 * million ids that way and parsing them takes a tenth of what a million result rows cost through
 * the driver, and the engine only ever needs whole sets.
 */

/** The integers of a comma-separated list (group_concat's output); null or '' is no ids. */
export function parseIdList(text: string | null | undefined, visit: (id: number) => void): void {
  if (!text) return;
  let value = 0;
  let negative = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      visit(negative ? -value : value);
      value = 0;
      negative = false;
    } else if (c === 45) {
      negative = true;
    } else {
      value = value * 10 + (c - 48);
    }
  }
  visit(negative ? -value : value);
}

/**
 * The members an evaluation covers, ascending, each with a position 0..size-1 that indexes the
 * evaluator's per-member arrays. Ids are usually dense (the cloud numbers members in order), so a
 * direct table maps them; sparse ids fall back to a Map.
 */
export class MemberIndex {
  readonly ids: Float64Array;
  private readonly dense: Int32Array | null;
  private readonly sparse: Map<number, number> | null;

  constructor(sortedIdList: string | null) {
    const ids: number[] = [];
    parseIdList(sortedIdList, (id) => ids.push(id));
    this.ids = Float64Array.from(ids);
    const max = ids.length > 0 ? ids[ids.length - 1]! : 0;
    const min = ids.length > 0 ? ids[0]! : 0;
    if (min >= 0 && max <= ids.length * 4 + 1024) {
      this.dense = new Int32Array(max + 1).fill(-1);
      ids.forEach((id, position) => (this.dense![id] = position));
      this.sparse = null;
    } else {
      this.dense = null;
      this.sparse = new Map(ids.map((id, position) => [id, position]));
    }
  }

  get size(): number {
    return this.ids.length;
  }

  /** The member's position, or -1 when the member is not covered. */
  position(id: number): number {
    if (this.dense) return id >= 0 && id < this.dense.length ? this.dense[id]! : -1;
    return this.sparse!.get(id) ?? -1;
  }

  /** The covered members in the list, as a set of positions. */
  set(idList: string | null): MemberSet {
    const set = memberSet(this.size);
    parseIdList(idList, (id) => {
      const p = this.position(id);
      if (p >= 0) set[p >>> 5]! |= 1 << (p & 31);
    });
    return set;
  }
}
