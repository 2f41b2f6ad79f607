import { describe, expect, it } from 'vitest';
import type { CoreState } from './core-link';
import { watchDesktop } from './desktop-watch';
import type { NeedingRequest, RobotStop } from './notice-decider';
import type { DesktopStatus } from './tray-model';

/** A core as the link shows it: answers by method name, events and states pushed by the test. */
function fakeCore() {
  const answers: Record<string, unknown> = {
    'robot.status': { available: true, running: false, workers: [{ requestId: null }, { requestId: null }] },
    'night.get': { window: { enabled: true, start: '22:00', end: '07:00' }, tonight: null },
    'loc.list': { total: 0, items: [] },
  };
  const asked: Array<{ name: string; args: unknown }> = [];
  const stateListeners = new Set<(state: CoreState) => void>();
  const eventListeners = new Set<(text: string) => void>();
  let failure: string | null = null;
  return {
    answers,
    asked,
    link: {
      call: async (text: string) => {
        const { id, name, args } = JSON.parse(text) as { id: string; name: string; args: unknown };
        asked.push({ name, args });
        return JSON.stringify({ id, result: answers[name] });
      },
      onEvent: (listener: (text: string) => void) => (eventListeners.add(listener), () => void eventListeners.delete(listener)),
      onState: (listener: (state: CoreState) => void) => (stateListeners.add(listener), () => void stateListeners.delete(listener)),
      failure: () => failure,
    },
    state(state: CoreState, failed: string | null = null) {
      failure = failed;
      for (const listener of stateListeners) listener(state);
    },
    event(event: string, payload: unknown) {
      for (const listener of eventListeners) listener(JSON.stringify({ event, payload }));
    },
  };
}

function setup() {
  const core = fakeCore();
  const statuses: DesktopStatus[] = [];
  const needing: NeedingRequest[][] = [];
  const stops: RobotStop[] = [];
  const timers: Array<{ run: () => void; ms: number }> = [];
  const stop = watchDesktop({
    link: core.link,
    onStatus: (status) => statuses.push(status),
    onNeedsPerson: (requests) => needing.push(requests),
    onRobotStopped: (s) => stops.push(s),
    setTimer: (run, ms) => {
      const timer = { run, ms };
      timers.push(timer);
      return () => void timers.splice(timers.indexOf(timer), 1);
    },
    now: () => new Date('2026-12-04T14:00:00.000Z'),
    log: () => undefined,
  });
  const settle = () => {
    for (const timer of timers.filter((t) => t.ms === 300)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.run();
    }
  };
  return { core, statuses, needing, stops, timers, settle, stop, latest: () => statuses.at(-1) };
}

const row = (id: number, updatedAt: string) => ({ id, updatedAt, memberDisplayName: `会員${id}` });

describe('the desktop watching the core', () => {
  it("reads the robot, the night and the requests needing a person when the core opens", async () => {
    const { core, latest } = setup();
    core.answers['loc.list'] = { total: 4, items: [row(1, 'a')] };
    core.state('open');
    await expect.poll(latest).toEqual({ core: 'open', robot: { available: true, running: false, busyWorkers: 0 }, night: { enabled: true, start: '22:00', tonight: false }, needsPerson: 4 });
    // The navigation's question, so the tray's count is the screen's.
    expect(core.asked.find((a) => a.name === 'loc.list')?.args).toEqual({ status: ['needs_manual'], completed: false, sort: { field: 'updatedAt', direction: 'desc' }, page: 1, pageSize: 50 });
  });

  it('announces only requests that newly need a person, after what already waited at start', async () => {
    const { core, needing, settle, latest } = setup();
    core.answers['loc.list'] = { total: 1, items: [row(1, 'a')] };
    core.state('open');
    await expect.poll(() => latest()?.needsPerson).toBe(1);
    core.answers['loc.list'] = { total: 3, items: [row(3, 'c'), row(2, 'b'), row(1, 'a')] };
    core.answers['robot.status'] = { available: true, running: true, workers: [{ requestId: 3 }, { requestId: null }] };
    core.event('loc.changed', { ids: [2] });
    core.event('loc.changed', { ids: [3] });
    settle();
    await expect.poll(() => needing).toEqual([[row(3, 'c'), row(2, 'b')]]);
    expect(latest()).toMatchObject({ robot: { running: true, busyWorkers: 1 }, needsPerson: 3 });
  });

  it("passes on the night's end with work left as the core reports it", () => {
    const { core, stops } = setup();
    core.state('open');
    core.event('robot.stoppedByItself', { cause: 'night-ended', workLeft: 2, at: '2026-12-04T22:00:00.000Z' });
    expect(stops).toEqual([{ cause: 'night-ended', workLeft: 2, at: '2026-12-04T22:00:00.000Z' }]);
  });

  it('tells of a core that could not start again under a running robot', async () => {
    const { core, stops, latest } = setup();
    core.answers['robot.status'] = { available: true, running: true, workers: [] };
    core.state('open');
    await expect.poll(() => latest()?.robot?.running).toBe(true);
    core.state('closed', 'replica damaged');
    expect(latest()).toMatchObject({ core: 'failed', robot: null });
    expect(stops).toEqual([{ cause: 'core-failed', at: '2026-12-04T14:00:00.000Z' }]);
  });

  it('tells of a core restarted after a crash only when the robot is not running again', async () => {
    const { core, stops, latest } = setup();
    core.answers['robot.status'] = { available: true, running: true, workers: [] };
    core.state('open');
    await expect.poll(() => latest()?.robot?.running).toBe(true);
    // Inside the night the new core starts the robot by itself: nothing to tell.
    core.state('closed');
    core.state('connecting');
    core.state('open');
    await expect.poll(() => latest()?.robot?.running).toBe(true);
    expect(stops).toEqual([]);
    core.state('closed');
    core.answers['robot.status'] = { available: true, running: false, workers: [] };
    core.state('open');
    await expect.poll(() => stops).toEqual([{ cause: 'core-restarted', at: '2026-12-04T14:00:00.000Z' }]);
  });

  it('looks again every minute, and stops listening when stopped', async () => {
    const { core, timers, stop, latest } = setup();
    core.state('open');
    await expect.poll(() => latest()?.night?.tonight).toBe(false);
    core.answers['night.get'] = { window: { enabled: true, start: '22:00', end: '07:00' }, tonight: { start: 'x', end: 'y' } };
    const minute = timers.find((t) => t.ms === 60_000);
    timers.splice(timers.indexOf(minute!), 1);
    minute?.run();
    await expect.poll(() => latest()?.night?.tonight).toBe(true);
    stop();
    expect(timers.filter((t) => t.ms === 60_000)).toEqual([]);
  });
});
