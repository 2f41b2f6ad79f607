/**
 * Takes secrets out of what the app writes to its log file: cart passwords, the LINE channel
 * token, the cloud token, the API token in the app's URL, cookies and authorization headers.
 * Known values (the tokens as the app holds them) are replaced wherever they appear; beyond
 * those, anything that looks like a credential by its name is replaced, because a secret the
 * app never told the scrubber about (a cart's session cookie in an error text) must not reach
 * the file either.
 */
export const REDACTED = '[redacted]';

/** Object keys whose value is a credential, whatever it looks like. */
const SECRET_KEY = /password|passwd|passphrase|^pass$|secret|token|cookie|authori[sz]ation|api[-_]?key|credential|session[-_]?id|csrf/i;

/** Credentials in free text, each with what it is replaced by (the name kept, the value gone). */
const SECRET_TEXT: ReadonlyArray<readonly [RegExp, string]> = [
  // Header lines: `Cookie: a=b; c=d`, `Authorization: Bearer abc`.
  [/\b((?:set-)?cookie|authori[sz]ation|proxy-authori[sz]ation|x-line-signature)(\s*:\s*)[^\r\n]+/gi, `$1$2${REDACTED}`],
  [/\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{6,}/gi, `$1 ${REDACTED}`],
  // `password=abc`, `"token": "abc"`, `#token=abc`, `?access_token=abc`, `cloudToken: abc`.
  [/(["']?[a-z_-]*(?:password|passwd|secret|token|api[-_]?key|session[-_]?id|csrf)[a-z_-]*["']?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s&,;"'}]+)/gi, `$1${REDACTED}`],
];

export interface LogScrubber {
  /** A value that must never be written, e.g. a token read from the secret store. */
  addSecret(value: string): void;
  scrubText(text: string): string;
  scrub(value: unknown): unknown;
}

export function createLogScrubber(): LogScrubber {
  const secrets = new Set<string>();

  function scrubText(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is replaced whole.
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join(REDACTED);
    for (const [pattern, replacement] of SECRET_TEXT) out = out.replace(pattern, replacement);
    return out;
  }

  function scrub(value: unknown, seen = new WeakSet<object>()): unknown {
    if (typeof value === 'string') return scrubText(value);
    if (value === null || typeof value !== 'object') return value;
    if (seen.has(value)) return '[circular]';
    seen.add(value);
    if (value instanceof Error) {
      const copy = new Error(scrubText(value.message));
      copy.name = value.name;
      copy.stack = value.stack === undefined ? undefined : scrubText(value.stack);
      return copy;
    }
    if (value instanceof URL) return scrubText(value.toString());
    if (Array.isArray(value)) return value.map((item) => scrub(item, seen));
    if (value instanceof Date) return value;
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? REDACTED : scrub(inner, seen);
    return out;
  }

  return {
    addSecret(value) {
      if (value.length >= 4) secrets.add(value);
    },
    scrubText,
    scrub: (value) => scrub(value),
  };
}
