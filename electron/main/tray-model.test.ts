import { describe, expect, it } from 'vitest';
import { desktopLanguages } from './desktop-messages';
import { INITIAL_STATUS, robotLine, trayView, type DesktopStatus, type TrayItem } from './tray-model';

const open = (robot: Partial<NonNullable<DesktopStatus['robot']>> = {}, rest: Partial<DesktopStatus> = {}): DesktopStatus => ({
  core: 'open',
  robot: { available: true, running: false, busyWorkers: 0, ...robot },
  night: { enabled: false, start: '22:00', tonight: false },
  needsPerson: 0,
  ...rest,
});

const actions = (items: TrayItem[]) => Object.fromEntries(items.flatMap((item) => (item.kind === 'action' ? [[item.action, item.enabled]] : [])));

describe('the tray', () => {
  it("says the robot's state in staff's words", () => {
    expect(robotLine(open({ running: true, busyWorkers: 2 }), 'ja')).toBe('ロボット: 処理中');
    expect(robotLine(open({ running: true }), 'ja')).toBe('ロボット: 待機中（処理する申請なし）');
    expect(robotLine(open(), 'ja')).toBe('ロボット: 停止中');
    expect(robotLine(open({}, { night: { enabled: true, start: '22:30', tonight: false } }), 'ja')).toBe('ロボット: 夜間モード待機中（22:30 から）');
    // Inside the night with the robot stopped by staff: stopped, not waiting.
    expect(robotLine(open({}, { night: { enabled: true, start: '22:30', tonight: true } }), 'ja')).toBe('ロボット: 停止中');
    expect(robotLine(open({ available: false }), 'en')).toBe('Robot: not available (needs setting up)');
    expect(robotLine(INITIAL_STATUS, 'en')).toBe('Tanto is starting…');
    expect(robotLine({ ...INITIAL_STATUS, core: 'failed' }, 'zh-TW')).toBe('Tanto 無法啟動，請開啟視窗查看原因');
  });

  it('puts the state and the requests needing attention in the tooltip, and shows them in the icon', () => {
    const view = trayView(open({ running: true, busyWorkers: 1 }, { needsPerson: 3 }), 'ja');
    expect(view.tooltip).toBe('Tanto — ロボット: 処理中 — 手動対応 3件');
    expect(view.icon).toBe('attention');
    expect(view.items[0]).toEqual({ kind: 'label', label: 'ロボット: 処理中' });
    expect(view.items[1]).toEqual({ kind: 'action', label: '手動対応の申請を開く（3件）', action: 'open-needs-person', enabled: true });
    expect(trayView(open({ running: true }), 'en')).toMatchObject({ tooltip: 'Tanto — Robot: idle (nothing to work on)', icon: 'running' });
    expect(trayView(open(), 'en').icon).toBe('stopped');
    expect(trayView({ ...INITIAL_STATUS, core: 'failed' }, 'en').icon).toBe('attention');
  });

  it('offers start only to a stopped robot that can run, and stop only to a running one', () => {
    expect(actions(trayView(open(), 'ja').items)).toEqual({ 'start-robot': true, 'stop-robot': false, 'open-window': true, quit: true });
    expect(actions(trayView(open({ running: true }), 'ja').items)).toMatchObject({ 'start-robot': false, 'stop-robot': true });
    expect(actions(trayView(open({ available: false }), 'ja').items)).toMatchObject({ 'start-robot': false, 'stop-robot': false });
    expect(actions(trayView(INITIAL_STATUS, 'ja').items)).toMatchObject({ 'start-robot': false, 'stop-robot': false, 'open-window': true, quit: true });
  });

  it('has every label in each language, none of them empty or the same as in another language', () => {
    const status = open({ running: true, busyWorkers: 1 }, { needsPerson: 2 });
    const labels = desktopLanguages.map((language) => trayView(status, language).items.flatMap((item) => (item.kind === 'separator' ? [] : [item.label])));
    for (const set of labels) {
      expect(set).toHaveLength(6);
      for (const label of set) expect(label.trim()).not.toBe('');
    }
    expect(labels[0]).not.toEqual(labels[1]);
    expect(labels[1]).not.toEqual(labels[2]);
  });

  it('keeps the tooltip within what Windows shows', () => {
    expect(trayView(open({}, { needsPerson: 123456789 }), 'en').tooltip.length).toBeLessThanOrEqual(127);
  });
});
