import { createCore, type Core } from '../core/app';
import { startHeadlessShell, type HeadlessShell } from './server';

export interface HeadlessOptions {
  dataDir: string;
  cloud: { baseUrl: string; token: string };
  port?: number;
  token?: string;
  syncIntervalMs?: number;
  /** Print the ready line with the URL; the demo prints it in its own summary instead. */
  announceUrl?: boolean;
  log?: (line: string) => void;
}

export interface RunningHeadless {
  core: Core;
  shell: HeadlessShell;
  stop(): Promise<void>;
}

/** The headless shell over a core: the unattended service, and what the demo and browser tests drive. */
export async function runHeadless(options: HeadlessOptions): Promise<RunningHeadless> {
  const log = options.log ?? ((line: string) => console.log(line));
  const core = createCore({
    dataDir: options.dataDir,
    cloud: options.cloud,
    log,
    ...(options.syncIntervalMs === undefined ? {} : { syncIntervalMs: options.syncIntervalMs }),
  });
  let shell: HeadlessShell;
  try {
    shell = await startHeadlessShell({
      api: core.api,
      events: core.events,
      log,
      announceUrl: options.announceUrl ?? true,
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.token === undefined ? {} : { token: options.token }),
    });
  } catch (error) {
    await core.close();
    throw error;
  }
  core.sync.start();
  return {
    core,
    shell,
    async stop() {
      await shell.close();
      await core.close();
    },
  };
}
