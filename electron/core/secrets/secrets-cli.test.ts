import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { tempDir } from '../../../test/fixtures/tmp';
import { spawnScript } from '../../../test/integration/spawn-app';
import { loadCartLogin } from './cart-logins';
import { openDataDirVault } from './data-dir-vault';

let tmp: { dir: string; remove(): void };
beforeEach(() => {
  tmp = tempDir('tanto-secrets-cli-');
});
afterEach(() => tmp.remove());

async function run(args: string[], env: NodeJS.ProcessEnv = {}, stdin?: string) {
  const app = spawnScript('scripts/secrets.ts', [...args, '--data', tmp.dir], { TANTO_VAULT_KEY: '', TANTO_VAULT_KEY_FILE: '', ...env });
  app.child.stdin.end(stdin ?? '');
  const { code } = await app.exited;
  return { code, output: app.output() };
}

it('generates a key, stores a cart login read from stdin, and lists it without the password', async () => {
  const generated = await run(['generate-key']);
  expect(generated.code).toBe(0);
  const key = /^[0-9a-f]{64}$/m.exec(generated.output)?.[0];
  expect(key).toBeDefined();
  const env = { TANTO_VAULT_KEY: key! };

  const saved = await run(['set-cart-login', '--ref', 'ecforce-main', '--base-url', 'https://shop.ec-force.com', '--email', 'robot@shop.example.jp'], env, 'p@ss word\n');
  expect(saved.code, saved.output).toBe(0);
  expect(saved.output).not.toContain('p@ss word');
  const login = await loadCartLogin(openDataDirVault(tmp.dir, { env }), 'ecforce-main');
  expect(login?.password).toBe('p@ss word');
  expect(readFileSync(path.join(tmp.dir, 'secrets.vault')).includes('p@ss word')).toBe(false);

  const listed = await run(['list'], env);
  expect(listed.code).toBe(0);
  expect(listed.output).toContain('ecforce-main\tecforce\thttps://shop.ec-force.com\trobot@shop.example.jp');
  expect(listed.output).not.toContain('p@ss');
}, 60_000);

it('explains how to provide a key when none is set, and refuses a wrong one', async () => {
  const missing = await run(['list']);
  expect(missing.code).toBe(2);
  expect(missing.output).toContain('npm run secrets -- generate-key');
  expect(missing.output).toContain('TANTO_VAULT_KEY_FILE');

  await run(['set-cart-login', '--ref', 'x', '--base-url', 'https://a.example.jp', '--email', 'a@a.jp'], { TANTO_VAULT_KEY: '11'.repeat(32) }, 'pw');
  const wrong = await run(['set-cart-login', '--ref', 'y', '--base-url', 'https://a.example.jp', '--email', 'a@a.jp'], { TANTO_VAULT_KEY: '22'.repeat(32) }, 'pw');
  expect(wrong.code).toBe(2);
  expect(wrong.output).toContain('復号できません');
}, 60_000);
