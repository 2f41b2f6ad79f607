import { z } from 'zod';
import type { ArgsOf, ResultOf } from '../api/client';
import { issue } from './field-errors';

/**
 * The rule editor's form model and its rules. They repeat the core's rule schema
 * (electron/core/tags/rules/rule-schema.ts) so mistakes show while editing; the core checks again
 * on preview and save and alone knows the replica's tags and the other rules. Messages are catalog
 * keys (see field-errors.ts), turned into words where they are shown.
 */

export type SaveArgs = ArgsOf<'tagRules.save'>;
export type Rule = ResultOf<'tagRules.get'>;
type Condition = SaveArgs['groups'][number][number];

export const conditionKinds = [
  'courseName',
  'product',
  'purchaseDate',
  'purchaseCount',
  'purchaseAmount',
  'subscriptionStatus',
  'operator',
  'triggerTag',
  'cartLinked',
] as const;
export type ConditionKind = (typeof conditionKinds)[number];

/**
 * The operator choices of each kind, in one select per condition. Subscription status keeps its
 * only/contains here, the assigned operator "anyone" or "this one", a trigger tag has or has not.
 */
export const operatorsOf = {
  courseName: ['equals', 'contains'],
  product: ['equals', 'contains'],
  purchaseDate: ['on', 'before', 'after', 'withinDays'],
  purchaseCount: ['gte', 'lte', 'eq'],
  purchaseAmount: ['gte', 'lte'],
  subscriptionStatus: ['only', 'contains'],
  operator: ['any', 'named'],
  triggerTag: ['has', 'hasNot'],
  cartLinked: [],
} as const satisfies Record<ConditionKind, readonly string[]>;

export const productFields = ['name', 'code'] as const;
export const subscriptionStatuses = ['active', 'paused', 'stopped', 'cancelled'] as const;

/** Seed 002: at most five conditions in each compound rule of "match any"; the core allows twenty in "match all". */
export const MAX_GROUP_CONDITIONS = 5;
export const MAX_ALL_CONDITIONS = 20;
export const MAX_GROUPS = 50;

/** One condition as the form holds it: every input of every kind, as typed; the kind decides which count. */
export interface ConditionValues {
  kind: ConditionKind;
  op: string;
  by: (typeof productFields)[number];
  text: string;
  date: string;
  number: string;
  status: (typeof subscriptionStatuses)[number];
  tagId: string;
}

export interface FormValues {
  name: string;
  tagId: string;
  action: 'add' | 'remove';
  match: 'all' | 'any';
  enabled: boolean;
  groups: Array<{ conditions: ConditionValues[] }>;
}

export function blankCondition(kind: ConditionKind = 'product'): ConditionValues {
  return { kind, op: operatorsOf[kind][0] ?? '', by: 'code', text: '', date: '', number: '', status: 'active', tagId: '' };
}

export const blankValues: FormValues = {
  name: '',
  tagId: '',
  action: 'add',
  match: 'all',
  enabled: true,
  groups: [{ conditions: [blankCondition()] }],
};

export function valuesOf(rule: Rule): FormValues {
  return {
    name: rule.name,
    tagId: String(rule.tagId),
    action: rule.action,
    match: rule.match,
    enabled: rule.enabled,
    groups: rule.groups.map((group) => ({ conditions: group.map(conditionValues) })),
  };
}

function conditionValues(c: Condition): ConditionValues {
  const blank = blankCondition(c.kind);
  switch (c.kind) {
    case 'courseName':
      return { ...blank, op: c.op, text: c.value };
    case 'product':
      return { ...blank, op: c.op, by: c.by, text: c.value };
    case 'purchaseDate':
      return c.op === 'withinDays' ? { ...blank, op: c.op, number: String(c.days) } : { ...blank, op: c.op, date: c.date };
    case 'purchaseCount':
    case 'purchaseAmount':
      return { ...blank, op: c.op, number: String(c.value) };
    case 'subscriptionStatus':
      return { ...blank, op: c.match, status: c.status };
    case 'operator':
      return c.name === undefined ? { ...blank, op: 'any' } : { ...blank, op: 'named', text: c.name };
    case 'triggerTag':
      return { ...blank, op: c.has === false ? 'hasNot' : 'has', tagId: String(c.tagId) };
    case 'cartLinked':
      return blank;
  }
}

/** The rule as the core takes it; only called on values that passed formSchema. */
export function toRuleArgs(values: FormValues, id: number | undefined): SaveArgs {
  return {
    ...(id === undefined ? {} : { id }),
    name: values.name.trim(),
    tagId: Number(values.tagId),
    action: values.action,
    match: values.match,
    enabled: values.enabled,
    groups: values.groups.map((group) => group.conditions.map(toCondition)),
  };
}

function toCondition(c: ConditionValues): Condition {
  const text = c.text.trim();
  const number = Number(c.number);
  switch (c.kind) {
    case 'courseName':
      return { kind: 'courseName', op: c.op as 'equals' | 'contains', value: text };
    case 'product':
      return { kind: 'product', by: c.by, op: c.op as 'equals' | 'contains', value: text };
    case 'purchaseDate':
      return c.op === 'withinDays' ? { kind: 'purchaseDate', op: 'withinDays', days: number } : { kind: 'purchaseDate', op: c.op as 'on' | 'before' | 'after', date: c.date };
    case 'purchaseCount':
      return { kind: 'purchaseCount', op: c.op as 'gte' | 'lte' | 'eq', value: number };
    case 'purchaseAmount':
      return { kind: 'purchaseAmount', op: c.op as 'gte' | 'lte', value: number };
    case 'subscriptionStatus':
      return { kind: 'subscriptionStatus', match: c.op as 'only' | 'contains', status: c.status };
    case 'operator':
      return c.op === 'named' ? { kind: 'operator', name: text } : { kind: 'operator' };
    case 'triggerTag':
      return { kind: 'triggerTag', tagId: Number(c.tagId), has: c.op !== 'hasNot' };
    case 'cartLinked':
      return { kind: 'cartLinked' };
  }
}

/**
 * "match all" is one group; "match any" of simple conditions is one group per condition, so a
 * switch to "any" splits the conditions that way and a switch back puts them in one group again.
 */
export function regroup(groups: FormValues['groups'], match: FormValues['match']): FormValues['groups'] {
  const all = groups.flatMap((g) => g.conditions);
  if (match === 'all') return [{ conditions: all.length > 0 ? all : [blankCondition()] }];
  return all.length > 0 ? all.map((c) => ({ conditions: [c] })) : [{ conditions: [blankCondition()] }];
}

const isDate = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
const isWhole = (text: string, min: number, max: number) => /^\d+$/.test(text.trim()) && Number(text) >= min && Number(text) <= max;

function checkCondition(c: ConditionValues, path: Array<string | number>, ctx: z.RefinementCtx): void {
  const fail = (field: keyof ConditionValues, name: string, params?: Record<string, unknown>) =>
    ctx.addIssue({ code: 'custom', path: [...path, field], message: issue(name, params) });
  if (!(operatorsOf[c.kind] as readonly string[]).includes(c.op) && operatorsOf[c.kind].length > 0) fail('op', 'operatorRequired');
  switch (c.kind) {
    case 'courseName':
    case 'product':
      if (c.text.trim() === '') fail('text', c.kind === 'courseName' ? 'courseRequired' : 'productRequired');
      else if (c.text.trim().length > 200) fail('text', 'textTooLong');
      return;
    case 'purchaseDate':
      if (c.op === 'withinDays') {
        if (!isWhole(c.number, 1, 3650)) fail('number', 'days');
      } else if (!isDate(c.date)) fail('date', 'date');
      return;
    case 'purchaseCount':
      if (!isWhole(c.number, 0, 1_000_000)) fail('number', 'count');
      return;
    case 'purchaseAmount':
      if (!isWhole(c.number, 0, 10_000_000_000)) fail('number', 'amount');
      return;
    case 'operator':
      if (c.op === 'named' && c.text.trim() === '') fail('text', 'operatorName');
      else if (c.text.trim().length > 200) fail('text', 'textTooLong');
      return;
    case 'triggerTag':
      if (c.tagId === '') fail('tagId', 'triggerTagRequired');
      return;
    case 'subscriptionStatus':
    case 'cartLinked':
      return;
  }
}

export const formSchema = z
  .object({
    name: z.string().trim().min(1, issue('nameRequired')).max(200, issue('nameTooLong')),
    tagId: z.string().min(1, issue('tagRequired')),
    action: z.enum(['add', 'remove']),
    match: z.enum(['all', 'any']),
    enabled: z.boolean(),
    groups: z.array(
      z.object({
        conditions: z.array(
          z.object({
            kind: z.enum(conditionKinds),
            op: z.string(),
            by: z.enum(productFields),
            text: z.string(),
            date: z.string(),
            number: z.string(),
            status: z.enum(subscriptionStatuses),
            tagId: z.string(),
          }),
        ),
      }),
    ),
  })
  .superRefine((values, ctx) => {
    const limit = values.match === 'all' ? MAX_ALL_CONDITIONS : MAX_GROUP_CONDITIONS;
    if (values.groups.length > MAX_GROUPS) ctx.addIssue({ code: 'custom', path: ['groups'], message: issue('tooManyGroups', { max: MAX_GROUPS }) });
    values.groups.forEach((group, g) => {
      if (group.conditions.length === 0) ctx.addIssue({ code: 'custom', path: ['groups', g, 'conditions'], message: issue('emptyGroup') });
      if (group.conditions.length > limit) ctx.addIssue({ code: 'custom', path: ['groups', g, 'conditions'], message: issue('tooManyConditions', { max: limit }) });
      group.conditions.forEach((c, i) => checkCondition(c, ['groups', g, 'conditions', i], ctx));
    });
  });

/**
 * A core validation path (`groups.0.1.value`, the rule schema's shape) as the form's field
 * (`groups.0.conditions.1.text`), so the core's refusal shows beside the input it concerns.
 */
export function formFieldOf(corePath: string, values: FormValues): string {
  const parts = corePath.split('.');
  if (parts[0] !== 'groups' || parts.length < 2) return parts[0] || 'root';
  const [, group, condition, field] = parts;
  if (condition === undefined) return `groups.${group}.conditions`;
  const base = `groups.${group}.conditions.${condition}`;
  if (field === undefined) return `${base}.kind`;
  const kind = values.groups[Number(group)]?.conditions[Number(condition)]?.kind;
  const map: Record<string, keyof ConditionValues> = {
    op: 'op',
    match: 'op',
    has: 'op',
    by: 'by',
    status: 'status',
    tagId: 'tagId',
    date: 'date',
    days: 'number',
    name: 'text',
    value: kind === 'purchaseCount' || kind === 'purchaseAmount' ? 'number' : 'text',
  };
  return `${base}.${map[field] ?? 'kind'}`;
}
