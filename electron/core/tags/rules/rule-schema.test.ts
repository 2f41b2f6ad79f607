import { describe, expect, it } from 'vitest';
import { ruleCondition, ruleDefinition } from './rule-schema';

const rule = (groups: unknown[][], match: 'all' | 'any' = 'any') => ({ name: '定期購入者', tagId: 1, action: 'add', match, groups });

describe('rule shape', () => {
  it('reads both forms of a purchase-date condition and refuses a mix of them', () => {
    expect(ruleCondition.parse({ kind: 'purchaseDate', op: 'withinDays', days: 30 })).toEqual({ kind: 'purchaseDate', op: 'withinDays', days: 30 });
    expect(ruleCondition.parse({ kind: 'purchaseDate', op: 'before', date: '2026-11-01' })).toEqual({ kind: 'purchaseDate', op: 'before', date: '2026-11-01' });
    expect(ruleCondition.safeParse({ kind: 'purchaseDate', op: 'withinDays', date: '2026-11-01' }).success).toBe(false);
    expect(ruleCondition.safeParse({ kind: 'purchaseDate', op: 'on', date: '2026/11/01' }).success).toBe(false);
  });

  it('reads every condition kind', () => {
    const conditions = [
      { kind: 'courseName', op: 'contains', value: '青汁' },
      { kind: 'product', by: 'code', op: 'equals', value: 'SKN-001' },
      { kind: 'purchaseCount', op: 'gte', value: 3 },
      { kind: 'purchaseAmount', op: 'lte', value: 10_000 },
      { kind: 'subscriptionStatus', match: 'only', status: 'active' },
      { kind: 'operator', name: '佐藤' },
      { kind: 'triggerTag', tagId: 4, has: false },
      { kind: 'cartLinked' },
    ];
    for (const condition of conditions) expect(ruleCondition.parse(condition)).toEqual(condition);
    expect(ruleCondition.parse({ kind: 'triggerTag', tagId: 4 })).toEqual({ kind: 'triggerTag', tagId: 4, has: true });
    expect(ruleCondition.safeParse({ kind: 'purchaseCount', op: 'gte', value: -1 }).success).toBe(false);
    expect(ruleCondition.safeParse({ kind: 'weather', op: 'is', value: 'rain' }).success).toBe(false);
  });

  it('holds "match all" to one group and compound groups to five conditions', () => {
    const six = Array.from({ length: 6 }, (_, i) => ({ kind: 'purchaseCount', op: 'gte', value: i }));
    expect(ruleDefinition.safeParse(rule([[{ kind: 'cartLinked' }], [{ kind: 'cartLinked' }]], 'all')).success).toBe(false);
    expect(ruleDefinition.safeParse(rule([six], 'all')).success).toBe(true);
    expect(ruleDefinition.safeParse(rule([six.slice(0, 5)])).success).toBe(true);
    expect(ruleDefinition.safeParse(rule([six])).success).toBe(false);
    expect(ruleDefinition.parse(rule([[{ kind: 'cartLinked' }]])).enabled).toBe(true);
  });
});
