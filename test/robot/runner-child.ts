/**
 * A robot process for the exactly-once tests: works every waiting cross-sell, then exits 0.
 * TANTO_TEST_CRASH_AT=<step>:<phase> makes it SIGKILL itself at that checkpoint (of request
 * TANTO_TEST_CRASH_REQUEST when given), as a power cut or a crash would, leaving whatever it was
 * doing half done. TANTO_TEST_FLOWS=probe runs the tests' second flow beside the cross-sell.
 */
import { startRobotCore, type RobotEndpoints } from './world';

const endpoints = JSON.parse(process.env.TANTO_TEST_ENDPOINTS ?? '') as RobotEndpoints;
const dataDir = process.env.TANTO_TEST_DATA ?? '';
const crashAt = process.env.TANTO_TEST_CRASH_AT ?? '';
const crashRequest = process.env.TANTO_TEST_CRASH_REQUEST ? Number(process.env.TANTO_TEST_CRASH_REQUEST) : null;
const holder = process.env.TANTO_TEST_HOLDER ?? 'pc-child';

const core = await startRobotCore(endpoints, {
  dataDir,
  holder,
  probeFlow: process.env.TANTO_TEST_FLOWS === 'probe',
  concurrency: Number(process.env.TANTO_TEST_CONCURRENCY ?? 1),
  log: (line) => process.stdout.write(`${line}\n`),
  checkpoint: (step, phase, requestId) => {
    if (`${step}:${phase}` === crashAt && (crashRequest === null || crashRequest === requestId)) {
      process.stdout.write(`crashing at ${step}:${phase} of LOC ${requestId}\n`);
      process.kill(process.pid, 'SIGKILL');
    }
  },
});

await core.sync.now();
core.robot?.start();
await core.robot?.whenIdle();
await core.sync.now();
await core.close();
process.stdout.write('robot idle\n');
process.exit(0);
