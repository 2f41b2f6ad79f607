import { describe, expect, it } from 'vitest';
import { blankCondition, formFieldOf, formSchema, regroup, toRuleArgs, valuesOf, type FormValues, type Rule } from './rule-form';

const stamps = { createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', tagName: 'VIP' };

/** One of every condition kind and operator shape the core's rule schema has. */
const everyKind: Rule = {
  id: 4,
  name: '定期の優良顧客',
  tagId: 1,
  action: 'add',
  match: 'any',
  enabled: true,
  ...stamps,
  groups: [
    [
      { kind: 'courseName', op: 'contains', value: '毎月' },
      { kind: 'product', by: 'name', op: 'equals', value: '保湿化粧水 150mL' },
      { kind: 'purchaseDate', op: 'after', date: '2026-10-01' },
      { kind: 'purchaseCount', op: 'eq', value: 3 },
      { kind: 'purchaseAmount', op: 'lte', value: 50_000 },
    ],
    [
      { kind: 'purchaseDate', op: 'withinDays', days: 30 },
      { kind: 'subscriptionStatus', match: 'only', status: 'paused' },
      { kind: 'operator', name: '佐藤' },
      { kind: 'operator' },
      { kind: 'triggerTag', tagId: 7, has: false },
    ],
    [{ kind: 'cartLinked' }],
  ],
};

describe('the rule form model', () => {
  it('gives back the rule it was made from, for every condition kind', () => {
    const values = valuesOf(everyKind);
    expect(formSchema.safeParse(values).success).toBe(true);
    const { id: _id, createdAt: _c, updatedAt: _u, tagName: _t, ...definition } = everyKind;
    expect(toRuleArgs(values, everyKind.id)).toEqual({ id: 4, ...definition });
    expect(toRuleArgs(values, undefined)).not.toHaveProperty('id');
  });

  it('splits "all" into one group per condition for "any", and joins them again', () => {
    const a = blankCondition('cartLinked');
    const b = { ...blankCondition('purchaseCount'), number: '2' };
    expect(regroup([{ conditions: [a, b] }], 'any')).toEqual([{ conditions: [a] }, { conditions: [b] }]);
    expect(regroup([{ conditions: [a] }, { conditions: [b] }], 'all')).toEqual([{ conditions: [a, b] }]);
  });

  it('holds "any" groups to five conditions and "all" to twenty', () => {
    const six = Array.from({ length: 6 }, () => blankCondition('cartLinked'));
    const base: FormValues = { name: 'x', tagId: '1', action: 'add', match: 'any', enabled: true, groups: [{ conditions: six }] };
    const any = formSchema.safeParse(base);
    expect(any.success).toBe(false);
    expect(any.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['groups.0.conditions', 'tagScreen.errors.tooManyConditions|{"max":5}']]);
    expect(formSchema.safeParse({ ...base, match: 'all' }).success).toBe(true);
  });

  it('names each missing or wrong input of a condition', () => {
    const values: FormValues = {
      name: ' ',
      tagId: '',
      action: 'remove',
      match: 'all',
      enabled: true,
      groups: [
        {
          conditions: [
            { ...blankCondition('product'), text: '  ' },
            { ...blankCondition('purchaseDate'), op: 'on', date: '2026/11/01' },
            { ...blankCondition('purchaseDate'), op: 'withinDays', number: '0' },
            { ...blankCondition('purchaseAmount'), number: '1.5' },
            { ...blankCondition('operator'), op: 'named' },
            blankCondition('triggerTag'),
          ],
        },
      ],
    };
    const result = formSchema.safeParse(values);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(
      [
        'name',
        'tagId',
        'groups.0.conditions.0.text',
        'groups.0.conditions.1.date',
        'groups.0.conditions.2.number',
        'groups.0.conditions.3.number',
        'groups.0.conditions.4.text',
        'groups.0.conditions.5.tagId',
      ].sort(),
    );
  });

  it("puts the core's field paths on the form's inputs", () => {
    const values = valuesOf(everyKind);
    expect(formFieldOf('name', values)).toBe('name');
    expect(formFieldOf('tagId', values)).toBe('tagId');
    expect(formFieldOf('groups', values)).toBe('groups');
    expect(formFieldOf('groups.0', values)).toBe('groups.0.conditions');
    expect(formFieldOf('groups.0.1.value', values)).toBe('groups.0.conditions.1.text');
    expect(formFieldOf('groups.0.3.value', values)).toBe('groups.0.conditions.3.number');
    expect(formFieldOf('groups.0.2.date', values)).toBe('groups.0.conditions.2.date');
    expect(formFieldOf('groups.1.0.days', values)).toBe('groups.1.conditions.0.number');
    expect(formFieldOf('groups.1.4.tagId', values)).toBe('groups.1.conditions.4.tagId');
    expect(formFieldOf('groups.1.2.name', values)).toBe('groups.1.conditions.2.text');
  });
});
