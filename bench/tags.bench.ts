import path from 'node:path';
import { openDatabase } from '../electron/core/db/open';
import { evaluateMembers, evaluateScheduled } from '../electron/core/tags/rule-engine';
import { createPrng } from '../sandbox/cloud/prng';
import { generateRules, generateShop, shopWriter } from '../test/fixtures/random-shop';
import { tempDir } from '../test/fixtures/tmp';
import type { BenchResult } from './report';
import { percentile } from './stats';
import { rawWriteSeconds, type RawChange } from './tags/raw-writes';

const MEMBERS = Number(process.env.TANTO_BENCH_TAG_MEMBERS ?? 1_000_000);
const ORDERS = MEMBERS * 5;
const RULES = 50;
const INCREMENTAL_SAMPLES = 200;
const NOW = new Date('2026-11-23T03:00:00.000Z');

/**
 * Tag auto-setting on a shop of 1,000,000 members and 5,000,000 orders and child orders with 50
 * rules over every condition kind: the first full evaluation from no rule tags, a scheduled
 * re-evaluation after 1% of the members received new orders, and the incremental path for one
 * member. The baseline writes the first evaluation's changes row by row with prepared statements.
 */
export default async function tagsBench(): Promise<BenchResult> {
  const tmp = tempDir('tanto-bench-tags-');
  const db = openDatabase(path.join(tmp.dir, 'replica.sqlite'));
  const notes: string[] = [];
  try {
    let t = performance.now();
    const ids = generateShop(db, { members: MEMBERS, orders: ORDERS, seed: 11, now: NOW });
    const orderRows = db.prepare('SELECT count(*) FROM orders').pluck().get() as number;
    const childRows = db.prepare('SELECT count(*) FROM orders WHERE parent_order_id IS NOT NULL').pluck().get() as number;
    notes.push(`Shop: ${MEMBERS} members, ${ids.customers} customer numbers, ${orderRows} orders of which ${childRows} child orders, ${ids.subscriptions} subscriptions; generated in ${((performance.now() - t) / 1000).toFixed(1)} s.`);

    const rules = generateRules(createPrng(50), RULES);
    let clockMs = NOW.getTime();
    const clock = { now: () => new Date(clockMs) };

    t = performance.now();
    const first = evaluateScheduled(db, rules, { clock });
    const firstS = (performance.now() - t) / 1000;
    if (first.kind !== 'full') throw new Error('The first scheduled run should evaluate every member.');
    for (const rule of rules) {
      const kinds = rule.groups.map((g) => g.map((c) => c.kind).join('+')).join(' | ');
      notes.push(`${rule.name} (${rule.action} tag ${rule.tagId}; ${kinds}): matches ${first.matched.get(rule.id) ?? 0} members`);
    }
    notes.push(
      `First evaluation: ${first.adds} adds, ${first.removes} removes in ${first.passes} passes${first.settled ? '' : ' (NOT settled)'}; ` +
        `conditions read on ${first.parallel ? 'two connections' : 'one connection'}.`,
    );

    const history = db.prepare(
      "SELECT member_id AS memberId, tag_id AS tagId, action, source_detail AS detail FROM member_tag_history WHERE source = 'rule' ORDER BY id",
    );
    const rawS = rawWriteSeconds(path.join(tmp.dir, 'baseline.sqlite'), () => history.iterate() as Iterable<RawChange>, NOW.toISOString());

    // 1% of the members receive new orders, then the :15 run.
    const random = createPrng(99);
    const writer = shopWriter(db, random, new Date(NOW.getTime() + 15 * 60_000), { ...ids });
    const customers = db.prepare('SELECT id FROM cart_customers WHERE member_id = ? LIMIT 1').pluck();
    db.transaction(() => {
      for (let k = 0; k < MEMBERS / 100; k += 1) {
        const customer = customers.get(random.int(1, MEMBERS)) as number | undefined;
        if (customer) writer.customer(customer, random.int(1, 3));
      }
    })();
    clockMs += 15 * 60_000;
    t = performance.now();
    const steady = evaluateScheduled(db, rules, { clock });
    const steadyS = (performance.now() - t) / 1000;
    // What the same quarter costs when every member is evaluated again, as the anchor does.
    clockMs += 15 * 60_000;
    t = performance.now();
    const everyone = evaluateScheduled(db, rules, { clock, full: true });
    const everyoneS = (performance.now() - t) / 1000;

    // The incremental path: one member's new order, then that member's rules committed.
    const latencies: number[] = [];
    for (let k = 0; k < INCREMENTAL_SAMPLES; k += 1) {
      const member = random.int(1, MEMBERS);
      const customer = customers.get(member) as number | undefined;
      if (customer) writer.customer(customer, 1);
      const started = performance.now();
      evaluateMembers(db, rules, [member], { clock });
      latencies.push(performance.now() - started);
    }

    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const changesPerS = Math.round(first.changes / firstS);
    const rawPerS = Math.round(first.changes / rawS);
    return {
      name: 'tags',
      metrics: [
        { metric: 'members', value: MEMBERS, unit: 'members', target: '' },
        { metric: 'orders', value: orderRows, unit: 'orders', target: '' },
        { metric: 'rules', value: rules.length, unit: 'rules', target: '' },
        { metric: 'first_eval_s', value: firstS, unit: 's', target: '' },
        { metric: 'changes', value: first.changes, unit: 'changes', target: '' },
        { metric: 'changes_per_s', value: changesPerS, unit: 'changes/s', target: '>= 100000' },
        { metric: 'write_changes_per_s', value: Math.round(first.changes / (first.writeMs / 1000)), unit: 'changes/s', target: '' },
        { metric: 'raw_write_changes_per_s', value: rawPerS, unit: 'changes/s', target: '' },
        { metric: 'ratio_to_raw_writes', value: first.changes / (first.writeMs / 1000) / rawPerS, unit: 'x', target: '' },
        { metric: 'steady_eval_s', value: steadyS, unit: 's', target: '< 10' },
        { metric: 'steady_changes', value: steady.changes, unit: 'changes', target: '' },
        { metric: 'steady_members', value: steady.evaluated, unit: 'members', target: '' },
        { metric: 'steady_full_eval_s', value: everyoneS, unit: 's', target: '' },
        { metric: 'incremental_p50_ms', value: percentile(latencies, 50), unit: 'ms', target: '' },
        { metric: 'incremental_p99_ms', value: percentile(latencies, 99), unit: 'ms', target: '< 100' },
        { metric: 'peak_rss_mb', value: Math.round(peakRssMb), unit: 'MB', target: '' },
      ],
      notes: [
        ...notes,
        `changes_per_s is the whole first evaluation (conditions, rules, and each change's member tag, history row and outbox operation) over its changes;`,
        `write_changes_per_s is the writing alone (${(first.computeMs / 1000).toFixed(1)} s went to working out the changes); ratio_to_raw_writes compares it with`,
        `raw_write_changes_per_s, which writes the same changes alone, row by row with prepared statements, into a fresh replica (WAL, synchronous=FULL).`,
        `Steady: the :15 run (${steady.kind}) evaluated ${steady.evaluated} members (those whose data changed, and those a purchase window moved past): ${steady.adds} adds, ${steady.removes} removes after ${MEMBERS / 100} members received 1–3 new orders each.`,
        `steady_full_eval_s evaluates all ${MEMBERS} members again at :30 (${everyone.changes} changes): what a run that does not know who changed would cost.`,
      ],
    };
  } finally {
    db.close();
    tmp.remove();
  }
}
