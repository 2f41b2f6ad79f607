import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { handlers } from './api/handlers';
import { createApi, type Api } from './api/registry';
import { isoNow, systemClock, type Clock } from './clock';
import { scheduleDailyBackup } from './db/backup-schedule';
import { openDatabase, type Db } from './db/open';
import { createEventBus, type EventBus } from './events';
import { lockDataDir } from './instance/data-dir-lock';
import { workstationHolder } from './instance/workstation-identity';
import { readWorkstationName } from './instance/workstation-name';
import { productFlows } from './flows';
import { ROBOT_ARTIFACTS_DIR } from './robot/artifact-files';
import { recoverInterrupted } from './robot/recovery';
import { createRobot, type Robot, type RobotOptions } from './robot/runner';
import type { SecretStore } from './secrets/secret-store';
import { createRuleRunner, type RuleRunner } from './tags/rule-runner';
import { listTagRules } from './tags/storage/tag-rule-queries';
import { createCloudClient } from './sync/cloud-client';
import { createSyncEngine } from './sync/engine';
import { pendingCount } from './sync/outbox';
import type { SyncService } from './sync/types';

export interface CoreOptions {
  dataDir: string;
  cloud: { baseUrl: string; token: string };
  syncIntervalMs?: number;
  clock?: Clock;
  log?: (line: string) => void;
  /** Cart logins and other secrets; without it, handlers that need one refuse with a clear message. */
  secrets?: SecretStore;
  /** The robot's parts that come from the shell: browser drivers, LINE, cart logins; the product's flows unless given. */
  robot?: Omit<RobotOptions, 'db' | 'clock' | 'cloud' | 'sync' | 'events' | 'log' | 'holder' | 'flows'> & { holder?: string; flows?: RobotOptions['flows'] };
  /** Why the shell could not supply the robot's parts; robot.start answers with it. */
  robotUnavailable?: string;
}

export interface Core {
  db: Db;
  api: Api;
  events: EventBus;
  sync: SyncService & { start(): void; stop(): Promise<void> };
  /** Present when the shell supplied the robot's parts. */
  robot: Robot | null;
  /** Tag auto-setting: started by the shell, like sync, so tests and tools opening a core stay quiet. */
  tagRules: Pick<RuleRunner, 'start' | 'stop' | 'runAll' | 'runAllInBatches' | 'progress'>;
  close(): Promise<void>;
}

export const REPLICA_FILE = 'replica.sqlite';

/**
 * The composition root shared by every shell: opens the replica, wires sync and the API.
 * Nothing here knows which shell (Electron or headless) is hosting it.
 */
export function createCore(options: CoreOptions): Core {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? ((line: string) => console.log(line));
  mkdirSync(options.dataDir, { recursive: true });
  // Before the replica is touched: a second Tanto on this folder stops here, naming the first.
  const lock = lockDataDir(options.dataDir);
  let db: Db;
  try {
    db = openDatabase(path.join(options.dataDir, REPLICA_FILE));
  } catch (error) {
    lock.release();
    throw error;
  }
  const events = createEventBus();
  const client = createCloudClient({ baseUrl: options.cloud.baseUrl, token: options.cloud.token });
  const sync = createSyncEngine({ db, client, clock, events, intervalMs: options.syncIntervalMs ?? 30_000, log });
  const robot = options.robot
    ? createRobot({
        ...options.robot,
        flows: options.robot.flows ?? productFlows(),
        db,
        clock,
        cloud: client,
        sync: { now: () => sync.now(), pending: () => pendingCount(db) },
        events,
        log,
        holder: options.robot.holder ?? workstationHolder(options.dataDir, { log }),
        // Who finished what the robot finished: the workstation as the shop named it.
        workstationName: options.robot.workstationName ?? (() => readWorkstationName(db).name),
      })
    : null;
  // Without a robot here, requests an earlier robot process died working go back to the queue all the same.
  if (!robot) recoverInterrupted(db, null, isoNow(clock), log);
  // New requests arrive by sync; an idle robot should not wait for its next poll to see them.
  if (robot) events.on('sync.completed', ({ applied }) => applied > 0 && robot.wake());
  const tagRules = createRuleRunner({ db, events, loadRules: listTagRules, clock, log });
  const api = createApi(handlers, { db, clock, events, sync, cloud: client, secrets: options.secrets, robot, artifactsDir: path.join(options.dataDir, ROBOT_ARTIFACTS_DIR), ...(options.robotUnavailable ? { robotUnavailable: options.robotUnavailable } : {}), tagRuleProgress: () => tagRules.progress() }, (message, error) =>
    log(`${message}: ${String(error)}`),
  );
  const backups = scheduleDailyBackup(db, options.dataDir, clock, log);
  let closed = false;
  return {
    db,
    api,
    events,
    sync,
    robot,
    tagRules,
    async close() {
      if (closed) return;
      closed = true;
      backups.stop();
      tagRules.stop();
      await robot?.stop();
      await sync.stop();
      db.close();
      lock.release();
    },
  };
}
