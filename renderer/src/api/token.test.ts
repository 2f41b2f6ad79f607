import { describe, expect, it } from 'vitest';
import { takeToken, tokenFragment } from './token';

function sources(hash: string, stored: Record<string, string> = {}) {
  const store = new Map(Object.entries(stored));
  const replaced: string[] = [];
  return {
    replaced,
    store,
    input: {
      location: { hash, pathname: '/', search: '?lang=en' },
      history: { replaceState: (_data: unknown, _unused: string, url?: string | URL | null) => void replaced.push(String(url)) },
      storage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) },
    },
  };
}

describe('takeToken', () => {
  it('reads the token from the fragment, keeps it for the tab and removes it from the address bar', () => {
    const s = sources('#token=abc_DEF-123');
    expect(takeToken(s.input)).toBe('abc_DEF-123');
    expect(s.store.get('tanto.token')).toBe('abc_DEF-123');
    expect(s.replaced).toEqual(['/?lang=en']);
  });

  it('falls back to the token kept for this tab after a reload', () => {
    const s = sources('', { 'tanto.token': 'kept' });
    expect(takeToken(s.input)).toBe('kept');
    expect(s.replaced).toEqual([]);
  });

  it('prefers a new token in the fragment over a kept one', () => {
    const s = sources('#token=new', { 'tanto.token': 'old' });
    expect(takeToken(s.input)).toBe('new');
  });

  it('returns null when there is none', () => {
    expect(takeToken(sources('#other=1').input)).toBeNull();
  });

  it('keeps the rest of the fragment: a member link opened in a new tab still names its member', () => {
    const s = sources('#member=42&token=abc');
    expect(takeToken(s.input)).toBe('abc');
    expect(s.replaced).toEqual(['/?lang=en#member=42']);
  });
});

describe('tokenFragment', () => {
  it('gives the token this tab took, for a link to carry to a new tab', () => {
    takeToken(sources('#token=abc_DEF-123').input);
    expect(new URLSearchParams(tokenFragment()).get('token')).toBe('abc_DEF-123');
    takeToken(sources('', { 'tanto.token': 'kept' }).input);
    expect(tokenFragment()).toBe('token=kept');
  });

  it('is empty where no token was given (the desktop app)', () => {
    takeToken(sources('').input);
    expect(tokenFragment()).toBe('');
  });
});
