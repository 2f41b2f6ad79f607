import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { openDatabase, type Db } from '../../db/open';
import { evaluateAllMembers, evaluateMembers } from './evaluate';
import { evaluateScheduled } from './scheduled';
import { createPrng } from '../../../../sandbox/cloud/prng';
import { generateRules, generateShop, shopWriter, type ShopIds } from '../../../../test/fixtures/random-shop';
import { insertTag } from '../../../../test/fixtures/replica';
import { tempDir } from '../../../../test/fixtures/tmp';
import { allMemberTags, fixedClock, openReplica, rule } from './rule-test-support';

const MEMBERS = 10_000;
const DORMANT = 99;
const NOW = new Date('2026-11-23T03:00:00.000Z');
const clock = fixedClock(NOW.toISOString());
const rules = generateRules(createPrng(2026), 40);

/** In memory, or in a file, where full evaluations read part of the conditions on a second connection. */
function shop(file?: string): { db: Db; ids: ShopIds } {
  const db = file ? openDatabase(file, { quickCheck: false }) : openReplica();
  const ids = generateShop(db, { members: MEMBERS, orders: 50_000, seed: 5, now: NOW });
  return { db, ids };
}

/**
 * The same changes on both replicas: new orders, a subscription's status, an operator, a tag
 * removed by hand. Returns the members touched, as sync would report them.
 */
function mutate(db: Db, ids: ShopIds): number[] {
  const random = createPrng(77);
  const writer = shopWriter(db, random, NOW, { ...ids });
  const touched = new Set<number>();
  const customerOf = db.prepare('SELECT id FROM cart_customers WHERE member_id = ? ORDER BY id LIMIT 1').pluck();
  const subscriptionOf = db.prepare('SELECT s.id FROM subscriptions s JOIN cart_customers cc ON cc.id = s.cart_customer_id WHERE cc.member_id = ? LIMIT 1').pluck();
  const tagOf = db.prepare('SELECT tag_id FROM member_tags WHERE member_id = ? ORDER BY tag_id LIMIT 1').pluck();
  db.transaction(() => {
    for (let k = 0; k < 300; k += 1) {
      const member = random.int(1, MEMBERS);
      touched.add(member);
      const customer = customerOf.get(member) as number | undefined;
      const subscription = subscriptionOf.get(member) as number | undefined;
      const tag = tagOf.get(member) as number | undefined;
      switch (random.int(0, 3)) {
        case 0:
          if (customer) writer.customer(customer, random.int(1, 3));
          break;
        case 1:
          if (subscription) db.prepare('UPDATE subscriptions SET status = ?, continuation_count = continuation_count + 1 WHERE id = ?').run(random.pick(['active', 'stopped', 'paused']), subscription);
          break;
        case 2:
          db.prepare('UPDATE members SET operator = ? WHERE id = ?').run(random.chance(0.5) ? '田中' : null, member);
          break;
        default:
          if (tag) db.prepare('DELETE FROM member_tags WHERE member_id = ? AND tag_id = ?').run(member, tag);
      }
    }
  })();
  return [...touched].sort((a, b) => a - b);
}

/** Rule history, its counts per day (a full run adds a batch's at a time, an incremental one its few), and operations. */
function counts(db: Db): { history: number; days: unknown[]; outbox: number } {
  return {
    history: db.prepare("SELECT count(*) FROM member_tag_history WHERE source = 'rule'").pluck().get() as number,
    days: db
      .prepare("SELECT date(hour * 3600, 'unixepoch', '+9 hours'), tag_id, action, sum(changes) FROM tag_history_hours WHERE source = 'rule' GROUP BY 1, 2, 3 ORDER BY 1, 2, 3")
      .raw()
      .all(),
    outbox: db.prepare('SELECT count(*) FROM outbox').pluck().get() as number,
  };
}

describe('incremental and full evaluation', () => {
  it('give identical tags on a randomized 10,000-member shop, and so does the scheduled run', () => {
    const tmp = tempDir();
    const full = shop(path.join(tmp.dir, 'full.sqlite'));
    onTestFinished(() => {
      full.db.close();
      tmp.remove();
    });
    const incremental = shop();
    expect(allMemberTags(incremental.db)).toEqual(allMemberTags(full.db));

    const fullResult = evaluateAllMembers(full.db, rules, { clock, parallelFrom: 0 });
    expect(fullResult.parallel).toBe(true);
    // Every member, in shuffled batches of random size, as bursts of sync pages would ask.
    const random = createPrng(9);
    const order = Array.from({ length: MEMBERS }, (_, i) => i + 1);
    for (let i = order.length - 1; i > 0; i -= 1) {
      const j = random.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let incrementalChanges = 0;
    for (let start = 0; start < order.length; ) {
      const size = random.int(1, 700);
      incrementalChanges += evaluateMembers(incremental.db, rules, order.slice(start, start + size), { clock }).changes;
      start += size;
    }

    // The rule set does something: many changes, and most rules match someone.
    expect(fullResult.changes).toBeGreaterThan(5_000);
    expect([...fullResult.matched.values()].filter((n) => n > 0).length).toBeGreaterThan(rules.length / 2);
    expect(incrementalChanges).toBe(fullResult.changes);
    expect(allMemberTags(incremental.db)).toEqual(allMemberTags(full.db));
    expect(counts(incremental.db)).toEqual(counts(full.db));

    // Then the same data changes on both: a full run against evaluating just the touched members.
    const touchedFull = mutate(full.db, full.ids);
    const touched = mutate(incremental.db, incremental.ids);
    expect(touched).toEqual(touchedFull);
    const later = evaluateAllMembers(full.db, rules, { clock, parallelFrom: 0 });
    const laterIncremental = evaluateMembers(incremental.db, rules, touched, { clock });
    expect(later.changes).toBeGreaterThan(0);
    expect(laterIncremental.changes).toBe(later.changes);
    expect(allMemberTags(incremental.db)).toEqual(allMemberTags(full.db));
    expect(counts(incremental.db)).toEqual(counts(full.db));

    // And nothing is left to do for either.
    expect(evaluateAllMembers(incremental.db, rules, { clock }).changes).toBe(0);
    expect(evaluateAllMembers(full.db, rules, { clock }).changes).toBe(0);

    // The quarter-hour run, told nothing: the same changes, then three days and seven hours
    // later (every "within N days" window has moved), against a full run at that time. Two more
    // rules make the windows matter: a dormant tag for linked members without a purchase in the
    // last 30 days.
    const dormant = [
      rule({ id: 1001, name: '連携済み', tagId: DORMANT, action: 'add', groups: [[{ kind: 'cartLinked' }]], createdAt: '2027-01-01T00:00:00.000Z' }),
      rule({ id: 1002, name: '30日以内に購入', tagId: DORMANT, action: 'remove', groups: [[{ kind: 'purchaseDate', op: 'withinDays', days: 30 }]], createdAt: '2027-01-01T00:01:00.000Z' }),
    ];
    const withDormant = [...rules, ...dormant];
    const scheduled = shop();
    insertTag(scheduled.db, DORMANT, '休眠');
    expect(evaluateScheduled(scheduled.db, withDormant, { clock }).kind).toBe('full');
    mutate(scheduled.db, scheduled.ids);
    const laterClock = fixedClock(new Date(NOW.getTime() + (3 * 24 + 7) * 3_600_000).toISOString());
    insertTag(full.db, DORMANT, '休眠');
    const fullLater = evaluateAllMembers(full.db, withDormant, { clock: laterClock, parallelFrom: 0 });
    const scheduledLater = evaluateScheduled(scheduled.db, withDormant, { clock: laterClock });
    expect(scheduledLater.kind).toBe('pending');
    expect(scheduledLater.evaluated).toBeLessThan(MEMBERS / 2);
    expect(scheduledLater.adds).toBeGreaterThan(0);
    expect(allMemberTags(scheduled.db)).toEqual(allMemberTags(full.db));
    expect(fullLater.changes).toBeGreaterThan(scheduledLater.changes);
  });
});
