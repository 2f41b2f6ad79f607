import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { repoRoot } from './spawn-app';

/**
 * What a newcomer types, on a fresh clone of the committed HEAD: `npm ci`, then the demo. Nothing
 * else is run in between (no renderer build, no setup script): the demo has to do what it needs.
 * npm's cache is warm wherever this runs, hence --prefer-offline; the install itself is real.
 */
const clone = mkdtempSync(path.join(os.tmpdir(), 'tanto-clone-'));
afterAll(() => rmSync(clone, { recursive: true, force: true }));

/** Runs a command in the clone as a person's shell would; resolves with its output, rejects on failure. */
function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    // The test runner's own settings are not a newcomer's.
    const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|NODE_ENV$|TEST$|npm_)/.test(name)));
    const child = spawn(command, args, { cwd: clone, env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} ended with ${code ?? signal}:\n${output}`)),
    );
  });
}

it('a fresh clone: npm ci, then npm run demo -- --exit-when-idle --taps 3 orders and messages each tap once', { timeout: 1_200_000 }, async () => {
  const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
  execFileSync('git', ['clone', '--quiet', '--no-checkout', repoRoot, clone]);
  execFileSync('git', ['checkout', '--quiet', head], { cwd: clone });
  expect(existsSync(path.join(clone, 'node_modules'))).toBe(false);
  expect(existsSync(path.join(clone, 'renderer', 'dist'))).toBe(false);

  await run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund']);
  const output = await run('npm', ['run', 'demo', '--', '--exit-when-idle', '--taps', '3']);

  expect(output).toContain('画面をビルドしています');
  expect(existsSync(path.join(clone, 'renderer', 'dist', 'index.html'))).toBe(true);
  expect(output).toContain(`デモフォルダ           ${path.join(clone, '.demo')}`);
  const outcome = JSON.parse(output.trimEnd().split('\n').at(-1) ?? '') as Record<string, number>;
  expect(outcome).toMatchObject({
    requests: 3,
    done: 3,
    needsManual: 0,
    orders: 3,
    messages: 3,
    duplicateOrders: 0,
    duplicateMessages: 0,
    duplicateOrdersPerCustomer: 0,
    duplicateMessagesPerCustomer: 0,
    duplicates: 0,
  });
});
