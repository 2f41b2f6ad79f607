import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { memoryAt } from '../fixtures/migrated';


const plan = (db: Database.Database, sql: string) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((r) => r.detail).join('\n');

describe('migration 5: order items by product code and name', () => {
  it('replaces the code-only index, keeping the items of version 4', () => {
    const db = memoryAt(4);
    db.exec(`
      INSERT INTO members (id, line_user_id, display_name, updated_at) VALUES (1, 'U1', 'a', 't');
      INSERT INTO cart_customers (id, member_id, cart, customer_number, updated_at) VALUES (1, 1, 'ecforce', 'C1', 't');
      INSERT INTO orders (id, cart_customer_id, order_number, status, total, ordered_at, updated_at) VALUES (1, 1, 'O1', 'shipped', 100, 't', 't');
      INSERT INTO order_items (order_id, line_no, product_code, product_name, quantity, price) VALUES (1, 1, 'P-1', '青汁', 1, 100);
    `);
    migrate(db, migrations, 5);
    expect(schemaVersion(db)).toBe(5);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'order_items' AND sql IS NOT NULL").pluck().all();
    expect(indexes).toEqual(['order_items_product']);
    expect(db.prepare("SELECT order_id FROM order_items WHERE product_code = 'P-1' AND product_name = '青汁'").pluck().all()).toEqual([1]);
  });

  it('serves lookups by code, by code and name, and the distinct products from the index alone', () => {
    const db = memoryAt(5);
    expect(plan(db, "SELECT order_id FROM order_items WHERE product_code = 'P-1'")).toMatch(/USING COVERING INDEX order_items_product/);
    expect(plan(db, "SELECT order_id FROM order_items WHERE product_code = 'P-1' AND product_name = 'x'")).toMatch(/USING COVERING INDEX order_items_product/);
    expect(plan(db, 'SELECT DISTINCT product_code, product_name FROM order_items')).toMatch(/COVERING INDEX order_items_product/);
  });
});
