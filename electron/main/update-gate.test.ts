import { describe, expect, it } from 'vitest';
import type { UpdateNotice } from '../core/api/types';
import { createUpdateGate, type IdleReport } from './update-gate';

/** A gate whose core answers are queued by the test and whose retry timer fires when the test says. */
function setup() {
  const answers: Array<IdleReport | Error> = [];
  const notices: UpdateNotice[] = [];
  const timers: Array<{ run: () => void; ms: number; cancelled: boolean }> = [];
  let installs = 0;
  let questions = 0;
  let releases = 0;
  const gate = createUpdateGate({
    release: () => {
      releases += 1;
    },
    hold: async () => {
      questions += 1;
      const answer = answers.shift();
      if (!answer) throw new Error('no answer queued');
      if (answer instanceof Error) throw answer;
      return answer;
    },
    install: () => {
      installs += 1;
    },
    onNotice: (notice) => notices.push(notice),
    setTimer: (run, ms) => {
      const timer = { run, ms, cancelled: false };
      timers.push(timer);
      return () => {
        timer.cancelled = true;
      };
    },
    retryMs: 5_000,
  });
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  const fireRetry = async () => {
    const timer = timers.find((t) => !t.cancelled);
    if (!timer) throw new Error('no retry is scheduled');
    timer.cancelled = true;
    timer.run();
    await settle();
  };
  return { gate, answers, notices, timers, settle, fireRetry, installs: () => installs, questions: () => questions, releases: () => releases };
}

const idle: IdleReport = { robotStepInFlight: false, syncSending: false };
const stepInFlight: IdleReport = { robotStepInFlight: true, syncSending: false };
const sending: IdleReport = { robotStepInFlight: false, syncSending: true };

describe('the update gate', () => {
  it('installs at once when the core is idle as the download completes', async () => {
    const t = setup();
    t.gate.available('1.2.0');
    t.gate.progress(41.7);
    t.answers.push(idle);
    t.gate.downloaded('1.2.0');
    await t.settle();
    expect(t.installs()).toBe(1);
    expect(t.notices.map((n) => [n.phase, n.percent])).toEqual([
      ['available', null],
      ['downloading', 41],
      ['ready', 100],
      ['installing', 100],
    ]);
  });

  it('never installs while a robot step is in flight, and installs at the first idle moment after', async () => {
    const t = setup();
    t.answers.push(stepInFlight, stepInFlight, idle);
    t.gate.downloaded('1.2.0');
    await t.settle();
    expect(t.installs()).toBe(0);
    expect(t.gate.notice()).toMatchObject({ phase: 'ready', waitingFor: 'robot' });
    await t.fireRetry();
    expect(t.installs()).toBe(0);
    expect(t.timers.filter((timer) => !timer.cancelled)).toHaveLength(1);
    await t.fireRetry();
    expect(t.installs()).toBe(1);
    expect(t.questions()).toBe(3);
    expect(t.gate.notice().phase).toBe('installing');
    expect(t.timers.filter((timer) => !timer.cancelled)).toHaveLength(0);
  });

  it('never installs while a batch of operations is being sent', async () => {
    const t = setup();
    t.answers.push(sending, idle);
    t.gate.downloaded('1.2.0');
    await t.settle();
    expect(t.installs()).toBe(0);
    expect(t.gate.notice()).toMatchObject({ phase: 'ready', waitingFor: 'sync' });
    await t.fireRetry();
    expect(t.installs()).toBe(1);
  });

  it('counts a core that cannot answer as busy and asks again', async () => {
    const t = setup();
    t.answers.push(new Error('core restarting'), idle);
    t.gate.downloaded('1.2.0');
    await t.settle();
    expect(t.installs()).toBe(0);
    await t.fireRetry();
    expect(t.installs()).toBe(1);
  });

  it('never installs once the session began to end, even when the core turns idle', async () => {
    const t = setup();
    t.answers.push(stepInFlight, idle, idle);
    t.gate.downloaded('1.2.0');
    await t.settle();
    t.gate.sessionEnding();
    expect(t.timers.every((timer) => timer.cancelled)).toBe(true);
    expect(t.gate.notice()).toMatchObject({ phase: 'ready', waitingFor: 'session-end' });
    t.gate.downloaded('1.2.0');
    await t.settle();
    expect(t.installs()).toBe(0);
    expect(t.questions()).toBe(1);
  });

  it('does not install when the session begins to end while the core is answering', async () => {
    const t = setup();
    let answer!: (report: IdleReport) => void;
    let installs = 0;
    let releases = 0;
    const gate = createUpdateGate({
      hold: () => new Promise<IdleReport>((resolve) => (answer = resolve)),
      release: () => (releases += 1),
      install: () => (installs += 1),
      onNotice: () => undefined,
      setTimer: () => () => undefined,
    });
    gate.downloaded('1.2.0');
    gate.sessionEnding();
    answer(idle);
    await t.settle();
    expect(installs).toBe(0);
    // The hold asked for is let go: the robot goes on while Windows ends the session.
    expect(releases).toBe(1);
  });

  it('an update downloaded during session end waits, saying so', async () => {
    const t = setup();
    t.gate.sessionEnding();
    t.gate.downloaded('1.3.0');
    await t.settle();
    expect(t.questions()).toBe(0);
    expect(t.gate.notice()).toMatchObject({ phase: 'ready', version: '1.3.0', waitingFor: 'session-end' });
  });

  it('a failed check keeps a downloaded update waiting; a failed download clears the notice', async () => {
    const t = setup();
    t.gate.available('1.2.0');
    t.gate.progress(10);
    t.gate.failed();
    expect(t.gate.notice().phase).toBe('none');
    t.answers.push(stepInFlight);
    t.gate.downloaded('1.2.0');
    await t.settle();
    t.gate.failed();
    expect(t.gate.notice()).toMatchObject({ phase: 'ready', waitingFor: 'robot' });
  });

  it('drops a downloaded update that a later check no longer offers (a pulled release)', async () => {
    const t = setup();
    t.answers.push(stepInFlight, idle);
    t.gate.downloaded('1.2.0');
    await t.settle();
    t.gate.withdrawn();
    expect(t.gate.notice().phase).toBe('none');
    expect(t.timers.every((timer) => timer.cancelled)).toBe(true);
    expect(t.installs()).toBe(0);
  });

  it('an update found again while it waits keeps saying what it waits for, and installs once idle', async () => {
    const t = setup();
    t.answers.push(stepInFlight, stepInFlight, idle);
    t.gate.downloaded('1.2.0');
    await t.settle();
    const before = t.notices.length;
    t.gate.downloaded('1.2.0');
    await t.settle();
    expect(t.notices.slice(before)).toEqual([]);
    expect(t.installs()).toBe(0);
    await t.fireRetry();
    expect(t.installs()).toBe(1);
  });

  it('keeps the core held from the idle answer until the installer runs, and never lets it go after', async () => {
    const t = setup();
    t.answers.push(stepInFlight, idle);
    t.gate.downloaded('1.2.0');
    await t.settle();
    // Held while it waits for the step: no new one begins meanwhile.
    expect(t.releases()).toBe(0);
    await t.fireRetry();
    expect(t.installs()).toBe(1);
    t.gate.stop();
    t.gate.withdrawn();
    t.gate.sessionEnding();
    expect(t.releases()).toBe(0);
  });

  it('lets the core go on when the update is abandoned while it waits', async () => {
    for (const abandon of ['withdrawn', 'sessionEnding', 'stop'] as const) {
      const t = setup();
      t.answers.push(stepInFlight);
      t.gate.downloaded('1.2.0');
      await t.settle();
      t.gate[abandon]();
      expect(t.releases(), abandon).toBe(1);
      // Abandoned once, released once.
      t.gate.withdrawn();
      expect(t.releases(), abandon).toBe(1);
    }
  });

  it('lets the core go on when the installer cannot be started', async () => {
    let releases = 0;
    const gate = createUpdateGate({
      hold: async () => idle,
      release: () => (releases += 1),
      install: () => {
        throw new Error('the installer is gone');
      },
      onNotice: () => undefined,
      setTimer: () => () => undefined,
    });
    gate.downloaded('1.2.0');
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(releases).toBe(1);
    expect(gate.notice().phase).toBe('none');
  });

  it('holds nothing before an update is downloaded', () => {
    const t = setup();
    t.gate.available('1.2.0');
    t.gate.withdrawn();
    t.gate.stop();
    expect(t.questions()).toBe(0);
    expect(t.releases()).toBe(0);
  });

  it('keeps the hold when the quit that starts the installer stops the gate on its way', async () => {
    let releases = 0;
    const gate = createUpdateGate({
      hold: async () => idle,
      release: () => (releases += 1),
      // quitAndInstall quits the app at once, and before-quit stops the gate from inside it.
      install: () => gate.stop(),
      onNotice: () => undefined,
      setTimer: () => () => undefined,
    });
    gate.downloaded('1.2.0');
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(gate.notice().phase).toBe('installing');
    expect(releases).toBe(0);
  });
});
