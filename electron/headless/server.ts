import http, { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { Api } from '../core/api/registry';
import type { EventBus } from '../core/events';
import { readBodyLimited } from './body';
import { dispatch, parseEnvelope } from './envelope';
import { createEventSocket } from './event-socket';
import { bearerToken, createRequestGuard, type RequestGuard } from './guard';
import { securityHeaders, sendJson, sendText } from './headers';
import { createStaticFiles, type StaticFiles } from './static-files';
import { assertUsableToken, generateToken, tokensEqual } from './token';
import { TRACE_VIEWER_PREFIX, traceViewerDir, traceViewerHeaders } from './trace-viewer';

export { readTokenFile } from './token';

export interface HeadlessShellOptions {
  api: Api;
  events: EventBus;
  /** A fixed token (e.g. from `readTokenFile`); a fresh random one per start otherwise. */
  token?: string;
  /** 0 (the default) lets the system choose. */
  port?: number;
  /** The renderer build; `renderer/dist` of this checkout by default. */
  rendererDir?: string;
  /** Where the start line and refused requests are reported. Nothing else logs the token. */
  log?: (line: string) => void;
  /**
   * Log the URL (with the token) once at start; on by default. A caller that prints the URL
   * itself turns this off so the token appears in exactly one line.
   */
  announceUrl?: boolean;
  /** Largest accepted call, over HTTP or the socket. */
  maxBodyBytes?: number;
}

export interface HeadlessShell {
  /** `http://127.0.0.1:<port>/#token=<token>`: the fragment never reaches a server or its logs. */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../renderer/dist', import.meta.url));
const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/**
 * The headless shell: the core's API and events over HTTP and a WebSocket on loopback, plus the
 * renderer that uses them. Every request must name 127.0.0.1 or localhost with this port as its
 * Host and, when it has one, as its Origin; API access also needs the per-start token.
 */
export async function startHeadlessShell(options: HeadlessShellOptions): Promise<HeadlessShell> {
  const token = options.token ?? generateToken();
  assertUsableToken(token);
  const log = options.log ?? ((line: string) => console.log(line));
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const files = createStaticFiles(options.rendererDir ?? DEFAULT_RENDERER_DIR);
  const traceViewer = createStaticFiles(traceViewerDir());

  const server = http.createServer();
  server.requestTimeout = 60_000;
  server.headersTimeout = 20_000;
  server.keepAliveTimeout = 5_000;
  // The guard and the CSP name the port, which is known only once listening. Handlers are
  // attached in the same tick the listen promise resolves, before any connection is read.
  const port = await listen(server, options.port ?? 0);
  const guard = createRequestGuard(port);
  const headers = securityHeaders(port);
  const socket = createEventSocket({ api: options.api, events: options.events, token, maxPayload: maxBodyBytes, log });
  const ctx: RequestContext = { guard, files, traceViewer, token, log, maxBodyBytes, api: options.api };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    handleRequest(req, res, ctx).catch((error: unknown) => {
      log(`Request failed: ${(error as Error).message}`);
      if (!res.headersSent) sendText(res, 500, 'Internal error.');
      else res.destroy();
    });
  });

  server.on('upgrade', (req: IncomingMessage, raw: Duplex, head: Buffer) => {
    raw.on('error', () => raw.destroy());
    if (!guard.allowed(req.headers)) {
      log(`Refused WebSocket upgrade from a foreign Host or Origin (${describe(req)})`);
      refuseUpgrade(raw, 403);
    } else if (pathOf(req.url) !== '/api/events') {
      refuseUpgrade(raw, 404);
    } else if (!socket.acceptedProtocol(req)) {
      refuseUpgrade(raw, 401);
    } else {
      socket.upgrade(req, raw, head);
    }
  });

  const url = `http://127.0.0.1:${port}/#token=${token}`;
  if (options.announceUrl ?? true) log(`Tanto headless shell is ready: ${url}`);

  let closing: Promise<void> | undefined;
  return {
    url,
    token,
    port,
    close() {
      closing ??= new Promise<void>((resolve) => {
        socket.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}

interface RequestContext {
  api: Api;
  guard: RequestGuard;
  files: StaticFiles;
  traceViewer: StaticFiles;
  token: string;
  log: (line: string) => void;
  maxBodyBytes: number;
}

async function handleRequest(req: IncomingMessage, res: ServerResponse, ctx: RequestContext): Promise<void> {
  if (!ctx.guard.allowed(req.headers)) {
    ctx.log(`Refused a request from a foreign Host or Origin (${describe(req)})`);
    sendText(res, 403, 'Forbidden.');
    return;
  }
  const url = req.url ?? '';
  // Absolute-form targets ("GET http://elsewhere/") are for proxies; this is not one.
  if (!url.startsWith('/')) {
    sendText(res, 400, 'Bad request.');
    return;
  }
  const pathname = pathOf(url);
  if (pathname === '/api' || pathname.startsWith('/api/')) {
    await handleApi(req, res, pathname, ctx);
    return;
  }
  if (pathname.startsWith(TRACE_VIEWER_PREFIX)) {
    for (const [name, value] of Object.entries(traceViewerHeaders())) res.setHeader(name, value);
    await ctx.traceViewer.serve(req, res, pathname.slice(TRACE_VIEWER_PREFIX.length - 1));
    return;
  }
  await ctx.files.serve(req, res, pathname);
}

async function handleApi(req: IncomingMessage, res: ServerResponse, pathname: string, ctx: RequestContext): Promise<void> {
  if (pathname === '/api/events') {
    sendText(res, 426, 'Connect with a WebSocket.', { upgrade: 'websocket', connection: 'Upgrade' });
    return;
  }
  if (pathname !== '/api/call') {
    sendJson(res, 404, { error: { kind: 'not_found', message: 'No such endpoint.' } });
    return;
  }
  if (req.method !== 'POST') {
    sendJson(res, 405, { error: { kind: 'invalid_argument', message: 'Use POST.' } }, { allow: 'POST' });
    return;
  }
  const presented = bearerToken(req.headers);
  if (presented === undefined || !tokensEqual(presented, ctx.token)) {
    sendJson(
      res,
      401,
      { error: { kind: 'unauthorized', message: 'Missing or wrong access token.' } },
      { 'www-authenticate': 'Bearer realm="tanto"' },
    );
    return;
  }
  const body = await readBodyLimited(req, ctx.maxBodyBytes);
  if (!body.ok) {
    if (body.reason === 'aborted') {
      res.destroy();
      return;
    }
    // The rest of an oversized body is not read, so the connection cannot be reused.
    sendJson(
      res,
      413,
      { error: { kind: 'invalid_argument', message: `The request is larger than ${ctx.maxBodyBytes} bytes.` } },
      { connection: 'close' },
    );
    return;
  }
  const parsed = parseEnvelope(body.text);
  if (!parsed.ok) {
    sendJson(res, 400, parsed.reply);
    return;
  }
  sendJson(res, 200, await dispatch(ctx.api, parsed.envelope));
}

/** The path of a request target, undecoded and without query or fragment. */
function pathOf(url: string | undefined): string {
  const target = url ?? '';
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}

/** For refusal logs: method and path only (no query, no headers), quoted so it cannot forge lines. */
function describe(req: IncomingMessage): string {
  return `${req.method ?? '?'} ${JSON.stringify(pathOf(req.url).slice(0, 200))}`;
}

function refuseUpgrade(socket: Duplex, status: number): void {
  const body = `${STATUS_CODES[status] ?? 'Refused'}.`;
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Port ${port} on 127.0.0.1 is already in use; choose another with --port or use 0.`, {
              cause: error,
            })
          : error,
      );
    };
    server.once('error', onError);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
