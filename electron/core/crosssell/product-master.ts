import type { Db } from '../db/open';

export interface MasterProduct {
  code: string;
  name: string;
  kind: 'single' | 'subscription';
}

/**
 * The cart's product master as the cloud synced it, for the settings screen to suggest from:
 * the code and name must match the cart exactly (seed 000 ⑧⑨), and picking beats typing.
 */
export function listMasterProducts(db: Db, cart: string): MasterProduct[] {
  return db.prepare('SELECT code, name, kind FROM products WHERE cart = ? ORDER BY code').all(cart) as MasterProduct[];
}
