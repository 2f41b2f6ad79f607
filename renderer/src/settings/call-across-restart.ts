import { ApiCallError, type ApiClient, type ArgsOf, type MethodName, type ResultOf } from '../api/client';

/** Never ask again sooner than this, so a core on its way down is not asked in a tight loop. */
const PAUSE_MS = 250;

/**
 * A call made right after one that starts the core again (a new cloud token): the desktop's core
 * is away for a moment and the transport answers `unavailable` (with no details, unlike a
 * refusal by the core), so the call waits for the core to be back and is made again, for
 * `waitMs` at most. The headless shell holds such calls itself and never needs the second try.
 */
export async function callAcrossRestart<N extends MethodName>(api: ApiClient, name: N, args: ArgsOf<N>, waitMs = 30_000): Promise<ResultOf<N>> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      return await api.call(name, args);
    } catch (error) {
      const away = error instanceof ApiCallError && error.kind === 'unavailable' && error.details === undefined;
      if (!away || Date.now() >= deadline) throw error;
      await backAgain(api, deadline - Date.now());
    }
  }
}

/** Resolves once the core is open again after a pause, or when the time is up. */
function backAgain(api: ApiClient, ms: number): Promise<void> {
  return new Promise((resolve) => {
    let open = false;
    let paused = false;
    const finish = () => {
      clearTimeout(limit);
      off();
      resolve();
    };
    const limit = setTimeout(finish, ms);
    setTimeout(() => {
      paused = true;
      if (open) finish();
    }, Math.min(PAUSE_MS, ms));
    const off = api.onConnectionChange((state) => {
      open = state === 'open';
      if (open && paused) finish();
    });
  });
}
