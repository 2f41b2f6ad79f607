import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../electron/core/db/migrate';
import { migrations } from '../../electron/core/db/migrations';
import { memoryAt } from '../fixtures/migrated';

describe('migration 16: the completion status a config finishes with', () => {
  it("gives a version 15 replica's configs クロスセル受付 and keeps their settings", () => {
    const db = memoryAt(15);
    db.prepare(
      `INSERT INTO crosssell_configs (id, name, cart, product_name, product_code, kind, memo_writes, tags_add, tags_remove,
         message_template, stop_running_subscriptions, repeat_window_hours, updated_at)
       VALUES (3, '化粧水', 'ecforce', '保湿化粧水 150mL', 'SKN-002', 'single', '[]', '[]', '[]', '{カート顧客名}様', 0, 48, 't')`,
    ).run();
    migrate(db, migrations, 16);
    expect(schemaVersion(db)).toBe(16);
    expect(db.prepare('SELECT id, repeat_window_hours, message_template, completion_status FROM crosssell_configs').all()).toEqual([
      { id: 3, repeat_window_hours: 48, message_template: '{カート顧客名}様', completion_status: 'クロスセル受付' },
    ]);
  });

  it('never holds a config without a completion status', () => {
    const db = memoryAt(16);
    expect(() =>
      db
        .prepare(
          `INSERT INTO crosssell_configs (id, name, cart, product_name, product_code, kind, memo_writes, tags_add, tags_remove,
             message_template, stop_running_subscriptions, completion_status, updated_at)
           VALUES (4, 'x', 'ecforce', 'p', 'c', 'single', '[]', '[]', '[]', '', 0, NULL, 't')`,
        )
        .run(),
    ).toThrow(/NOT NULL/);
  });
});
