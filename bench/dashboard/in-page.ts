/**
 * Code that runs inside the dashboard's page. It is kept free of imports because Playwright
 * sends each function's source text to Chromium.
 */

interface ListCall {
  page: number;
  sentAt: number;
  receivedAt?: number;
  total?: number;
  firstId?: number;
}

interface BenchWindow {
  __bench: { firstRowAt: number | null; lists: ListCall[] };
}

/**
 * Installed before the renderer loads: notes when the first LOC row is in the page and wraps
 * fetch to see each loc.list call the screen makes, with what it answered.
 */
export function instrumentPage(): void {
  const w = window as unknown as BenchWindow & Window;
  w.__bench = { firstRowAt: null, lists: [] };
  const realFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { name?: string; args?: { page?: number } }) : null;
    if (body?.name !== 'loc.list') return realFetch(input, init);
    const call: ListCall = { page: body.args?.page ?? 1, sentAt: performance.now() };
    w.__bench.lists.push(call);
    const response = await realFetch(input, init);
    const answer = (await response.clone().json()) as { result?: { total: number; items: Array<{ id: number }> } };
    call.receivedAt = performance.now();
    call.total = answer.result?.total;
    call.firstId = answer.result?.items[0]?.id;
    return response;
  };
  const observer = new MutationObserver(() => {
    if (w.__bench.firstRowAt !== null || !document.querySelector('.loc-row[data-id]')) return;
    requestAnimationFrame(() => {
      w.__bench.firstRowAt = performance.now();
    });
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
}

export interface FilterTiming {
  ms: number;
  apiMs: number;
  total: number;
}

/**
 * Changes one filter select as a person would (React reads the change event) and resolves at
 * the first frame after the screen shows the answer to the first page of the new list: its
 * total and, when there are rows, its first row.
 */
export function changeFilter(arg: { selector: string; value: string }): Promise<FilterTiming> {
  const w = window as unknown as BenchWindow & Window;
  const select = document.querySelector<HTMLSelectElement>(arg.selector);
  if (!select) throw new Error(`no ${arg.selector}`);
  const callsBefore = w.__bench.lists.length;
  const shows = (call: ListCall): boolean => {
    const total = call.total ?? -1;
    const text = document.querySelector('[data-testid=loc-total]')?.textContent ?? '';
    if (!text.includes(total.toLocaleString('en-US'))) return false;
    const first = document.querySelector('.loc-row[data-id]')?.getAttribute('data-id') ?? null;
    return total === 0 ? first === null : first === String(call.firstId);
  };
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const timeout = setTimeout(() => reject(new Error(`the list did not follow ${arg.selector}=${arg.value} within 30 s`)), 30_000);
    const observer = new MutationObserver(() => {
      const call = w.__bench.lists.slice(callsBefore).find((c) => c.page === 1 && c.receivedAt !== undefined);
      if (!call || !shows(call)) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        clearTimeout(timeout);
        resolve({ ms: performance.now() - start, apiMs: (call.receivedAt ?? 0) - call.sentAt, total: call.total ?? 0 });
      });
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true, attributes: true });
    const setValue = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value')?.set;
    setValue?.call(select, arg.value);
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
