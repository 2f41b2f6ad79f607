import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineRetryKey } from '../../electron/core/line/retry-key';
import { attemptPurpose, robotOperationId } from '../../electron/core/robot/op-ids';
import { addCloudRequest } from '../fixtures/cloud-requests';
import { PROBE_KIND, PROBE_PURPOSE, probeSteps } from '../fixtures/probe-flow';
import { runRobotChild } from './run-child';
import { endpointsOf, scratchDir, startSandboxes, type Sandboxes } from './world';

/**
 * A second kind of request, registered by the test alone, runs through the same engine with the
 * same guarantee: SIGKILLed at every step and restarted, the customer gets one message and the
 * cloud one result and one tag change.
 */
const killPoints = [...probeSteps.filter((s) => s !== 'finish').flatMap((step) => [`${step}:started`, `${step}:acted`, `${step}:journaled`]), 'finish:journaled'];

let s: Sandboxes;
let scratch: { dir: string; remove(): void };

beforeAll(async () => {
  s = await startSandboxes({ customers: 12 });
  scratch = scratchDir();
});
afterAll(async () => {
  await s?.close();
  scratch?.remove();
});

const runChild = (env: Record<string, string>) =>
  runRobotChild({
    TANTO_TEST_ENDPOINTS: JSON.stringify(endpointsOf(s)),
    TANTO_TEST_DATA: path.join(scratch.dir, 'workstation'),
    TANTO_TEST_HOLDER: 'pc-second-flow',
    TANTO_TEST_FLOWS: 'probe',
    ...env,
  });

describe('a second flow, killed at every step', () => {
  it.each(killPoints.map((point, index) => ({ point, index })))('killed at $point', { timeout: 120_000 }, async ({ point, index }) => {
    const customer = s.world.customers[index % s.world.customers.length];
    if (!customer) throw new Error('no customer');
    const requestId = addCloudRequest(s.cloud.store, customer.memberId, PROBE_KIND);

    const killed = await runChild({ TANTO_TEST_CRASH_AT: point, TANTO_TEST_CRASH_REQUEST: String(requestId) });
    expect(killed.signal, killed.output).toBe('SIGKILL');
    const resumed = await runChild({});
    expect(resumed.code, resumed.output).toBe(0);

    const request = s.cloud.store.locRequests.get(requestId);
    expect(request?.status).toBe('done');
    const uid = request?.uid ?? '';
    const sent = s.line.delivered().filter((m) => m.retryKey === lineRetryKey(uid, PROBE_PURPOSE));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe(customer.lineUserId);
    for (const purpose of [attemptPurpose(1, 'tag-add:1'), attemptPurpose(1, 'result:done')]) {
      const opId = robotOperationId(uid, purpose);
      expect(s.cloud.store.mutations.filter((m) => m.opId === opId && m.status === 'applied'), purpose).toHaveLength(1);
    }
    // Nothing of the cart was touched: the flow has no cart steps.
    expect(s.ecforce.inspect().orders.some((o) => o.memo.includes(uid))).toBe(false);
  });
});
