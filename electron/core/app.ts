import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { handlers } from './api/handlers';
import { createApi, type Api } from './api/registry';
import { isoNow, systemClock, type Clock } from './clock';
import { backupsDir, scheduleDailyBackup } from './db/backup-schedule';
import type { Db } from './db/open';
import { openReplica, type ReplicaRecovery } from './db/replica-recovery';
import { createEventBus, type EventBus } from './events';
import { lockDataDir } from './instance/data-dir-lock';
import { workstationHolder } from './instance/workstation-identity';
import { readWorkstationName } from './instance/workstation-name';
import { productFlows } from './flows';
import { ROBOT_ARTIFACTS_DIR } from './robot/artifact-files';
import { recordMorningReport } from './morning/morning-report';
import { createNightScheduler, type NightScheduler } from './night/night-scheduler';
import { createPower, type Power } from './night/power';
import { recoverInterrupted } from './robot/recovery';
import { createRobot, type Robot, type RobotOptions } from './robot/runner';
import type { SecretStore } from './secrets/secret-store';
import { createRuleRunner, type RuleRunner } from './tags/rule-runner';
import { listTagRules } from './tags/storage/tag-rule-queries';
import { createCloudClient } from './sync/cloud-client';
import { createSyncEngine } from './sync/engine';
import { pendingCount } from './sync/outbox';
import type { SyncService } from './sync/types';
import type { RobotUnavailable } from './robot/unavailable';
import { robotCloudNotSetUp } from './settings/robot-not-set-up';
import type { SettingsHost } from './settings/host';
import { markSetupStarted } from './settings/setup-progress';
import { createNotSetUpSync } from './sync/not-set-up';
import type { CloudClient } from './sync/cloud-client';

export interface CoreOptions {
  dataDir: string;
  /**
   * The shop's cloud; null (or absent) when this workstation has none yet: the core then runs
   * without sync or robot and serves the setup calls, and sync.status says it is not set up.
   */
  cloud?: { baseUrl: string; token: string } | null;
  /** What the shell tells the setup screens (its locks, how saved settings apply); a shell that cannot restart the core by default. */
  settings?: SettingsHost;
  syncIntervalMs?: number;
  clock?: Clock;
  log?: (line: string) => void;
  /** Cart logins and other secrets; without it, handlers that need one refuse with a clear message. */
  secrets?: SecretStore;
  /** Names the shell reads from `secrets` itself (the desktop's cloud token); secrets.status reports them missing. */
  expectedSecrets?: string[];
  /** The robot's parts that come from the shell: browser drivers, LINE, cart logins; the product's flows unless given. */
  robot?: Omit<RobotOptions, 'db' | 'clock' | 'cloud' | 'sync' | 'events' | 'log' | 'holder' | 'flows'> & { holder?: string; flows?: RobotOptions['flows'] };
  /** Why the shell could not supply the robot's parts; robot.start answers with it. */
  robotUnavailable?: string | RobotUnavailable;
  /** What staff chose for a damaged replica; without it a damaged replica makes createCore throw ReplicaDamagedError. */
  replicaRecovery?: ReplicaRecovery;
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
  /** Night mode: started by the shell, like sync. */
  night: NightScheduler;
  /** Sleep and wake, for the desktop shell's power events. */
  power: Power;
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
    db = openReplica({
      file: path.join(options.dataDir, REPLICA_FILE),
      backupsDir: backupsDir(options.dataDir),
      clock,
      log,
      ...(options.replicaRecovery ? { recovery: options.replicaRecovery } : {}),
    });
  } catch (error) {
    lock.release();
    throw error;
  }
  const events = createEventBus();
  const cloud = options.cloud && options.cloud.baseUrl && options.cloud.token ? options.cloud : null;
  const client: CloudClient | null = cloud ? createCloudClient({ baseUrl: cloud.baseUrl, token: cloud.token }) : null;
  const sync = client ? createSyncEngine({ db, client, clock, events, intervalMs: options.syncIntervalMs ?? 30_000, log }) : createNotSetUpSync(db);
  // A new shop (never synced) opened without its cloud is in its first-run flow until staff finish it.
  if (!client && sync.status().lastPullAt === null) markSetupStarted(db);
  const robot = options.robot && client
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
  const night = createNightScheduler({
    db,
    clock,
    robot,
    log,
    onNightEnded: (ended) => {
      const report = recordMorningReport(db, ended, clock);
      log(`night: 朝のレポートを記録しました（処理 ${report.processed} 件、完了 ${report.done} 件、要対応 ${report.needsManual} 件）`);
    },
  });
  const power = createPower({ robot, sync: { now: () => sync.now() }, night, log });
  const tagRules = createRuleRunner({ db, events, loadRules: listTagRules, clock, log });
  // Without a cloud there is no robot, whatever else the shell has: it needs leases.
  const robotUnavailable = client ? options.robotUnavailable : robotCloudNotSetUp;
  const settings = { host: options.settings ?? givenBy(options.dataDir, cloud), running: cloud, log };
  const api = createApi(
    handlers,
    {
      db,
      clock,
      events,
      sync,
      ...(client ? { cloud: client } : {}),
      secrets: options.secrets,
      ...(options.expectedSecrets ? { expectedSecrets: options.expectedSecrets } : {}),
      robot,
      night,
      power,
      artifactsDir: path.join(options.dataDir, ROBOT_ARTIFACTS_DIR),
      ...(robotUnavailable ? { robotUnavailable } : {}),
      tagRuleProgress: () => tagRules.progress(),
      settings,
    },
    (message, error) => log(`${message}: ${String(error)}`),
  );
  const backups = scheduleDailyBackup(db, options.dataDir, clock, log, events);
  let closed = false;
  return {
    db,
    api,
    events,
    sync,
    robot,
    tagRules,
    night,
    power,
    async close() {
      if (closed) return;
      closed = true;
      night.stop();
      // No new copy from here on; one under way finishes before the replica closes beneath it.
      const backupsStopped = backups.stop();
      tagRules.stop();
      await robot?.stop();
      await sync.stop();
      await backupsStopped;
      db.close();
      lock.release();
    },
  };
}

/**
 * A core opened by code (tests, tools) with its cloud given: the setup screens show that cloud as
 * fixed, and it cannot restart itself.
 */
function givenBy(dataDir: string, cloud: { baseUrl: string; token: string } | null): SettingsHost {
  return {
    shell: 'headless',
    dataDir,
    ...(cloud ? { cloudUrlLock: { by: 'flag', name: '--cloud-url' }, cloudTokenLock: { by: 'flag', name: '--cloud-token-file' } } : {}),
    restart: () => undefined,
  };
}
