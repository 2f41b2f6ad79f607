import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../db/open';
import { insertCartCustomer, insertMember, insertOrder, insertTag, tagMember } from '../../../../test/fixtures/replica';
import { evaluateAllMembers } from './evaluate';
import { PREVIEW_SAMPLE, previewRule } from './preview';
import type { RuleCondition } from './rule-schema';
import { fixedClock, openReplica, rule } from './rule-test-support';

const BUYER = 1;
const VIP = 2;
const clock = fixedClock('2026-11-23T03:00:00.000Z');
const linked: RuleCondition = { kind: 'cartLinked' };
const big: RuleCondition = { kind: 'purchaseAmount', op: 'gte', value: 20_000 };

/** Everything a preview must leave alone. */
function snapshot(db: Db): unknown {
  return ['member_tags', 'member_tag_history', 'outbox'].map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all());
}

describe('previewRule', () => {
  let db: Db;
  beforeEach(() => {
    db = openReplica();
    insertTag(db, BUYER, '購入者');
    insertTag(db, VIP, 'VIP');
    // Members 1–30 are linked to the cart; every third spent 30,000 yen; 31–40 are not linked.
    for (let id = 1; id <= 40; id += 1) {
      insertMember(db, { id, displayName: `会員${id}` });
      if (id > 30) continue;
      insertCartCustomer(db, { id, memberId: id, customerNumber: `C${id}` });
      insertOrder(db, { id, cartCustomerId: id, total: id % 3 === 0 ? 30_000 : 1_000, orderedAt: '2026-11-01T00:00:00.000Z' }, [
        { code: 'P', name: 'P', quantity: 1, price: 1_000 },
      ]);
    }
    // Members 31–33 carry VIP from before; members 3 and 6 have it already.
    for (const id of [3, 6, 31, 32, 33]) tagMember(db, id, VIP);
  });

  it('counts the members a new rule would tag, with the first 20 by id, and writes nothing', () => {
    const before = snapshot(db);
    const preview = previewRule(db, { name: 'buyers', tagId: BUYER, action: 'add', match: 'all', groups: [[linked]], enabled: true }, [], clock);
    expect(preview).toMatchObject({ add: 30, remove: 0, matched: 30, otherChanges: 0, cycles: [] });
    expect(preview.sampleAdd).toHaveLength(PREVIEW_SAMPLE);
    expect(preview.sampleAdd.map((m) => m.id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(preview.sampleAdd[0]).toEqual({ id: 1, displayName: '会員1' });
    expect(snapshot(db)).toEqual(before);
    const working = db.prepare("SELECT name FROM temp.sqlite_master WHERE type = 'table' AND name GLOB 'tr_*'").pluck().all() as string[];
    expect(working.map((t) => db.prepare(`SELECT count(*) FROM temp.${t}`).pluck().get())).toEqual(working.map(() => 0));
  });

  it('counts removals, leaving out members without the tag', () => {
    const preview = previewRule(db, { name: 'not linked loses VIP', tagId: VIP, action: 'remove', match: 'all', groups: [[{ kind: 'purchaseAmount', op: 'lte', value: 0 }]], enabled: true }, [], clock);
    expect(preview).toMatchObject({ add: 0, remove: 3, matched: 10 });
    expect(preview.sampleRemove.map((m) => m.id)).toEqual([31, 32, 33]);
  });

  it('shows what is left to do once the saved rules have run, and what the rule sets off in others', () => {
    const saved = [rule({ id: 1, name: 'VIP when buyer and big', tagId: VIP, action: 'add', groups: [[{ kind: 'triggerTag', tagId: BUYER, has: true }, big]] }, 1)];
    const candidate = { name: 'buyers', tagId: BUYER, action: 'add' as const, match: 'all' as const, groups: [[linked]], enabled: true };
    const preview = previewRule(db, candidate, saved, clock);
    // Members 9, 12, …, 30 get VIP through the chain the new rule starts (3 and 6 have it).
    expect(preview).toMatchObject({ add: 30, otherChanges: 8 });

    evaluateAllMembers(db, [...saved, rule({ id: 2, ...candidate }, 2)], { clock });
    const again = previewRule(db, { ...candidate, id: 2, createdAt: '2026-01-01T00:02:00.000Z' }, [...saved, rule({ id: 2, ...candidate }, 2)], clock);
    expect(again).toMatchObject({ add: 0, remove: 0, matched: 30, otherChanges: 0 });
  });

  it('an edited rule replaces the saved one', () => {
    const saved = [rule({ id: 5, name: 'big spenders', tagId: VIP, action: 'add', groups: [[big]] }, 1)];
    evaluateAllMembers(db, saved, { clock });
    const narrowed = previewRule(db, { ...saved[0]!, groups: [[big, { kind: 'operator' }]] }, saved, clock);
    // Nobody has an operator: the edited rule would add nobody, and the saved version is not run beside it.
    expect(narrowed).toMatchObject({ add: 0, remove: 0, matched: 0, otherChanges: 0 });
  });

  it('reports the cycle a rule would make', () => {
    const saved = [rule({ id: 7, name: '商品A→Aタグ', tagId: BUYER, action: 'add', groups: [[linked]] }, 1)];
    const preview = previewRule(db, { name: 'Aタグ→解除', tagId: BUYER, action: 'remove', match: 'all', groups: [[{ kind: 'triggerTag', tagId: BUYER, has: true }]], enabled: true }, saved, clock);
    expect(preview.cycles.map((c) => c.ruleNames)).toEqual([['商品A→Aタグ', 'Aタグ→解除']]);
  });
});
