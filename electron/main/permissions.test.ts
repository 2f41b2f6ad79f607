import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from './app-url';
import { permissionAllowed } from './permissions';

describe('what the desktop app lets its pages ask for', () => {
  it('grants notifications to the app itself and nothing else to anyone', () => {
    expect(permissionAllowed('notifications', APP_ENTRY_URL)).toBe(true);
    expect(permissionAllowed('notifications', 'app://tanto')).toBe(true);
    expect(permissionAllowed('notifications', 'https://example.com/')).toBe(false);
    expect(permissionAllowed('notifications', 'app://evil/')).toBe(false);
    expect(permissionAllowed('notifications', undefined)).toBe(false);
    for (const other of ['media', 'geolocation', 'clipboard-read', 'openExternal', 'usb']) expect(permissionAllowed(other, APP_ENTRY_URL)).toBe(false);
  });
});
