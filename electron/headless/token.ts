import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

/**
 * The token travels in an Authorization header, a WebSocket subprotocol (`tanto.<token>`) and a
 * URL fragment, so it is limited to characters that are valid in all three.
 */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]+$/;
export const MIN_TOKEN_LENGTH = 32;

/** 32 random bytes, base64url: 43 characters, 256 bits. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Throws with a message that says what is wrong with the token, never the token itself. */
export function assertUsableToken(token: string, source = 'The access token'): void {
  if (token.length === 0) throw new Error(`${source} is empty.`);
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new Error(`${source} is too short (${token.length} characters; at least ${MIN_TOKEN_LENGTH} are required).`);
  }
  if (!TOKEN_PATTERN.test(token)) {
    throw new Error(`${source} may contain only letters, digits, "-" and "_".`);
  }
}

/**
 * Reads a token kept in a file (for a service that must keep the same URL across restarts).
 * Synchronous: it runs once, at start, before anything else is listening.
 */
export function readTokenFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new Error(`Cannot read the token file ${path} (${code}).`, { cause: error });
  }
  const token = text.trim();
  assertUsableToken(token, `The token in ${path}`);
  return token;
}

/**
 * Compares digests rather than the strings so neither the content nor the length of the
 * expected token leaks through timing.
 */
export function tokensEqual(presented: string, expected: string): boolean {
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
