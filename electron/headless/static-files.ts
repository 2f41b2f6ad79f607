import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PLACEHOLDER_HTML } from './placeholder';
import { sendText } from './headers';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export interface StaticFiles {
  serve(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void>;
}

/**
 * Serves the renderer build. Unknown paths without a file extension get index.html (the SPA
 * decides); a missing file with an extension is a 404 so a broken asset link is not answered
 * with HTML. Nothing outside `rootDir` is ever read, whatever the encoding or symlinks.
 */
export function createStaticFiles(rootDir: string): StaticFiles {
  const root = path.resolve(rootDir);
  let realRoot: string | null | undefined;

  async function resolvedRoot(): Promise<string | null> {
    // Looked up per request until found, so building the renderer while the shell runs works.
    if (realRoot) return realRoot;
    try {
      realRoot = await realpath(root);
      if (!(await isFile(path.join(realRoot, 'index.html')))) realRoot = undefined;
    } catch {
      realRoot = undefined;
    }
    return realRoot ?? null;
  }

  return {
    async serve(req, res, pathname) {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendText(res, 405, 'Method not allowed.', { allow: 'GET, HEAD' });
        return;
      }
      const base = await resolvedRoot();
      if (!base) {
        sendBody(res, req, 200, 'text/html; charset=utf-8', Buffer.from(PLACEHOLDER_HTML), 'no-store');
        return;
      }
      const relative = safeRelativePath(pathname);
      if (relative === null) {
        sendText(res, 404, 'Not found.');
        return;
      }
      const file = await insideRoot(base, relative === '' ? 'index.html' : relative);
      if (file) {
        await sendFile(req, res, file);
        return;
      }
      if (path.extname(relative) !== '') {
        sendText(res, 404, 'Not found.');
        return;
      }
      const index = await insideRoot(base, 'index.html');
      if (index) await sendFile(req, res, index);
      else sendText(res, 404, 'Not found.');
    },
  };
}

/**
 * Decodes the URL path and refuses anything that could step out of the root or name a
 * hidden file: `..` segments (also when percent-encoded), backslashes, NUL, dotfiles.
 */
export function safeRelativePath(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  if (segments.some((s) => s.startsWith('.'))) return null;
  return segments.join('/');
}

async function insideRoot(base: string, relative: string): Promise<string | null> {
  const candidate = path.resolve(base, relative);
  if (!isWithin(base, candidate)) return null;
  try {
    const real = await realpath(candidate);
    if (!isWithin(base, real)) return null;
    return (await isFile(real)) ? real : null;
  } catch {
    return null;
  }
}

function isWithin(base: string, candidate: string): boolean {
  const rel = path.relative(base, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function sendFile(req: IncomingMessage, res: ServerResponse, file: string): Promise<void> {
  const info = await stat(file);
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  // Vite names built assets by content hash; index.html must always be fetched fresh.
  const hashed = file.includes(`${path.sep}assets${path.sep}`);
  res.writeHead(200, {
    'content-type': type,
    'content-length': info.size,
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    // pipeline closes the file when the client goes away mid-transfer.
    await pipeline(createReadStream(file), res);
  } catch {
    res.destroy();
  }
}

function sendBody(
  res: ServerResponse,
  req: IncomingMessage,
  status: number,
  type: string,
  body: Buffer,
  cacheControl: string,
): void {
  res.writeHead(status, { 'content-type': type, 'content-length': body.length, 'cache-control': cacheControl });
  res.end(req.method === 'HEAD' ? undefined : body);
}
