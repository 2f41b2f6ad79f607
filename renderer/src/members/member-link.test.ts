import { describe, expect, it } from 'vitest';
import { takeToken } from '../api/token';
import { memberHref, memberIdIn } from './member-link';

describe('member links', () => {
  it('name the member by id, and nothing else counts as one', () => {
    expect(memberIdIn(memberHref(42))).toBe(42);
    expect(memberIdIn('#token=abc')).toBeNull();
    expect(memberIdIn('#member=0')).toBeNull();
    expect(memberIdIn('#member=1e3x')).toBeNull();
    expect(memberIdIn('')).toBeNull();
  });

  it('carry the tab\'s token in the fragment, so a new tab can load the page, and only there', () => {
    const storage = new Map<string, string>();
    takeToken({
      location: { hash: '#token=secret', pathname: '/', search: '' },
      history: { replaceState: () => undefined },
      storage: { getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v) },
    });
    const href = memberHref(7);
    expect(href).toBe('#member=7&token=secret');
    expect(memberIdIn(href)).toBe(7);
  });
});
