import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { lineRetryKey } from './retry-key';

describe('lineRetryKey', () => {
  it('is a version-5 UUID, the same every time for the same request and purpose', () => {
    const key = lineRetryKey(42, 'cross-sell-confirmation');
    expect(validate(key)).toBe(true);
    expect(version(key)).toBe(5);
    expect(lineRetryKey(42, 'cross-sell-confirmation')).toBe(key);
  });

  it('never changes across releases (a changed key would message a customer twice)', () => {
    expect(lineRetryKey(42, 'cross-sell-confirmation')).toBe('81b10a8f-7cb3-5ddb-b4a3-a46cbc8a5481');
  });

  it('treats a numeric and a string request id alike', () => {
    expect(lineRetryKey('42', 'cross-sell-confirmation')).toBe(lineRetryKey(42, 'cross-sell-confirmation'));
  });

  it('differs by request and by purpose, without separator collisions', () => {
    const keys = new Set([
      lineRetryKey(42, 'cross-sell-confirmation'),
      lineRetryKey(43, 'cross-sell-confirmation'),
      lineRetryKey(42, 'cancellation-confirmation'),
      lineRetryKey('1:a', 'b'),
      lineRetryKey('1', 'a:b'),
    ]);
    expect(keys.size).toBe(5);
  });

  it('refuses empty inputs and non-integer ids', () => {
    expect(() => lineRetryKey('', 'x')).toThrow(TypeError);
    expect(() => lineRetryKey(1, ' ')).toThrow(TypeError);
    expect(() => lineRetryKey(1.5, 'x')).toThrow(TypeError);
  });
});
