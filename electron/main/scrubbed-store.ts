import type { SecretStore } from '../core/secrets/secret-store';

/**
 * Every value that passes through the store is handed to the log scrubber first, so a token or a
 * cart password read for the core can never reach the log file. A cart login is stored as JSON:
 * its password is a secret on its own, wherever it appears.
 */
export function scrubbedStore<S extends SecretStore>(store: S, addSecret: (value: string) => void): S {
  const remember = (value: string) => {
    addSecret(value);
    for (const part of stringLeaves(value)) addSecret(part);
  };
  return Object.assign(Object.create(store) as S, {
    async get(name: string) {
      const value = await store.get(name);
      if (value !== null) remember(value);
      return value;
    },
    async set(name: string, value: string) {
      remember(value);
      await store.set(name, value);
    },
  });
}

function stringLeaves(text: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (parsed === null || typeof parsed !== 'object') return [];
  return Object.values(parsed as Record<string, unknown>).filter((value): value is string => typeof value === 'string');
}
