import type { ResultOf } from '../api/client';

export type CartLoginTest = ResultOf<'settings.testCartLogin'>;
export type CartRight = CartLoginTest['missing'][number];

/**
 * The cart's own names for the rights (受注管理 …) are shown as the cart's admin shows them, so
 * staff can find them there; the catalogs add what each is in the viewer's language by this key.
 */
export const cartRightKey: Record<CartRight, 'orders' | 'createOrder' | 'subscriptions'> = {
  受注管理: 'orders',
  受注作成: 'createOrder',
  定期受注管理: 'subscriptions',
};
