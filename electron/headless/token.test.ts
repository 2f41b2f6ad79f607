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
  it('reads and trims a token', () => {
    const token = generateToken();
    expect(readTokenFile(file('ok', `  ${token}\r\n`))).toBe(token);
  });

  it('refuses an empty file', () => {
    expect(() => readTokenFile(file('empty', ' \n'))).toThrow(/is empty/);
  });

  it('refuses a short token without quoting it', () => {
    expect(() => readTokenFile(file('short', 'abc123\n'))).toThrow(/too short \(6 characters; at least 32/);
    expect(() => readTokenFile(file('short', 'abc123\n'))).not.toThrow(/abc123/);
  });

  it('refuses characters that cannot travel in a header, a subprotocol and a URL', () => {
    expect(() => readTokenFile(file('spaces', `${'a'.repeat(20)} ${'b'.repeat(20)}`))).toThrow(/only letters, digits/);
  });

  it('names a missing file', () => {
    expect(() => readTokenFile(path.join(dir, 'missing'))).toThrow(/Cannot read the token file .*missing \(ENOENT\)/);
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
