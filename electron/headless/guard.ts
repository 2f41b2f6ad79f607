import type { IncomingHttpHeaders } from 'node:http';

/**
 * DNS rebinding defence: a page on evil.example whose name is re-pointed at 127.0.0.1 reaches
 * this server with `Host: evil.example:<port>`, and any cross-site page sends its own Origin.
 * Only the loopback names themselves are accepted.
 */
export interface RequestGuard {
  hostAllowed(headers: IncomingHttpHeaders): boolean;
  originAllowed(headers: IncomingHttpHeaders): boolean;
  /** Both checks; what every HTTP request and WebSocket upgrade passes before anything else. */
  allowed(headers: IncomingHttpHeaders): boolean;
  /** Origins this server serves the renderer from, for the CSP. */
  readonly origins: readonly string[];
}

export function createRequestGuard(port: number): RequestGuard {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const origins = [...hosts].map((h) => `http://${h}`);
  const originSet = new Set(origins);
  const guard: RequestGuard = {
    origins,
    hostAllowed(headers) {
      const host = headers.host;
      return typeof host === 'string' && hosts.has(host.toLowerCase());
    },
    originAllowed(headers) {
      const origin = headers.origin;
      // Same-origin GETs and non-browser clients send no Origin; the Host check still applies.
      if (origin === undefined) return true;
      return originSet.has(origin.toLowerCase());
    },
    allowed(headers) {
      return guard.hostAllowed(headers) && guard.originAllowed(headers);
    },
  };
  return guard;
}

export function bearerToken(headers: IncomingHttpHeaders): string | undefined {
  const value = headers.authorization;
  if (typeof value !== 'string') return undefined;
  const match = /^Bearer ([^\s]+)$/i.exec(value.trim());
  return match?.[1];
}

/** The `tanto.<token>` entry of Sec-WebSocket-Protocol, which is how a browser socket authenticates. */
export const TOKEN_PROTOCOL_PREFIX = 'tanto.';

export function offeredTokenProtocols(headers: IncomingHttpHeaders): string[] {
  const value = headers['sec-websocket-protocol'];
  if (typeof value !== 'string') return [];
  return value
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX));
}
