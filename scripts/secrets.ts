import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../electron/core/config';
import { listCartLogins, saveCartLogin } from '../electron/core/secrets/cart-logins';
import { openDataDirVault, vaultFileOf } from '../electron/core/secrets/data-dir-vault';
import { generateVaultKey } from '../electron/core/secrets/vault-key';

/**
 * `npm run secrets -- <command>`: the headless vault (<data>/secrets.vault) from a terminal.
 *   generate-key                                        prints a new vault key
 *   set-cart-login [--ref R] --base-url U --email E     stores a cart login; the password is read from stdin
 *   list                                                lists the cart logins, without passwords
 * Options: --data DIR (else TANTO_DATA_DIR or .data), --key-file FILE (else TANTO_VAULT_KEY or TANTO_VAULT_KEY_FILE).
 */
const usage = `使い方 (usage):
  npm run secrets -- generate-key
  npm run secrets -- set-cart-login [--ref REF] --base-url URL --email EMAIL   (パスワードは標準入力から / password on stdin)
  npm run secrets -- list
  共通 (options): --data DIR  --key-file FILE`;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      'key-file': { type: 'string' },
      ref: { type: 'string' },
      'base-url': { type: 'string' },
      email: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  fail(`${(error as Error).message}\n${usage}`);
}
const { values, positionals } = parsed;
const [command, ...extra] = positionals;
if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (!command || extra.length > 0) fail(usage);

const dataDir = values.data ?? defaultDataDir();
const keyOptions = values['key-file'] ? { keyFile: values['key-file'] } : {};

try {
  switch (command) {
    case 'generate-key':
      console.log(generateVaultKey());
      console.error(
        'この鍵を TANTO_VAULT_KEY に設定するか、ファイルに保存して TANTO_VAULT_KEY_FILE にそのパスを設定してください。' +
          '鍵をなくすと保管した情報は読めなくなります。',
      );
      break;
    case 'set-cart-login': {
      const baseUrl = values['base-url'];
      const email = values.email;
      if (!baseUrl || !email) fail(`--base-url と --email が必要です (required)\n${usage}`);
      const store = openDataDirVault(dataDir, keyOptions);
      // A wrong key should stop the command before anyone types a password into it.
      await store.names();
      const password = await readPassword();
      if (password === '') fail('パスワードが空です。標準入力から渡してください (no password on stdin)');
      const saved = await saveCartLogin(store, { cart: 'ecforce', baseUrl, email, password, ...(values.ref ? { ref: values.ref } : {}) });
      console.log(`保存しました (saved): ${saved.ref}  ${saved.baseUrl}  ${saved.email}  → ${vaultFileOf(dataDir)}`);
      break;
    }
    case 'list': {
      const logins = await listCartLogins(openDataDirVault(dataDir, keyOptions));
      if (logins.length === 0) console.log(`カートログインはまだありません (no cart logins in ${vaultFileOf(dataDir)})`);
      for (const login of logins) console.log(`${login.ref}\t${login.cart}\t${login.baseUrl}\t${login.email}`);
      break;
    }
    default:
      fail(`知らないコマンドです (unknown command): ${command}\n${usage}`);
  }
} catch (error) {
  fail((error as Error).message);
}

/** Piped stdin is read whole (one trailing newline dropped); at a terminal the typed password is not echoed. */
async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  process.stderr.write('パスワード (password): ');
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const reader = createInterface({ input: process.stdin, output: silent, terminal: true });
  const line = await new Promise<string>((resolve) => reader.once('line', resolve));
  reader.close();
  process.stderr.write('\n');
  return line;
}
