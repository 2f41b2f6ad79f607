import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultDataDir, readShopConfig } from '../core/config';
import { ReplicaDamagedError } from '../core/db/replica-recovery';
import { DataDirInUseError } from '../core/instance/data-dir-in-use';
import { replicaRefusalText } from './replica-words';
import { runHeadless, type GivenSetting, type RunningHeadless } from './run';
import { VAULT_KEY_ENV, VAULT_KEY_FILE_ENV } from '../core/secrets/vault-key';
import { readTokenFile } from './server';

/**
 * `npm run serve -- [--data DIR] [--port N] [--token-file FILE] [--cloud-url URL] [--cloud-token-file FILE]
 *                   [--vault-key-file FILE] [--line-token-file FILE] [--line-url URL] [--robot]
 *                   [--restore-backup | --start-fresh]`
 * The cloud address comes from --cloud-url or tanto.json; the cloud token from --cloud-token-file,
 * TANTO_CLOUD_TOKEN or the vault; the LINE token from --line-token-file, TANTO_LINE_TOKEN or the
 * vault; the vault key from --vault-key-file, TANTO_VAULT_KEY or TANTO_VAULT_KEY_FILE; none is
 * ever printed. Without a cloud address or token the shell serves the first-run flow, which saves
 * them (the token in the vault), so it needs a vault key unless the token was given.
 * --robot starts the cross-sell robot at once.
 * A damaged replica stops the shell with exit code 2 and its words; --restore-backup (the latest
 * backup) or --start-fresh (an empty replica) is staff's answer, and applies only to a damaged one.
 */
const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    port: { type: 'string', default: '0' },
    'token-file': { type: 'string' },
    'cloud-url': { type: 'string' },
    'cloud-token-file': { type: 'string' },
    'vault-key-file': { type: 'string' },
    'line-token-file': { type: 'string' },
    'line-url': { type: 'string' },
    robot: { type: 'boolean', default: false },
    'restore-backup': { type: 'boolean', default: false },
    'start-fresh': { type: 'boolean', default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const dataDir = values.data ?? defaultDataDir();
// A damaged tanto.json is the operator's to mend: said before anything starts.
try {
  readShopConfig(dataDir);
} catch (error) {
  fail((error as Error).message);
}
const cloudUrl = values['cloud-url'];
const tokenInEnv = process.env.TANTO_CLOUD_TOKEN;
// Read once and gone: nothing this process starts later (the robot's browser) inherits the token.
delete process.env.TANTO_CLOUD_TOKEN;
let cloudToken: GivenSetting | undefined;
try {
  if (values['cloud-token-file']) cloudToken = { value: readFileSync(values['cloud-token-file'], 'utf8').trim(), lock: { by: 'file', name: '--cloud-token-file' } };
  else if (tokenInEnv) cloudToken = { value: tokenInEnv, lock: { by: 'env', name: 'TANTO_CLOUD_TOKEN' } };
} catch (error) {
  fail(`--cloud-token-file を読めません (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
}
const hasVaultKey = Boolean(values['vault-key-file'] || process.env[VAULT_KEY_ENV]?.trim() || process.env[VAULT_KEY_FILE_ENV]?.trim());
// With neither a token nor a vault to keep one entered on screen, the first-run flow could not finish.
if (!cloudToken && !hasVaultKey) {
  fail(
    `${dataDir} にショップが設定されていません。クラウドの URL（--cloud-url か、そのフォルダの tanto.json）と` +
      'クラウドのトークン（--cloud-token-file か TANTO_CLOUD_TOKEN）を指定するか、--vault-key-file で保管庫の鍵を指定して画面の初回設定から入力してください。' +
      'デモショップで試すには npm run demo を実行してください。',
  );
}
if (values['restore-backup'] && values['start-fresh']) {
  fail('--restore-backup と --start-fresh はどちらか一方だけを指定してください。\nGive only one of --restore-backup and --start-fresh.');
}
const replicaRecovery = values['restore-backup'] ? 'restore-backup' : values['start-fresh'] ? 'start-fresh' : undefined;
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) fail(`--port は 0〜65535 のポート番号で指定してください（指定: ${values.port}）。`);

let token: string | undefined;
try {
  token = values['token-file'] ? readTokenFile(values['token-file']) : undefined;
} catch (error) {
  fail((error as Error).message);
}

// Before the shell is up and prints its URL: whoever reads it may stop it at once.
// Filled once the shell is up; the signal handlers read it before then.
const started: { shell?: RunningHeadless } = {};
let stopping = false;
const finish = (shell: RunningHeadless) =>
  void shell.stop().then(() => {
    console.log('停止しました。');
    process.exit(0);
  });
const stop = () => {
  if (stopping) return;
  stopping = true;
  console.log('停止しています…');
  if (started.shell) finish(started.shell);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

started.shell = await runHeadless({
  dataDir,
  port,
  ...(cloudUrl ? { cloudUrl: { value: cloudUrl, lock: { by: 'flag', name: '--cloud-url' } } } : {}),
  ...(cloudToken ? { cloudToken } : {}),
  ...(token === undefined ? {} : { token }),
  ...(values['vault-key-file'] ? { vaultKeyFile: values['vault-key-file'] } : {}),
  ...(values['line-token-file'] ? { lineTokenFile: values['line-token-file'] } : {}),
  ...(values['line-url'] ? { lineBaseUrl: values['line-url'] } : {}),
  ...(values.robot ? { startRobot: true } : {}),
  ...(replicaRecovery ? { replicaRecovery } : {}),
}).catch((error: unknown) => {
  // Another Tanto has this data folder: say who, and leave without touching it.
  if (error instanceof DataDirInUseError) fail(error.message);
  // The replica is damaged: what happened, the backup, and the flags that answer it; the file is untouched.
  if (error instanceof ReplicaDamagedError) fail(replicaRefusalText(error.refusal(), error.file));
  throw error;
});
// Asked to stop while it was starting: it stops now that it can.
if (stopping) finish(started.shell);
