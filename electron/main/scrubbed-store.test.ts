import { describe, expect, it } from 'vitest';
import { createLogScrubber } from './log-scrub';
import { scrubbedStore } from './scrubbed-store';
import type { SecretStore } from '../core/secrets/secret-store';

function memoryStore(): SecretStore {
  const values = new Map<string, string>();
  return {
    get: async (name) => values.get(name) ?? null,
    set: async (name, value) => void values.set(name, value),
    delete: async (name) => values.delete(name),
    names: async () => [...values.keys()].sort(),
  };
}

describe('a secret store seen by the log scrubber', () => {
  it('keeps a token and a cart password read or written through it out of log lines', async () => {
    const scrubber = createLogScrubber();
    const inner = memoryStore();
    await inner.set('cloud-token', 'tok-1234567890');
    const store = scrubbedStore(inner, (value) => scrubber.addSecret(value));
    expect(scrubber.scrubText('sent tok-1234567890')).toContain('tok-1234567890');

    expect(await store.get('cloud-token')).toBe('tok-1234567890');
    await store.set('cart-login/main', JSON.stringify({ url: 'https://shop.example', email: 'robot@shop.example', password: 'Pa55-秘密-7c1e' }));
    const line = scrubber.scrubText('login with Pa55-秘密-7c1e using tok-1234567890');
    expect(line).not.toContain('Pa55-秘密-7c1e');
    expect(line).not.toContain('tok-1234567890');
    expect(await store.names()).toEqual(['cart-login/main', 'cloud-token']);
  });
});
