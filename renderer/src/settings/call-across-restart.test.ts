import { describe, expect, it } from 'vitest';
import { ApiCallError, type ApiClient } from '../api/client';
import type { ConnectionState } from '../api/transport';
import { callAcrossRestart } from './call-across-restart';

/** A client whose core is away for the first `away` calls, then back; `refusal` makes the core itself refuse. */
function client(options: { away: number; refusal?: boolean }) {
  let calls = 0;
  const listeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'closed';
  const api = {
    call: async () => {
      calls += 1;
      if (options.refusal) throw new ApiCallError('unavailable', 'no secret store', { code: 'noSecretStore' });
      if (calls <= options.away) {
        setTimeout(() => {
          state = 'open';
          for (const listener of listeners) listener(state);
        }, 50);
        throw new ApiCallError('unavailable', 'The Tanto core is not running.');
      }
      return { ok: true };
    },
    onConnectionChange(listener: (s: ConnectionState) => void) {
      listeners.add(listener);
      listener(state);
      return () => listeners.delete(listener);
    },
    on: () => () => undefined,
    close: () => undefined,
  } as unknown as ApiClient;
  return { api, calls: () => calls };
}

describe('a call right after one that restarts the core', () => {
  it('waits for the core to be back and is made again', async () => {
    const fake = client({ away: 1 });
    await expect(callAcrossRestart(fake.api, 'settings.get', {})).resolves.toEqual({ ok: true });
    expect(fake.calls()).toBe(2);
  });

  it('gives up once its time is over', async () => {
    const fake = client({ away: 1_000 });
    await expect(callAcrossRestart(fake.api, 'settings.get', {}, 600)).rejects.toMatchObject({ kind: 'unavailable' });
    expect(fake.calls()).toBeGreaterThan(1);
  });

  it('passes on at once what the core itself refused', async () => {
    const fake = client({ away: 0, refusal: true });
    await expect(callAcrossRestart(fake.api, 'settings.get', {})).rejects.toMatchObject({ details: { code: 'noSecretStore' } });
    expect(fake.calls()).toBe(1);
  });
});
