import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateToken, readTokenFile, tokensEqual } from './token';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tanto-token-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('readTokenFile', () => {
  it('reads and trims a token', async () => {
    const token = generateToken();
    expect(await readTokenFile(file('ok', `  ${token}\r\n`))).toBe(token);
  });

  it('refuses an empty file', async () => {
    await expect(readTokenFile(file('empty', ' \n'))).rejects.toThrow(/is empty/);
  });

  it('refuses a short token without quoting it', async () => {
    const error = await readTokenFile(file('short', 'abc123\n')).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(/too short \(6 characters; at least 32/);
    expect((error as Error).message).not.toContain('abc123');
  });

  it('refuses characters that cannot travel in a header, a subprotocol and a URL', async () => {
    await expect(readTokenFile(file('spaces', `${'a'.repeat(20)} ${'b'.repeat(20)}`))).rejects.toThrow(/only letters, digits/);
  });

  it('names a missing file', async () => {
    await expect(readTokenFile(path.join(dir, 'missing'))).rejects.toThrow(/Cannot read the token file .*missing \(ENOENT\)/);
  });
});

describe('tokens', () => {
  it('are 256-bit base64url and compare exactly', () => {
    const token = generateToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokensEqual(token, token)).toBe(true);
    expect(tokensEqual(`${token}x`, token)).toBe(false);
    expect(tokensEqual('', token)).toBe(false);
  });
});
