import type { Reason } from '../loc/reasons';

/**
 * Why a workstation runs no robot, as its Japanese text (for the log and older screens) and as
 * a message by name, which the robot screen says from its catalogs (reasons.<key>) in the
 * viewer's language.
 */
export class RobotUnavailable {
  constructor(
    readonly text: string,
    readonly reason: Reason,
  ) {}

  toString(): string {
    return this.text;
  }
}

const unavailable = (text: string, key: string, ...params: string[]) => new RobotUnavailable(text, { key, params });

export const robotUnavailableReasons = {
  notConfigured: () => unavailable('このワークステーションではロボットが設定されていません', 'robotNotConfigured'),
  /** The desktop app keeps the LINE token in its protected store; staff enter it on the connection banner. */
  desktopLineTokenMissing: () =>
    unavailable(
      'LINE のチャネルアクセストークンがまだ入力されていません。画面上部の「接続情報を入力してください」から入力すると、ロボットを使えるようになります',
      'robotDesktopLineTokenMissing',
    ),
  lineTokenMissing: (envName: string) =>
    unavailable(`LINE のチャネルアクセストークンが設定されていません。環境変数 ${envName} か --line-token-file で指定してください`, 'robotLineTokenMissing', envName),
  vaultKeyMissing: (keyEnv: string, keyFileEnv: string, command: string) =>
    unavailable(
      `秘密情報の保管庫の鍵が設定されていません。鍵（16 進 64 文字、または 32 バイトの base64）を環境変数 ${keyEnv} に、または鍵を書いたファイルのパスを環境変数 ${keyFileEnv} に指定してください。新しい鍵は ${command} で作れます`,
      'robotVaultKeyMissing',
      keyEnv,
      keyFileEnv,
      command,
    ),
  /** Any other trouble with the vault: the screen says what to check; the vault's own words stay in the text and the log. */
  vaultUnusable: (detail: string) => unavailable(detail, 'robotVaultUnusable'),
};

/** What robot.status says: the text, and the reason by name when the shell gave one. */
export function unavailableOf(given: string | RobotUnavailable | undefined): { text: string; reason: Reason | null } {
  const said = given ?? robotUnavailableReasons.notConfigured();
  return typeof said === 'string' ? { text: said, reason: null } : { text: said.text, reason: said.reason };
}
