import { describe, expect, it } from 'vitest';
import type { CoreState } from './core-link';
import { wireNightPower } from './night-power';

/** A core link whose answers and events the test gives. */
function fakeLink(answers: Record<string, unknown>) {
  const calls: string[] = [];
  const events = new Set<(text: string) => void>();
  const states = new Set<(state: CoreState) => void>();
  return {
    calls,
    link: {
      call: async (text: string) => {
        const { id, name } = JSON.parse(text) as { id: string; name: string };
        calls.push(name);
        return JSON.stringify(name in answers ? { id, result: answers[name] } : { id, error: { kind: 'unavailable', message: 'no core' } });
      },
      onEvent: (listener: (text: string) => void) => (events.add(listener), () => events.delete(listener)),
      onState: (listener: (state: CoreState) => void) => (states.add(listener), () => states.delete(listener)),
    },
    emit: (event: string, payload: unknown) => events.forEach((l) => l(JSON.stringify({ event, payload }))),
    state: (state: CoreState) => states.forEach((l) => l(state)),
  };
}

function fakePorts() {
  const log: string[] = [];
  const listeners: Record<'suspend' | 'resume', Array<() => void>> = { suspend: [], resume: [] };
  let next = 0;
  return {
    log,
    fire: (what: 'suspend' | 'resume') => listeners[what].forEach((l) => l()),
    ports: {
      onSuspend: (l: () => void) => void listeners.suspend.push(l),
      onResume: (l: () => void) => void listeners.resume.push(l),
      keepAwake: () => (log.push(`awake:${(next += 1)}`), next),
      letSleep: (id: number) => void log.push(`sleep:${id}`),
      setOpenAtLogin: (on: boolean) => void log.push(`login:${on}`),
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("night mode's desktop half", () => {
  it('tells the core of sleep and wake, and keeps the PC awake exactly while the robot runs', async () => {
    const core = fakeLink({ 'power.suspend': { suspended: true }, 'power.resume': { suspended: false }, 'robot.status': { running: true }, 'night.get': { startAtLogin: true } });
    const pc = fakePorts();
    const stop = wireNightPower(core.link, pc.ports, () => undefined);
    core.state('open');
    await settle();
    expect(pc.log).toEqual(['awake:1', 'login:true']);
    core.emit('robot.changed', { running: true });
    expect(pc.log).toEqual(['awake:1', 'login:true']);
    pc.fire('suspend');
    core.emit('robot.changed', { running: false });
    pc.fire('resume');
    core.emit('robot.changed', { running: true });
    await settle();
    expect(core.calls).toEqual(['robot.status', 'night.get', 'power.suspend', 'power.resume']);
    expect(pc.log).toEqual(['awake:1', 'login:true', 'sleep:1', 'awake:2']);
    core.emit('night.settingsChanged', { startAtLogin: false });
    // The core went away: nothing keeps the PC awake for a robot that is not there.
    core.state('closed');
    expect(pc.log).toEqual(['awake:1', 'login:true', 'sleep:1', 'awake:2', 'login:false', 'sleep:2']);
    stop();
  });

  it('logs a sleep the core could not be told of, and ignores events that are not its own', async () => {
    const core = fakeLink({});
    const pc = fakePorts();
    const lines: string[] = [];
    wireNightPower(core.link, pc.ports, (line) => lines.push(line));
    pc.fire('suspend');
    core.emit('loc.changed', { ids: [1] });
    await settle();
    expect(lines).toEqual(['power.suspend failed: no core']);
    expect(pc.log).toEqual([]);
  });
});
