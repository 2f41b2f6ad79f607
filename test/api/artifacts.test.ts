import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../../electron/core/api/handlers';
import { createApi, type Api } from '../../electron/core/api/registry';
import { openDatabase, type Db } from '../../electron/core/db/open';
import { createEventBus } from '../../electron/core/events';
import { startRun, stepFailed, stepStarted } from '../../electron/core/robot/journal';
import type { SyncService } from '../../electron/core/sync/types';
import { insertLocRequest, insertMember } from '../fixtures/replica';

let dir: string;
let artifactsDir: string;
let db: Db;
let api: Api;

const sync = { status: () => ({}), now: async () => ({}) } as unknown as SyncService;
const at = '2026-11-23T01:00:00.000Z';

/** A failed step whose evidence the robot saved at the given paths. */
function failedStep(screenshot: string | null, trace: string | null): number {
  const { runId } = startRun(db, 1, 1, 'pc', at);
  const stepId = stepStarted(db, runId, 'create_order', at);
  stepFailed(db, stepId, 'layout changed', at, { screenshot, trace });
  return stepId;
}

async function artifact(stepId: number, kind: 'screenshot' | 'trace') {
  return api.call('robot.artifact', { stepId, kind });
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'tanto-artifacts-'));
  artifactsDir = path.join(dir, 'robot-artifacts');
  mkdirSync(path.join(artifactsDir, 'create_order-1'), { recursive: true });
  db = openDatabase(':memory:', { quickCheck: false });
  api = createApi(handlers, { db, clock: { now: () => new Date(at) }, events: createEventBus(), sync, artifactsDir }, () => {});
  insertMember(db, { id: 1, displayName: 'はなこ' });
  insertLocRequest(db, { id: 1, memberId: 1, kind: 'crosssell', status: 'needs_manual', requestedAt: at });
});

afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('robot.artifact', () => {
  it("returns a failed step's screenshot and trace as they are on disk", async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const zip = Buffer.from('PK\u0003\u0004trace');
    const folder = path.join(artifactsDir, 'create_order-1');
    writeFileSync(path.join(folder, 'screenshot.png'), png);
    writeFileSync(path.join(folder, 'trace.zip'), zip);
    const stepId = failedStep(path.join(folder, 'screenshot.png'), path.join(folder, 'trace.zip'));

    const shot = await artifact(stepId, 'screenshot');
    const trace = await artifact(stepId, 'trace');
    expect(shot).toEqual({ result: { fileName: 'screenshot.png', mime: 'image/png', base64: png.toString('base64') } });
    expect(trace).toEqual({ result: { fileName: 'trace.zip', mime: 'application/zip', base64: zip.toString('base64') } });
  });

  it('says not_found for a step without that file, an unknown step, or a pruned file', async () => {
    const withoutTrace = failedStep(path.join(artifactsDir, 'create_order-1', 'gone.png'), null);
    expect(await artifact(withoutTrace, 'trace')).toMatchObject({ error: { kind: 'not_found' } });
    expect(await artifact(withoutTrace, 'screenshot')).toMatchObject({ error: { kind: 'not_found', message: expect.stringContaining('removed') } });
    expect(await artifact(9999, 'screenshot')).toMatchObject({ error: { kind: 'not_found' } });
  });

  it('refuses a recorded path outside the artifacts folder, also through a symlink', async () => {
    const secret = path.join(dir, 'replica-copy.sqlite');
    writeFileSync(secret, 'not for the renderer');
    const outside = failedStep(secret, null);
    expect(await artifact(outside, 'screenshot')).toMatchObject({ error: { kind: 'conflict' } });

    const link = path.join(artifactsDir, 'create_order-1', 'screenshot.png');
    symlinkSync(secret, link);
    const linked = failedStep(link, null);
    expect(await artifact(linked, 'screenshot')).toMatchObject({ error: { kind: 'conflict' } });
  });
});
