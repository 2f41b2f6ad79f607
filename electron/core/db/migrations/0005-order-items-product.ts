import type { Migration } from '../migrate';

/**
 * Order items are found by product as the pair the tag rules match on: code, then name. A full
 * evaluation lists the distinct products from this index alone and then reads only the items of
 * the products a condition names, instead of every item once per name condition. Lookups by code
 * alone use the same index, so it replaces the code-only one.
 */
export const orderItemsProduct: Migration = {
  version: 5,
  name: 'order-items-product',
  up(db) {
    db.exec(`
      CREATE INDEX order_items_product ON order_items(product_code, product_name);
      DROP INDEX order_items_code;
    `);
  },
};
