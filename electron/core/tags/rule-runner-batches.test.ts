import { afterEach, describe, expect, it } from 'vitest';
import { handlers } from '../api/handlers';
import { createApi } from '../api/registry';
import type { Db } from '../db/open';
import { createEventBus, type CoreEvents, type EventBus } from '../events';
import type { SyncService } from '../sync/types';
import { createPrng } from '../../../sandbox/cloud/prng';
import { generateRules, generateShop } from '../../../test/fixtures/random-shop';
import { insertTag } from '../../../test/fixtures/replica';
import { createRuleRunner, type RuleRunner } from './rule-runner';
import { allMemberTags, fixedClock, openReplica, rule, tagsOf } from './rules/rule-test-support';
import type { TagRule } from './rules/rule-schema';

const MEMBERS = 20_000;
const NOW = new Date('2026-11-23T03:00:00.000Z');
const clock = fixedClock(NOW.toISOString());

function shop(): Db {
  const db = openReplica();
  generateShop(db, { members: MEMBERS, orders: 60_000, seed: 8, now: NOW });
  return db;
}

/** What an evaluation leaves behind besides the tags: the history and the operations for the cloud, in order. */
function written(db: Db): { history: unknown[]; outbox: unknown[] } {
  return {
    history: db.prepare('SELECT member_id, tag_id, action, source, source_detail, at FROM member_tag_history ORDER BY id').raw().all(),
    outbox: db.prepare('SELECT kind, payload, created_at FROM outbox ORDER BY seq').raw().all(),
  };
}

function recorder<E extends keyof CoreEvents>(events: EventBus, name: E): CoreEvents[E][] {
  const seen: CoreEvents[E][] = [];
  events.on(name, (payload) => seen.push(payload));
  return seen;
}

describe('the rule runner in batches', () => {
  const runners: RuleRunner[] = [];
  afterEach(() => {
    for (const runner of runners.splice(0)) runner.stop();
  });

  /** Batches sized by time unless `batchMembers` is given. */
  function runnerFor(db: Db, events: EventBus, loadRules: () => TagRule[], batchMembers?: number): RuleRunner {
    const runner = createRuleRunner({ db, events, clock, loadRules, batchMembers });
    runners.push(runner);
    return runner;
  }

  it('answers API calls made during a full evaluation before it ends, and tags, records and announces what one evaluation does', async () => {
    const rules = generateRules(createPrng(2026), 30);
    const batchedDb = shop();
    const events = createEventBus();
    const runner = runnerFor(batchedDb, events, () => rules);
    const api = createApi(handlers, { db: batchedDb, clock, events, sync: {} as SyncService, tagRuleProgress: () => runner.progress() }, () => {});
    const progress = recorder(events, 'tagRules.progress');
    const announced = recorder(events, 'members.changed');

    const order: string[] = [];
    const answers: Array<Promise<unknown>> = [];
    events.on('tagRules.progress', ({ done, total }) => {
      if (done === 0 || done * 4 > total || answers.length > 0) return;
      answers.push(
        api.call('members.search', { pageSize: 10 }).then((outcome) => {
          order.push('members.search');
          return outcome;
        }),
        api.call('tagRules.progress', {}).then((outcome) => {
          order.push('tagRules.progress');
          return outcome;
        }),
      );
    });
    const result = await runner.runAllInBatches().then((r) => {
      order.push('evaluation');
      return r;
    });
    const [search, during] = (await Promise.all(answers)) as [{ result: { total: number } }, { result: { done: number; total: number; running: boolean } }];

    expect(order).toEqual(['members.search', 'tagRules.progress', 'evaluation']);
    expect(search.result.total).toBe(MEMBERS);
    expect(during.result.running).toBe(true);
    expect(during.result.done).toBeLessThan(MEMBERS);
    expect(await api.call('tagRules.progress', {})).toEqual({ result: null });

    expect(progress.length).toBeGreaterThan(MEMBERS / 5_000);
    progress.forEach((p, i) => {
      expect(p.total).toBe(MEMBERS);
      if (i > 0) expect(p.done).toBeGreaterThanOrEqual(progress[i - 1]!.done);
    });
    expect(progress.at(-1)).toEqual({ done: MEMBERS, total: MEMBERS, running: false });
    expect(progress.filter((p) => !p.running)).toHaveLength(1);

    // The same shop evaluated in one synchronous call.
    const onceDb = shop();
    const onceEvents = createEventBus();
    const onceAnnounced = recorder(onceEvents, 'members.changed');
    const once = runnerFor(onceDb, onceEvents, () => rules).runAll();

    expect(result?.kind).toBe('full');
    expect(result?.changes).toBe(once.changes);
    expect(result?.changes).toBeGreaterThan(0);
    expect(result?.memberIds).toEqual(once.memberIds);
    expect(allMemberTags(batchedDb)).toEqual(allMemberTags(onceDb));
    expect(written(batchedDb)).toEqual(written(onceDb));
    expect(announced).toEqual(onceAnnounced);
  });

  it('starts again with the saved rules when a rule is saved during a full evaluation, one run at a time', async () => {
    const db = shop();
    insertTag(db, 901, '連携あり');
    insertTag(db, 902, '担当あり');
    const linked = rule({ id: 1, tagId: 901, action: 'add', groups: [[{ kind: 'cartLinked' }]] });
    const assigned = rule({ id: 2, tagId: 902, action: 'add', groups: [[{ kind: 'operator' }]] });
    let saved: TagRule[] = [linked];
    let loads = 0;
    const events = createEventBus();
    const runner = runnerFor(
      db,
      events,
      () => {
        loads += 1;
        return saved;
      },
      500,
    );
    runner.start();
    const progress = recorder(events, 'tagRules.progress');
    const ended = new Promise<void>((resolve) => events.on('tagRules.progress', ({ running }) => !running && resolve()));
    events.on('tagRules.progress', ({ done }) => {
      if (done === 2_000 && saved.length === 1) {
        saved = [linked, assigned];
        events.emit('tagRules.changed', { ids: [2] });
      }
    });

    events.emit('tagRules.changed', { ids: [1] });
    await ended;

    expect(loads).toBe(2);
    const restarts = progress.filter((p, i) => i > 0 && p.done < progress[i - 1]!.done);
    expect(restarts).toEqual([{ done: 0, total: MEMBERS, running: true }]);
    expect(progress.filter((p) => !p.running)).toEqual([{ done: MEMBERS, total: MEMBERS, running: false }]);
    expect(tagsOf(db, 901)).toEqual(db.prepare('SELECT DISTINCT member_id FROM cart_customers ORDER BY member_id').pluck().all());
    expect(tagsOf(db, 902)).toEqual(db.prepare("SELECT id FROM members WHERE trim(coalesce(operator, '')) <> '' ORDER BY id").pluck().all());
    expect(tagsOf(db, 902).length).toBeGreaterThan(0);
    expect(runner.progress()).toBeNull();
  });
});
