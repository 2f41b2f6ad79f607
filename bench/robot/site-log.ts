import type { AnsweredRequest, EcforceSandbox } from '../../sandbox/ecforce/server';
import { AdminClient } from '../../sandbox/ecforce/testing';

/** Every admin page the ecforce sandbox answered (its /_sandbox control routes left out). */
export function createSiteLog() {
  const answered: AnsweredRequest[] = [];
  return {
    answered,
    observe(request: AnsweredRequest) {
      if (!request.url.startsWith('/_sandbox/')) answered.push(request);
    },
    /** Requests that arrived within [from, to] (performance.now() times). */
    between(from: number, to: number): AnsweredRequest[] {
      return answered.filter((r) => r.startedAt >= from && r.startedAt <= to);
    },
  };
}

export interface PageStep {
  method: string;
  url: string;
  /** The POST's form fields as the site received them. */
  fields?: Record<string, string | string[]>;
}

/**
 * The pages a browser flow asked for, with the forms it posted: the sandbox records every
 * POST in arrival order, so the k-th POST answered is the k-th recorded.
 */
export function pageSequence(sandbox: EcforceSandbox, all: AnsweredRequest[], window: AnsweredRequest[]): PageStep[] {
  const posts = sandbox.inspect().posts;
  const postIndex = new Map<AnsweredRequest, number>();
  let k = 0;
  for (const r of all) if (r.method === 'POST') postIndex.set(r, k++);
  return window.map((r) => {
    if (r.method !== 'POST') return { method: r.method, url: r.url };
    const post = posts[postIndex.get(r) ?? -1];
    if (!post) throw new Error(`no recorded form for POST ${r.url}`);
    return { method: 'POST', url: r.url, fields: post.fields };
  });
}

/**
 * Replays a page sequence with plain fetch in a session of its own (its own CSRF token in
 * every form, redirects requested as the browser requested them): the bare HTTP cost of
 * the same pages, without a browser. Returns the milliseconds it took.
 */
export async function replay(sandbox: EcforceSandbox, steps: PageStep[]): Promise<number> {
  const client = new AdminClient(sandbox.url);
  await client.signIn(sandbox.robotLogin.email, sandbox.robotLogin.password);
  await client.get('/admin');
  const started = performance.now();
  for (const step of steps) {
    if (step.method !== 'POST') {
      await client.get(step.url);
      continue;
    }
    const fields: Record<string, string> = {};
    for (const [key, value] of Object.entries(step.fields ?? {})) {
      if (Array.isArray(value)) throw new Error(`${step.url} sends ${key} more than once; the replay sends each field once`);
      if (key !== 'authenticity_token') fields[key] = value;
    }
    await client.post(step.url, fields);
  }
  return performance.now() - started;
}
