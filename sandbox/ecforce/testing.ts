import type { EcforceSandbox } from './server';

/**
 * A tiny browser stand-in for the sandbox's own tests: a cookie jar, redirects shown rather
 * than followed (so a test sees each 302), and the CSRF token taken from the last page.
 */
export interface AdminAnswer {
  status: number;
  location: string | null;
  html: string;
}

export class AdminClient {
  private cookies = new Map<string, string>();
  private lastToken: string | null = null;

  constructor(private readonly baseUrl: string) {}

  async get(path: string): Promise<AdminAnswer> {
    return this.request('GET', path);
  }

  /** Follows redirects with GETs, as a browser does after a form post. */
  async follow(answer: AdminAnswer, limit = 5): Promise<AdminAnswer> {
    let current = answer;
    for (let n = 0; n < limit && current.location !== null; n += 1) current = await this.get(current.location);
    return current;
  }

  /** Posts a form; the token of the last page is added unless the test gives its own (or null). */
  async post(path: string, fields: Record<string, string> = {}, token: string | null | undefined = undefined): Promise<AdminAnswer> {
    const form = new URLSearchParams(fields);
    const useToken = token === undefined ? this.lastToken : token;
    if (useToken !== null) form.set('authenticity_token', useToken);
    return this.request('POST', path, form.toString());
  }

  async signIn(email: string, password: string): Promise<AdminAnswer> {
    await this.get('/admin/sign_in');
    return this.post('/admin/sign_in', { 'admin[email]': email, 'admin[password]': password });
  }

  token(): string | null {
    return this.lastToken;
  }

  forgetCookies(): void {
    this.cookies.clear();
  }

  private async request(method: string, path: string, body?: string): Promise<AdminAnswer> {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(new URL(path, this.baseUrl), { method, headers, redirect: 'manual', ...(body === undefined ? {} : { body }) });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) this.cookies.set(name.trim(), value.join('='));
    }
    const html = await response.text();
    const token = /name="csrf-token" content="([^"]*)"/.exec(html)?.[1];
    if (token) this.lastToken = decodeEntities(token);
    return { status: response.status, location: response.headers.get('location'), html };
  }
}

export async function signedInClient(sandbox: EcforceSandbox, email = sandbox.robotLogin.email): Promise<AdminClient> {
  const client = new AdminClient(sandbox.url);
  const account = sandbox.accounts.find((a) => a.email === email);
  if (!account) throw new Error(`no member ${email}`);
  const answer = await client.signIn(account.email, account.password);
  if (answer.status !== 302) throw new Error(`sign-in failed with ${answer.status}`);
  await client.follow(answer);
  return client;
}

export function decodeEntities(text: string): string {
  return text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&amp;', '&');
}

/** The visible text of the flash messages on a page. */
export function flashTexts(html: string): string[] {
  return [...html.matchAll(/role="(?:status|alert)">(?:<button[^>]*>×<\/button>)?([^<]*)</g)].map((m) => decodeEntities(m[1] ?? ''));
}

export function pageHeading(html: string): string | null {
  const found = /<h1[^>]*>([^<]*)<\/h1>|<h2 class="ttl">([^<]*)<\/h2>/.exec(html);
  return found ? decodeEntities(found[1] ?? found[2] ?? '') : null;
}

export function textareaValue(html: string, id: string): string | null {
  const found = new RegExp(`<textarea id="${id}"[^>]*>\\n?([\\s\\S]*?)</textarea>`).exec(html);
  return found ? decodeEntities(found[1] ?? '') : null;
}
