import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-url';
import { APP_RESPONSE_HEADERS } from './csp';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/**
 * Answers an `app://tanto/...` request from the renderer build, with the CSP on every response.
 * Extensionless paths get index.html (the app routes itself); nothing outside `rootDir` is read,
 * however the path is encoded or linked. Plain Node, so it is tested without Electron.
 */
export async function serveAppFile(rootDir: string, requestUrl: string): Promise<Response> {
  const file = await resolveAppFile(rootDir, requestUrl);
  if (!file) return notFound();
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return notFound();
  }
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  return new Response(new Uint8Array(body), { status: 200, headers: { ...APP_RESPONSE_HEADERS, 'content-type': type } });
}

async function resolveAppFile(rootDir: string, requestUrl: string): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relative = path.extname(pathname) === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  let root: string;
  let file: string;
  try {
    root = await realpath(rootDir);
    file = await realpath(path.resolve(root, relative));
  } catch {
    return null;
  }
  return file.startsWith(root + path.sep) ? file : null;
}

function notFound(): Response {
  return new Response('Not found.', { status: 404, headers: { ...APP_RESPONSE_HEADERS, 'content-type': 'text/plain; charset=utf-8' } });
}
