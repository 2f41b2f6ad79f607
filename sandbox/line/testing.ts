import type { LineSandbox } from './server';

/** Small raw-HTTP helpers for tests that talk to the sandbox the way any LINE client would. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface RawRequest {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  token?: string | null;
}

export async function callSandbox(sandbox: LineSandbox, path: string, request: RawRequest = {}): Promise<RawAnswer> {
  const headers: Record<string, string> = { ...request.headers };
  const token = request.token === undefined ? sandbox.channelToken : request.token;
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let payload: string | undefined;
  if (request.body !== undefined) {
    payload = typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${sandbox.url}${path}`, {
    method: request.method ?? (payload === undefined ? 'GET' : 'POST'),
    headers,
    ...(payload === undefined ? {} : { body: payload }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text.length > 0 ? JSON.parse(text) : null };
}

export function pushBody(to: string, texts: string[]): { to: string; messages: { type: 'text'; text: string }[] } {
  return { to, messages: texts.map((text) => ({ type: 'text', text })) };
}

export function firstFollower(sandbox: LineSandbox): string {
  const id = sandbox.followerIds()[0];
  if (id === undefined) throw new Error('the sandbox has no followers');
  return id;
}
