import { describe, expect, it } from 'vitest';
import { memberHref, memberIdIn } from './member-link';

describe('member links', () => {
  it('name the member by id, and nothing else counts as one', () => {
    expect(memberIdIn(memberHref(42))).toBe(42);
    expect(memberIdIn('#token=abc')).toBeNull();
    expect(memberIdIn('#member=0')).toBeNull();
    expect(memberIdIn('#member=1e3x')).toBeNull();
    expect(memberIdIn('')).toBeNull();
  });
});
