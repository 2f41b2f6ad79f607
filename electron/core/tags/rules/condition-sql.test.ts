import { describe, expect, it } from 'vitest';
import { dataConditionQuery, ITEMS_STATEMENT, PRODUCT_KEYS, PRODUCT_KEYS_QUERY } from './condition-sql';
import { openReplica } from './rule-test-support';
import { resetTempTables } from './temp-tables';

const plan = (sql: string) => {
  const db = openReplica();
  resetTempTables(db);
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...Array(sql.split('?').length - 1).fill('x')) as Array<{ detail: string }>).map((r) => r.detail);
};

describe('condition queries', () => {
  it('reach the items of the members in scope by each order, once for every product condition', () => {
    const steps = plan(ITEMS_STATEMENT);
    expect(steps[0]).toMatch(/SCAN sc/);
    expect(steps.find((s) => / i\b/.test(s))).toMatch(/SEARCH i USING PRIMARY KEY \(order_id=\?\)/);
    for (const by of ['code', 'name'] as const) {
      const q = dataConditionQuery({ kind: 'product', by, op: 'equals', value: 'P-A' }, { full: false, nowSeconds: 0, timeZone: 'Asia/Tokyo' });
      expect(plan(q.sql).join('\n')).toMatch(/tr_items/);
    }
  });

  it('read the product list and the named products items from the product index alone', () => {
    expect(plan(PRODUCT_KEYS).join('\n')).toMatch(/COVERING INDEX order_items_product/);
    expect(plan(PRODUCT_KEYS_QUERY).join('\n')).toMatch(/SEARCH i USING COVERING INDEX order_items_product \(product_code=\? AND product_name=\?\)/);
  });
});
