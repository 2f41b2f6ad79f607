import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from './app-url';
import { permissionAllowed } from './permissions';

describe('what the desktop app lets its pages ask for', () => {
  it('grants nothing to anyone, notifications included: the main process shows those itself', () => {
    expect(permissionAllowed('notifications', APP_ENTRY_URL)).toBe(false);
    expect(permissionAllowed('notifications', 'https://example.com/')).toBe(false);
    for (const other of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'usb']) expect(permissionAllowed(other, APP_ENTRY_URL)).toBe(false);
  });
});
