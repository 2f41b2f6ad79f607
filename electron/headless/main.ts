import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultDataDir, readShopConfig } from '../core/config';
import { ReplicaDamagedError } from '../core/db/replica-recovery';
import { DataDirInUseError } from '../core/instance/data-dir-in-use';
import { replicaRefusalText } from './replica-words';
import { runHeadless } from './run';
import { readTokenFile } from './server';

/**
 * `npm run serve -- [--data DIR] [--port N] [--token-file FILE] [--cloud-url URL] [--cloud-token-file FILE]
 *                   [--vault-key-file FILE] [--line-token-file FILE] [--robot] [--restore-backup | --start-fresh]`
 * The cloud token comes from --cloud-token-file or TANTO_CLOUD_TOKEN, the LINE token from
 * --line-token-file or TANTO_LINE_TOKEN, the vault key from --vault-key-file, TANTO_VAULT_KEY or
 * TANTO_VAULT_KEY_FILE; none is ever printed. --robot starts the cross-sell robot at once.
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
let config;
try {
  config = readShopConfig(dataDir);
} catch (error) {
  fail((error as Error).message);
}
const cloudUrl = values['cloud-url'] ?? config?.cloud?.baseUrl;
const cloudToken = values['cloud-token-file']
  ? readFileSync(values['cloud-token-file'], 'utf8').trim()
  : process.env.TANTO_CLOUD_TOKEN;
// Read once and gone: nothing this process starts later (the robot's browser) inherits the token.
delete process.env.TANTO_CLOUD_TOKEN;
if (!cloudUrl || !cloudToken) {
  fail(
    `${dataDir} にショップが設定されていません。クラウドの URL（--cloud-url か、そのフォルダの tanto.json）と` +
      'クラウドのトークン（--cloud-token-file か TANTO_CLOUD_TOKEN）を指定してください。デモショップで試すには npm run demo を実行してください。',
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

const running = await runHeadless({
  dataDir,
  port,
  cloud: { baseUrl: cloudUrl, token: cloudToken },
  ...(token === undefined ? {} : { token }),
  ...(config?.sync ? { syncIntervalMs: config.sync.intervalSeconds * 1000 } : {}),
  ...(config ? { config } : {}),
  ...(values['vault-key-file'] ? { vaultKeyFile: values['vault-key-file'] } : {}),
  ...(values['line-token-file'] ? { lineTokenFile: values['line-token-file'] } : {}),
  ...(values.robot ? { startRobot: true } : {}),
  ...(replicaRecovery ? { replicaRecovery } : {}),
}).catch((error: unknown) => {
  // Another Tanto has this data folder: say who, and leave without touching it.
  if (error instanceof DataDirInUseError) fail(error.message);
  // The replica is damaged: what happened, the backup, and the flags that answer it; the file is untouched.
  if (error instanceof ReplicaDamagedError) fail(replicaRefusalText(error.refusal(), error.file));
  throw error;
});

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  console.log('停止しています…');
  void running.stop().then(() => {
    console.log('停止しました。');
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
