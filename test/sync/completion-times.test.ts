import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/app';
import type { Clock } from '../../electron/core/clock';
import { startCloudSandbox, type CloudSandbox } from '../../sandbox/cloud/server';
import { tempDir } from '../fixtures/tmp';

/**
 * Requests staff finish seconds apart reach the cloud in one batch; each keeps the time staff
 * finished it, in the cloud and in the replica after the next pull, not the time the batch arrived.
 */
let cloud: CloudSandbox;
let core: Core;
let dir: { dir: string; remove(): void };
let now = Date.parse('2026-12-04T00:57:00Z');
const clock: Clock = { now: () => new Date(now) };

beforeAll(async () => {
  cloud = await startCloudSandbox({ members: 10 });
  const template = [...cloud.store.locRequests.values()][0]!;
  for (let n = 0; n < 3; n += 1) {
    cloud.store.upsert('loc_request', {
      ...template,
      id: cloud.store.nextId('loc_request'),
      uid: randomUUID(),
      status: 'needs_manual',
      completionStatus: null,
      completedAt: null,
      robotResult: null,
      lease: null,
    });
  }
  dir = tempDir('tanto-completion-times-');
  core = createCore({ dataDir: dir.dir, cloud: { baseUrl: cloud.url, token: cloud.token }, clock, log: () => undefined });
  await core.sync.now();
});

afterAll(async () => {
  await core?.close();
  await cloud?.close();
  dir?.remove();
});

describe('completion times through sync', () => {
  it('keeps the time staff acted for each of three requests completed seconds apart', async () => {
    const ids = core.db
      .prepare(`SELECT id FROM loc_requests WHERE status IN ('needs_manual', 'failed_retryable', 'new', 'queued') AND lease_holder IS NULL ORDER BY id LIMIT 3`)
      .pluck()
      .all() as number[];
    expect(ids).toHaveLength(3);
    const acted: string[] = [];
    for (const id of ids) {
      now += 7_000;
      acted.push(new Date(now).toISOString());
      const outcome = await core.api.call('loc.complete', { ids: [id], completionStatus: '対応完了', staff: '山田' });
      expect(outcome).not.toHaveProperty('error');
    }
    now += 60_000;
    await core.sync.now();

    expect(ids.map((id) => cloud.store.locRequests.get(id)?.completedAt)).toEqual(acted);
    const replica = core.db.prepare('SELECT completed_at FROM loc_requests WHERE id = ?').pluck();
    expect(ids.map((id) => replica.get(id))).toEqual(acted);
    expect(new Set(acted).size).toBe(3);
  });
});
