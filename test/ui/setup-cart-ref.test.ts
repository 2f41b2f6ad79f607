import { describe, expect, it } from 'vitest';
import { deriveCartLoginRef } from '../../electron/core/secrets/cart-logins';
import { cartLoginRef } from '../../renderer/src/settings/cart-login-ref';

describe('the ref a cart login entered on screen is kept under', () => {
  it('is the one the core derives, whatever the e-mail’s case and spaces', async () => {
    for (const login of [
      { baseUrl: 'https://shop.ec-force.com', email: 'robot@shop.jp' },
      { baseUrl: 'http://127.0.0.1:43117', email: ' No-Subs@Example.jp ' },
    ]) {
      expect(await cartLoginRef(login)).toBe(deriveCartLoginRef({ cart: 'ecforce', ...login }));
    }
  });
});
