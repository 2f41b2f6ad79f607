import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../db/open';
import { listMasterProducts } from './product-master';

describe('listMasterProducts', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:', { quickCheck: false });
    const product = db.prepare(`INSERT INTO products (id, cart, code, name, kind, price, updated_at) VALUES (?, ?, ?, ?, ?, 1000, '2026-11-01T00:00:00.000Z')`);
    product.run(1, 'ecforce', 'SKN-002', '保湿化粧水 150mL', 'single');
    product.run(2, 'ecforce', 'SUB-HLT-001', '【定期】青汁 30包', 'subscription');
    product.run(3, 'ecforce', 'HLT-001', '青汁 30包', 'single');
    product.run(4, 'shopify', 'SKN-002', 'Toner', 'single');
  });
  afterEach(() => db.close());

  it("lists one cart's products by code, without the price", () => {
    expect(listMasterProducts(db, 'ecforce')).toEqual([
      { code: 'HLT-001', name: '青汁 30包', kind: 'single' },
      { code: 'SKN-002', name: '保湿化粧水 150mL', kind: 'single' },
      { code: 'SUB-HLT-001', name: '【定期】青汁 30包', kind: 'subscription' },
    ]);
    expect(listMasterProducts(db, 'makeshop')).toEqual([]);
  });
});
