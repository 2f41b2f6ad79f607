import { describe, expect, it } from 'vitest';
import { insertCrosssellConfig, insertLocRequest, insertMember } from '../../../../test/fixtures/replica';
import { openDatabase } from '../../db/open';
import { completionStatusOf, DEFAULT_COMPLETION_STATUS, loadCrosssellJob } from './job';

describe('the completion status a cross-sell finishes with', () => {
  it('is the one its config names, and クロスセル受付 when it names none or something else', () => {
    expect(DEFAULT_COMPLETION_STATUS).toBe('クロスセル受付');
    for (const status of ['対応完了', 'クロスセル受付', '受付断念', '対応不可'] as const) {
      expect(completionStatusOf({ completionStatus: status } as never)).toBe(status);
    }
    expect(completionStatusOf({} as never)).toBe('クロスセル受付');
    expect(completionStatusOf({ completionStatus: null } as never)).toBe('クロスセル受付');
    expect(completionStatusOf({ completionStatus: 'done' } as never)).toBe('クロスセル受付');
  });
});

describe('loadCrosssellJob', () => {
  it('carries the member to check the cart against, and whether the product master holds the code', () => {
    const db = openDatabase(':memory:', { quickCheck: false });
    insertMember(db, { id: 1, displayName: 'あやりん', name: '山本 彩' });
    db.prepare(`UPDATE members SET phone = '090-2222-3333' WHERE id = 1`).run();
    insertCrosssellConfig(db, { id: 1, name: '化粧水', productName: '保湿化粧水 150mL', productCode: 'SKN-002' });
    insertLocRequest(db, { id: 5, memberId: 1, kind: 'crosssell', crosssellConfigId: 1, status: 'new', requestedAt: '2026-12-01T00:00:00Z' });
    const request = { id: 5, uid: 'u', kind: 'crosssell', memberId: 1, requestedAt: '2026-12-01T00:00:00Z', generation: 1 };

    // No product master synced for the cart: only the cart can tell.
    expect(loadCrosssellJob(db, request)).toMatchObject({ member: { name: '山本 彩', displayName: 'あやりん', phone: '090-2222-3333' }, productInMaster: null, completionStatus: 'クロスセル受付' });
    const product = db.prepare(`INSERT INTO products (cart, code, name, kind, price, updated_at) VALUES ('ecforce', ?, ?, 'single', 1000, 't')`);
    product.run('SKN-001', '洗顔');
    expect(loadCrosssellJob(db, request).productInMaster).toBe(false);
    product.run('SKN-002', '保湿化粧水 150mL');
    expect(loadCrosssellJob(db, request).productInMaster).toBe(true);
    db.close();
  });
});
