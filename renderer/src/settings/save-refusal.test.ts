import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../api/client';
import { refusalKey } from './save-refusal';

describe('a save the core refused for where secrets are kept', () => {
  it('is said as what the core found, not as a lost connection', () => {
    expect(refusalKey(new ApiCallError('unavailable', 'basic_text', { reason: 'refused' }))).toBe('secrets.protection.refused');
    expect(refusalKey(new ApiCallError('unavailable', 'bad key', { reason: 'invalid_key' }))).toBe('secrets.protection.unreadable');
    expect(refusalKey(new ApiCallError('unavailable', 'no vault', { code: 'noSecretStore' }))).toBe('settings.noStoreHere');
    expect(refusalKey(new ApiCallError('invalid_argument', 'fixed', { code: 'locked', name: '--line-token-file' }))).toBe('settings.lockedHere');
  });

  it('leaves every other error to the usual message', () => {
    expect(refusalKey(new ApiCallError('unavailable', 'The Tanto core is not running.'))).toBeNull();
    expect(refusalKey(new ApiCallError('invalid_argument', 'bad', [{ path: 'cloudUrl', message: 'x' }]))).toBeNull();
    expect(refusalKey(new Error('boom'))).toBeNull();
  });
});
