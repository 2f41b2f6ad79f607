/**
 * The renderer's Content-Security-Policy in Electron, sent with every file of the app: only the
 * app's own origin, no inline or eval'd script, no plugins, no frames. It talks to the core over
 * IPC, so unlike the headless shell it needs no WebSocket origins.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': APP_CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};
