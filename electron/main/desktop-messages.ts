/**
 * The few words the main process shows itself (the tray's tooltip and menu, Windows
 * notifications), in the app's three languages. The renderer's catalogs are not loaded here:
 * the main process must not pull in the page's bundle, and these are staff's words for the same
 * things (手動対応 as the dashboard says it).
 */
export const desktopLanguages = ['ja', 'en', 'zh-TW'] as const;
export type DesktopLanguage = (typeof desktopLanguages)[number];

export function isDesktopLanguage(value: unknown): value is DesktopLanguage {
  return typeof value === 'string' && (desktopLanguages as readonly string[]).includes(value);
}

export interface DesktopMessages {
  app: string;
  robotWorking: string;
  robotIdle: string;
  robotStopped: string;
  robotNightWaiting(start: string): string;
  robotUnavailable: string;
  coreStarting: string;
  coreFailed: string;
  needsPerson(count: number): string;
  startRobot: string;
  stopRobot: string;
  openWindow: string;
  openNeedsPerson(count: number): string;
  quit: string;
  needsPersonOne(id: number): string;
  needsPersonMany(count: number): string;
  needsPersonBody(name: string): string;
  needsPersonManyBody: string;
  robotStoppedTitle: string;
  nightEndedBody(left: number): string;
  coreFailedTitle: string;
  coreFailedBody: string;
  coreRestartedBody: string;
}

const ja: DesktopMessages = {
  app: 'Tanto',
  robotWorking: 'ロボット: 処理中',
  robotIdle: 'ロボット: 待機中（処理する申請なし）',
  robotStopped: 'ロボット: 停止中',
  robotNightWaiting: (start) => `ロボット: 夜間モード待機中（${start} から）`,
  robotUnavailable: 'ロボット: 使えません（設定が必要です）',
  coreStarting: 'Tanto を起動しています…',
  coreFailed: 'Tanto を開始できません。ウィンドウを開いてください',
  needsPerson: (count) => `手動対応 ${count}件`,
  startRobot: 'ロボットを開始',
  stopRobot: 'ロボットを停止',
  openWindow: 'Tanto を開く',
  openNeedsPerson: (count) => `手動対応の申請を開く（${count}件）`,
  quit: 'Tanto を終了',
  needsPersonOne: (id) => `LOC申請 #${id} が対応を待っています`,
  needsPersonMany: (count) => `${count}件のLOC申請が対応を待っています`,
  needsPersonBody: (name) => `${name}さんの申請に手動対応が必要です`,
  needsPersonManyBody: 'クリックすると手動対応の申請の一覧を開きます',
  robotStoppedTitle: 'ロボットが止まりました',
  nightEndedBody: (left) => `夜間の時間帯が終わりました。残りの ${left}件は次の夜に続けます`,
  coreFailedTitle: 'Tanto が止まりました',
  coreFailedBody: 'ロボットは動いていません。ウィンドウを開いて理由を確かめてください',
  coreRestartedBody: 'Tanto の処理が途中で終わり、起動し直しました。ロボットを続けるには開始してください',
};

const en: DesktopMessages = {
  app: 'Tanto',
  robotWorking: 'Robot: working',
  robotIdle: 'Robot: idle (nothing to work on)',
  robotStopped: 'Robot: stopped',
  robotNightWaiting: (start) => `Robot: night mode, waiting (from ${start})`,
  robotUnavailable: 'Robot: not available (needs setting up)',
  coreStarting: 'Tanto is starting…',
  coreFailed: 'Tanto cannot start. Open the window to see why',
  needsPerson: (count) => `Needs attention: ${count}`,
  startRobot: 'Start the robot',
  stopRobot: 'Stop the robot',
  openWindow: 'Open Tanto',
  openNeedsPerson: (count) => `Open the requests needing attention (${count})`,
  quit: 'Quit Tanto',
  needsPersonOne: (id) => `LOC request #${id} is waiting for you`,
  needsPersonMany: (count) => `${count} LOC requests are waiting for you`,
  needsPersonBody: (name) => `${name}'s request needs to be handled by hand`,
  needsPersonManyBody: 'Click to open the list of requests needing attention',
  robotStoppedTitle: 'The robot has stopped',
  nightEndedBody: (left) => `The night window has ended. The remaining ${left} will go on next night`,
  coreFailedTitle: 'Tanto has stopped',
  coreFailedBody: 'The robot is not running. Open the window to see why',
  coreRestartedBody: 'Tanto stopped unexpectedly and has started again. Start the robot to go on',
};

const zhTW: DesktopMessages = {
  app: 'Tanto',
  robotWorking: '機器人：處理中',
  robotIdle: '機器人：待命中（沒有要處理的申請）',
  robotStopped: '機器人：已停止',
  robotNightWaiting: (start) => `機器人：夜間模式等待中（${start} 起）`,
  robotUnavailable: '機器人：無法使用（需要設定）',
  coreStarting: 'Tanto 啟動中…',
  coreFailed: 'Tanto 無法啟動，請開啟視窗查看原因',
  needsPerson: (count) => `需人工處理 ${count} 件`,
  startRobot: '啟動機器人',
  stopRobot: '停止機器人',
  openWindow: '開啟 Tanto',
  openNeedsPerson: (count) => `開啟需人工處理的申請（${count} 件）`,
  quit: '結束 Tanto',
  needsPersonOne: (id) => `LOC 申請 #${id} 正在等待處理`,
  needsPersonMany: (count) => `${count} 件 LOC 申請正在等待處理`,
  needsPersonBody: (name) => `${name} 的申請需要人工處理`,
  needsPersonManyBody: '點一下即可開啟需人工處理的申請清單',
  robotStoppedTitle: '機器人已停止',
  nightEndedBody: (left) => `夜間時段已結束，其餘 ${left} 件將於下一個夜晚繼續`,
  coreFailedTitle: 'Tanto 已停止',
  coreFailedBody: '機器人沒有在運作，請開啟視窗查看原因',
  coreRestartedBody: 'Tanto 意外中止後已重新啟動。若要繼續，請啟動機器人',
};

const catalogs: Record<DesktopLanguage, DesktopMessages> = { ja, en, 'zh-TW': zhTW };

export function desktopMessages(language: DesktopLanguage): DesktopMessages {
  return catalogs[language];
}
