import { describe, expect, it } from 'vitest';
import type { DesktopLanguage } from './desktop-messages';
import { createNoticeDecider, type Notice } from './notice-decider';

function setup(language: DesktopLanguage = 'ja') {
  const shown: Notice[] = [];
  const timers: Array<{ run: () => void; ms: number; cancelled: boolean }> = [];
  let focused = false;
  const decider = createNoticeDecider({
    show: (notice) => shown.push(notice),
    windowFocused: () => focused,
    language: () => language,
    setTimer: (run, ms) => {
      const timer = { run, ms, cancelled: false };
      timers.push(timer);
      return () => void (timer.cancelled = true);
    },
  });
  const elapse = () => {
    for (const timer of timers.splice(0)) if (!timer.cancelled) timer.run();
  };
  return { decider, shown, timers, elapse, focus: (on: boolean) => void (focused = on) };
}

const request = (id: number, updatedAt = '2026-12-04T13:00:00.000Z', memberDisplayName: string | null = `会員${id}`) => ({ id, updatedAt, memberDisplayName });

describe('Windows notifications', () => {
  it('shows one request that needs a person, opening it when clicked', () => {
    const { decider, shown, elapse, timers } = setup();
    decider.needsPerson([request(12)]);
    expect(shown).toEqual([]);
    expect(timers.map((t) => t.ms)).toEqual([2_000]);
    elapse();
    expect(shown).toEqual([{ title: 'LOC申請 #12 が対応を待っています', body: '会員12さんの申請に手動対応が必要です', target: { kind: 'request', id: 12 } }]);
  });

  it('gathers what arrives together into one, opening the 手動対応 list', () => {
    const { decider, shown, elapse, timers } = setup();
    decider.needsPerson([request(1)]);
    decider.needsPerson([request(2), request(3)]);
    expect(timers).toHaveLength(1);
    elapse();
    expect(shown).toEqual([{ title: '3件のLOC申請が対応を待っています', body: 'クリックすると手動対応の申請の一覧を開きます', target: { kind: 'needs-person' } }]);
  });

  it('never shows the same event twice, but a request handed over again is a new one', () => {
    const { decider, shown, elapse } = setup('en');
    decider.needsPerson([request(5)]);
    elapse();
    decider.needsPerson([request(5)]);
    elapse();
    expect(shown).toHaveLength(1);
    decider.needsPerson([request(5, '2026-12-05T01:00:00.000Z')]);
    elapse();
    expect(shown.map((n) => n.title)).toEqual(['LOC request #5 is waiting for you', 'LOC request #5 is waiting for you']);
    decider.robotStopped({ cause: 'night-ended', workLeft: 2, at: '2026-12-04T22:00:00.000Z' });
    decider.robotStopped({ cause: 'night-ended', workLeft: 2, at: '2026-12-04T22:00:00.000Z' });
    elapse();
    decider.robotStopped({ cause: 'night-ended', workLeft: 2, at: '2026-12-04T22:00:00.000Z' });
    elapse();
    expect(shown.slice(2)).toEqual([{ title: 'The robot has stopped', body: 'The night window has ended. The remaining 2 will go on next night', target: { kind: 'window' } }]);
  });

  it('shows nothing while a window is focused, and does not show it later either', () => {
    const { decider, shown, elapse, focus } = setup();
    focus(true);
    decider.needsPerson([request(7)]);
    decider.robotStopped({ cause: 'core-failed', at: '2026-12-04T23:00:00.000Z' });
    elapse();
    focus(false);
    elapse();
    decider.needsPerson([request(7)]);
    elapse();
    expect(shown).toEqual([]);
  });

  it('says nothing of a night that ended with nothing left, and tells a core that stopped under the robot', () => {
    const { decider, shown, elapse, timers } = setup('zh-TW');
    decider.robotStopped({ cause: 'night-ended', workLeft: 0, at: '2026-12-04T22:00:00.000Z' });
    expect(timers).toEqual([]);
    decider.robotStopped({ cause: 'core-restarted', at: '2026-12-04T23:00:00.000Z' });
    decider.needsPerson([request(9, undefined, null)]);
    elapse();
    expect(shown).toEqual([
      { title: 'LOC 申請 #9 正在等待處理', body: '', target: { kind: 'request', id: 9 } },
      { title: '機器人已停止', body: 'Tanto 意外中止後已重新啟動。若要繼續，請啟動機器人', target: { kind: 'window' } },
    ]);
  });

  it('shows nothing gathered once stopped', () => {
    const { decider, shown, timers } = setup();
    decider.needsPerson([request(1)]);
    decider.stop();
    expect(timers[0]?.cancelled).toBe(true);
    expect(shown).toEqual([]);
  });
});
