import { describe, expect, it } from 'vitest';
import { findRuleCycles } from './rule-cycles';
import type { RuleCondition } from './rule-schema';
import { rule } from './rule-test-support';

const A = 1;
const B = 2;
const C = 3;
const productA: RuleCondition = { kind: 'product', by: 'code', op: 'equals', value: 'A' };
const productB: RuleCondition = { kind: 'product', by: 'code', op: 'equals', value: 'B' };
const has = (tagId: number, present = true): RuleCondition => ({ kind: 'triggerTag', tagId, has: present });

type Case = [string, ReturnType<typeof rule>[], string[][]];

const cases: Case[] = [
  [
    'the seed: product A adds tag A, tag A removes tag A',
    [rule({ id: 1, name: '商品A→Aタグ', tagId: A, action: 'add', groups: [[productA]] }), rule({ id: 2, name: 'Aタグ→解除', tagId: A, action: 'remove', groups: [[has(A)]] })],
    [['商品A→Aタグ', 'Aタグ→解除']],
  ],
  [
    'a chain that settles: tag A adds tag B',
    [rule({ id: 1, name: 'A', tagId: A, action: 'add', groups: [[productA]] }), rule({ id: 2, name: 'B', tagId: B, action: 'add', groups: [[has(A)]] })],
    [],
  ],
  [
    'tags A and B add tag C (seed: both tags set)',
    [rule({ id: 1, name: 'C', tagId: C, action: 'add', groups: [[has(A), has(B)]] })],
    [],
  ],
  ['a rule that removes its own trigger tag settles after one change', [rule({ id: 1, name: 'self', tagId: A, action: 'remove', groups: [[has(A)]] })], []],
  [
    'undo through a chain: A adds B, B removes A',
    [
      rule({ id: 1, name: 'r1', tagId: A, action: 'add', groups: [[productA]] }),
      rule({ id: 2, name: 'r2', tagId: B, action: 'add', groups: [[has(A)]] }),
      rule({ id: 3, name: 'r3', tagId: A, action: 'remove', groups: [[has(B)]] }),
    ],
    [['r1', 'r2', 'r3']],
  ],
  [
    'an absent trigger tag counts: removing A sets off a rule that adds A',
    [
      rule({ id: 1, name: 'remove A', tagId: A, action: 'remove', groups: [[productB]] }),
      rule({ id: 2, name: 'add A when missing', tagId: A, action: 'add', groups: [[has(A, false)]] }),
    ],
    [['remove A', 'add A when missing']],
  ],
  [
    'a trigger in any group of a compound rule counts',
    [
      rule({ id: 1, name: 'r1', tagId: A, action: 'add', groups: [[productA]] }),
      rule({ id: 2, name: 'r2', tagId: A, action: 'remove', groups: [[productB], [has(A), { kind: 'cartLinked' }]] }),
    ],
    [['r1', 'r2']],
  ],
  [
    'opposite rules on one tag that do not read it: the later one wins, no fight',
    [rule({ id: 1, name: 'add', tagId: A, action: 'add', groups: [[productA]] }), rule({ id: 2, name: 'remove', tagId: A, action: 'remove', groups: [[productB]] })],
    [],
  ],
  [
    'two rules that only add each other’s tags settle',
    [rule({ id: 1, name: 'r1', tagId: A, action: 'add', groups: [[has(B)]] }), rule({ id: 2, name: 'r2', tagId: B, action: 'add', groups: [[has(A)]] })],
    [],
  ],
  [
    'a disabled rule does not take part',
    [rule({ id: 1, name: 'r1', tagId: A, action: 'add', groups: [[productA]] }), rule({ id: 2, name: 'r2', tagId: A, action: 'remove', groups: [[has(A)]], enabled: false })],
    [],
  ],
];

describe('findRuleCycles', () => {
  it.each(cases)('%s', (_name, rules, expected) => {
    expect(findRuleCycles(rules).map((c) => c.ruleNames)).toEqual(expected);
  });

  it('names the rules and the tag in its message', () => {
    const [cycle] = findRuleCycles(cases[0]![1]);
    expect(cycle).toMatchObject({ ruleIds: [1, 2], tagId: A });
    expect(cycle!.message).toContain('"商品A→Aタグ" → "Aタグ→解除"');
  });

  it('reports a fighting pair once, whichever rule is given first', () => {
    const [add, remove] = cases[0]![1];
    expect(findRuleCycles([remove!, add!])).toHaveLength(1);
  });
});
