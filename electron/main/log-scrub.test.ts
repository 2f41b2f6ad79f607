import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import nodeLog from 'electron-log/node';
import { afterAll, describe, expect, it } from 'vitest';
import { logEachLine } from './log-lines';
import { createLogScrubber, REDACTED } from './log-scrub';
import { configureLog } from './log-setup';

const dir = mkdtempSync(path.join(tmpdir(), 'tanto-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A logger configured as the app's, writing to a file of its own in the temp folder. */
function fileLogger(name: string, maxBytes?: number) {
  const scrubber = createLogScrubber();
  const logger = configureLog(nodeLog.create({ logId: name }), { scrubber, ...(maxBytes ? { maxBytes } : {}) });
  const file = path.join(dir, `${name}.log`);
  logger.transports.file.resolvePathFn = () => file;
  logger.transports.console.level = false;
  return { logger, scrubber, file, read: () => readFileSync(file, 'utf8') };
}

const CART_PASSWORD = 'Shop-Pa55-word!';
const LINE_TOKEN = 'Lx9aF3kQmZ2vB8nR4tY7wE1uI6oP0sD5gH/jK+lC=';
const CLOUD_TOKEN = 'ct_7d1f0e9b2a4c4f8e9a3b5c6d7e8f9a0b';

describe('the log file', () => {
  it('never holds a token, password or cookie, whichever way it was logged', () => {
    const { logger, scrubber, read } = fileLogger('secrets');
    scrubber.addSecret(LINE_TOKEN);
    logger.info('LINE push failed with token', LINE_TOKEN, 'retrying');
    logger.info('request headers', { authorization: `Bearer ${CLOUD_TOKEN}`, accept: 'application/json' });
    logger.warn(`cloud said 401 for Authorization: Bearer ${CLOUD_TOKEN}`);
    logger.info({ login: { email: 'robot@shop.jp', password: CART_PASSWORD, baseUrl: 'https://shop.ec-force.com' } });
    logger.error(new Error(`login failed: password=${CART_PASSWORD}&email=robot@shop.jp`));
    logger.info('Set-Cookie: _ecforce_session=abcdef0123456789; path=/; HttpOnly');
    logger.info(`opened http://127.0.0.1:8123/#token=${CLOUD_TOKEN}`);
    logger.info('settings', JSON.stringify({ cloudToken: CLOUD_TOKEN, intervalSeconds: 30 }));

    const text = read();
    for (const secret of [CART_PASSWORD, LINE_TOKEN, CLOUD_TOKEN, 'abcdef0123456789']) expect(text).not.toContain(secret);
    // What is not secret stays readable, so the log still says what happened.
    expect(text).toContain('LINE push failed with token [redacted] retrying');
    expect(text).toContain("accept: 'application/json'");
    expect(text).toContain('robot@shop.jp');
    expect(text).toContain('https://shop.ec-force.com');
    expect(text).toContain('login failed');
    expect(text).toContain('Set-Cookie: [redacted]');
    expect(text).toContain('http://127.0.0.1:8123/#token=[redacted]');
    expect(text).toContain('"intervalSeconds":30');
    expect(text.split(REDACTED).length - 1).toBeGreaterThanOrEqual(8);
  });

  it('rotates at its size limit, keeping one older file', () => {
    const { logger, file } = fileLogger('rotation', 4096);
    for (let i = 0; i < 200; i += 1) logger.info(`line ${i} ${'x'.repeat(60)}`);
    const old = path.join(dir, 'rotation.old.log');
    expect(existsSync(old)).toBe(true);
    expect(statSync(file).size).toBeLessThanOrEqual(4096 + 200);
    expect(readFileSync(file, 'utf8')).toContain('line 199 ');
  });
});

describe('the scrubber', () => {
  it('leaves ordinary words alone and ignores secrets too short to be one', () => {
    const scrubber = createLogScrubber();
    scrubber.addSecret('ab');
    expect(scrubber.scrubText('robot: LOC 12 → done (about 2 s); tokens of thanks')).toBe('robot: LOC 12 → done (about 2 s); tokens of thanks');
    expect(scrubber.scrub({ holder: 'pc-a#1', nested: [{ sessionId: 's-1' }] })).toEqual({ holder: 'pc-a#1', nested: [{ sessionId: REDACTED }] });
  });
});

describe("the core process's output", () => {
  it('reaches the log line by line, scrubbed like everything else', async () => {
    const { logger, read } = fileLogger('core-output');
    const stdout = new PassThrough();
    logEachLine(stdout, (line) => logger.info(`core: ${line}`));
    stdout.write('sync: 同期しました\nrobot: login with password=');
    stdout.end(`${CART_PASSWORD} refused\n\n`);
    await new Promise((resolve) => stdout.on('close', resolve));
    await expect.poll(() => read()).toContain('core: robot: login with password=[redacted] refused');
    expect(read()).toContain('core: sync: 同期しました');
    expect(read()).not.toContain(CART_PASSWORD);
  });
});
