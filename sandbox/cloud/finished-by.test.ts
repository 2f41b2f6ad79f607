import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from './server';

/** The cloud records who finished each request, as the workstation says and by default, and forgets it on reopen. */
let sandbox: CloudSandbox;

beforeAll(async () => {
  sandbox = await startCloudSandbox({ members: 5 });
});
afterAll(() => sandbox.close());

let opSeq = 0;
async function apply(kind: string, payload: unknown): Promise<string> {
  opSeq += 1;
  const opId = `00000000-0000-4000-8000-${String(opSeq).padStart(12, '0')}`;
  const response = await fetch(`${sandbox.url}/v1/mutations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ operations: [{ opId, kind, payload }] }),
  });
  return ((await response.json()) as { results: Array<{ status: string }> }).results[0]!.status;
}

async function tap(memberId: number): Promise<number> {
  const response = await fetch(`${sandbox.url}/_sandbox/tap`, {
    method: 'POST',
    headers: { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ memberId, crosssellConfigId: [...sandbox.store.crosssellConfigs.keys()][0] }),
  });
  return ((await response.json()) as { id: number }).id;
}

const request = (id: number) => sandbox.store.locRequests.get(id);

it('keeps the robot, its completion status and its workstation from a robot result, staff by name from a completion, and clears them on reopen', async () => {
  const byRobot = await tap(1);
  expect(request(byRobot)?.finishedBy ?? null).toBeNull();
  expect(await apply('robot.runResult', { requestId: byRobot, outcome: 'needs_manual', message: '確認が必要' })).toBe('applied');
  expect(request(byRobot)).toMatchObject({ status: 'needs_manual', finishedBy: null, completionStatus: null });
  expect(
    await apply('robot.runResult', { requestId: byRobot, outcome: 'done', message: '受注しました', completionStatus: '対応完了', finishedBy: { kind: 'robot', name: 'レジ横PC' } }),
  ).toBe('applied');
  expect(request(byRobot)).toMatchObject({ status: 'done', completionStatus: '対応完了', finishedBy: { kind: 'robot', name: 'レジ横PC' } });
  // The feed carries it to every workstation.
  const head = sandbox.store.head();
  expect(sandbox.store.changesSince(head - 1, 1).changes[0]).toMatchObject({ entity: 'loc_request', data: { id: byRobot, finishedBy: { kind: 'robot', name: 'レジ横PC' } } });

  expect(await apply('loc.reopen', { requestId: byRobot, reason: '数量違い' })).toBe('applied');
  expect(request(byRobot)).toMatchObject({ status: 'needs_manual', finishedBy: null, completionStatus: null });
  expect(await apply('loc.setStatus', { requestId: byRobot, status: 'done', completionStatus: '受付断念', finishedBy: { kind: 'staff', name: '佐藤 花子' } })).toBe('applied');
  expect(request(byRobot)).toMatchObject({ completionStatus: '受付断念', finishedBy: { kind: 'staff', name: '佐藤 花子' } });

  // Older workstations say nothing of who: the cloud records the kind it can tell.
  const unnamedStaff = await tap(2);
  expect(await apply('loc.setStatus', { requestId: unnamedStaff, status: 'done', completionStatus: '対応不可' })).toBe('applied');
  expect(request(unnamedStaff)?.finishedBy).toEqual({ kind: 'staff', name: null });
  const unnamedRobot = await tap(3);
  expect(await apply('robot.runResult', { requestId: unnamedRobot, outcome: 'done', message: '受注しました' })).toBe('applied');
  expect(request(unnamedRobot)).toMatchObject({ finishedBy: { kind: 'robot', name: null }, completionStatus: null });

  expect(await apply('loc.setStatus', { requestId: await tap(4), status: 'done', finishedBy: { kind: 'cloud', name: 'x' } })).toBe('rejected');
});
