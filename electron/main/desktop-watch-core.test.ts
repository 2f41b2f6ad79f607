import { MessageChannel } from 'node:worker_threads';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startCloudSandbox, type CloudSandbox } from '../../sandbox/cloud/server';
import { addCloudRequest } from '../../test/fixtures/cloud-requests';
import { tempDir } from '../../test/fixtures/tmp';
import { createCore, type Core } from '../core/app';
import { createCoreHost, type CoreHost } from '../core-process/host';
import { DESKTOP_LINE_TOKEN_MISSING } from '../core-process/robot-unavailable';
import { createCoreLink, type CoreLink } from './core-link';
import { watchDesktop } from './desktop-watch';
import type { NeedingRequest } from './notice-decider';
import type { DesktopStatus } from './tray-model';

/**
 * The tray's and the notifications' view of a real core, over the same link and host as the
 * desktop app (a structured-clone channel where the utility process's port would be), synced
 * from the cloud sandbox: the answers it reads are the real handlers'.
 */
let cloud: CloudSandbox;
let tmp: ReturnType<typeof tempDir>;
let core: Core;
let link: CoreLink;
let host: CoreHost;
let channel: MessageChannel;
let stop: () => void;

beforeEach(async () => {
  cloud = await startCloudSandbox({ members: 0 });
  tmp = tempDir('tanto-desktop-watch-');
  core = createCore({ dataDir: tmp.dir, cloud: { baseUrl: cloud.url, token: cloud.token }, robotUnavailable: DESKTOP_LINE_TOKEN_MISSING, log: () => {} });
  channel = new MessageChannel();
  link = createCoreLink();
  link.attach((message) => channel.port1.postMessage(message));
  channel.port1.on('message', (message) => link.receive(message));
  host = createCoreHost({ api: core.api, events: core.events, post: (message) => channel.port2.postMessage(message), onStop: () => undefined, log: () => {} });
  channel.port2.on('message', (message) => void host.receive(message));
});

afterEach(async () => {
  stop?.();
  host.close();
  channel.port1.close();
  await core.close();
  await cloud.close();
  tmp.remove();
});

let nextMember = 9000;
function needingPerson(): number {
  const memberId = (nextMember += 1);
  const at = new Date().toISOString();
  cloud.store.upsert('member', { id: memberId, lineUserId: `U${memberId.toString(16).padStart(32, '0')}`, displayName: `会員${memberId}`, name: null, nameKana: null, phone: null, email: null, operator: null, followedAt: at, updatedAt: at });
  const id = addCloudRequest(cloud.store, memberId, 'crosssell');
  const request = cloud.store.locRequests.get(id);
  if (!request) throw new Error(`LOC ${id} is not in the cloud`);
  cloud.store.upsert('loc_request', { ...request, status: 'needs_manual', updatedAt: new Date().toISOString() });
  return id;
}

it('reads the robot, the night and the requests needing a person from a real core, and announces only the new ones', async () => {
  // Waiting already when the app opened: counted, not announced.
  needingPerson();
  await core.sync.now();
  const statuses: DesktopStatus[] = [];
  const announced: NeedingRequest[][] = [];
  stop = watchDesktop({
    link,
    onStatus: (status) => statuses.push(status),
    onNeedsPerson: (requests) => announced.push(requests),
    onRobotStopped: () => undefined,
    setTimer: (run, ms) => {
      const timer = setTimeout(run, ms);
      return () => clearTimeout(timer);
    },
    now: () => new Date(),
    log: () => undefined,
    settleMs: 10,
  });
  channel.port2.postMessage({ kind: 'ready' });
  await expect.poll(() => statuses.at(-1)).toEqual({
    core: 'open',
    robot: { available: false, running: false, busyWorkers: 0 },
    night: { enabled: false, start: '22:00', tonight: false },
    needsPerson: 1,
  });

  const arrived = needingPerson();
  await core.sync.now();
  await expect.poll(() => announced).toEqual([[{ id: arrived, updatedAt: expect.any(String), memberDisplayName: `会員${nextMember}` }]]);
  await expect.poll(() => statuses.at(-1)?.needsPerson).toBe(2);
});
