import path from 'node:path';
import { handlers } from '../electron/core/api/handlers';
import { createApi, type Api } from '../electron/core/api/registry';
import { openDatabase, type Db } from '../electron/core/db/open';
import { createEventBus } from '../electron/core/events';
import type { SyncService } from '../electron/core/sync/types';
import { insertLocRequest, insertMember, insertTag } from '../test/fixtures/replica';
import { tempDir } from '../test/fixtures/tmp';
import type { BenchResult, Metric } from './report';
import { percentile } from './stats';

const MEMBERS = 20_000;
const PENDING_TAG_OPERATIONS = 300_000;
const CALLS = 200;

/**
 * The screens' reads while the outbox is full: a night offline after a rule change leaves one
 * tag operation per member it touched. members.get and loc.list lay the pending operations over
 * server state; each is timed on a replica with an empty outbox (the baseline) and on the same
 * replica holding 300,000 pending tag operations and a few LOC completions.
 */
export default async function outboxBench(): Promise<BenchResult> {
  const tmp = tempDir('tanto-bench-outbox-');
  const db = openDatabase(path.join(tmp.dir, 'replica.sqlite'));
  db.transaction(() => {
    insertTag(db, 1, 'VIP');
    for (let id = 1; id <= MEMBERS; id++) insertMember(db, { id, displayName: `会員${id}` });
    for (let id = 1; id <= 500; id++) insertLocRequest(db, { id, memberId: id, kind: 'crosssell', status: 'needs_manual', requestedAt: '2026-12-01T00:00:00.000Z' });
  })();
  const noSync = { status: () => ({}), now: () => Promise.reject(new Error('not used')) } as unknown as SyncService;
  const api = createApi(handlers, { db, clock: { now: () => new Date() }, events: createEventBus(), sync: noSync });

  const idle = await timeReads(api);
  fillOutbox(db);
  const busy = await timeReads(api);
  db.close();
  tmp.remove();

  const metrics: Metric[] = [];
  for (const name of Object.keys(idle) as Array<keyof typeof idle>) {
    metrics.push({ metric: `${name}_p99_ms_empty_outbox`, value: idle[name], unit: 'ms', target: '' });
    metrics.push({ metric: `${name}_p99_ms_busy_outbox`, value: busy[name], unit: 'ms', target: '< 20' });
    // A member page shows each of the member's own pending operations (15 here), so only the LOC list's reads should stay level.
    metrics.push({ metric: `${name}_busy_vs_empty`, value: busy[name] / Math.max(idle[name], 0.01), unit: 'x', target: name === 'loc_list' ? '< 3' : '' });
  }
  return { name: 'outbox', metrics, notes: [`${MEMBERS} members, ${PENDING_TAG_OPERATIONS} pending tag operations, ${CALLS} calls each`] };
}

function fillOutbox(db: Db): void {
  const insert = db.prepare("INSERT INTO outbox (op_id, kind, payload, created_at) VALUES (?, ?, ?, '2026-12-01T00:00:00.000Z')");
  db.transaction(() => {
    for (let i = 0; i < PENDING_TAG_OPERATIONS; i++) {
      insert.run(`tag-${i}`, i % 2 ? 'memberTag.add' : 'memberTag.remove', JSON.stringify({ memberId: (i % MEMBERS) + 1, tagId: 1, source: 'rule' }));
    }
    for (let id = 1; id <= 20; id++) {
      insert.run(`loc-${id}`, 'loc.setStatus', JSON.stringify({ requestId: id, status: 'done', completionStatus: '対応完了', note: null }));
    }
  })();
}

async function timeReads(api: Api): Promise<{ members_get: number; loc_list: number }> {
  const time = async (name: string, args: (i: number) => object) => {
    const times: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const start = performance.now();
      const outcome = await api.call(name, args(i));
      times.push(performance.now() - start);
      if ('error' in outcome) throw new Error(outcome.error.message);
    }
    return percentile(times, 99);
  };
  return {
    members_get: await time('members.get', (i) => ({ id: (i * 97) % MEMBERS + 1 })),
    loc_list: await time('loc.list', () => ({ pageSize: 50 })),
  };
}
