import { describe, expect, it } from 'vitest';
import type { CrosssellConfig } from '../../../electron/core/api/types';
import { catalogs } from '../i18n/catalogs';
import { blankValues, formSchema, toSaveArgs, valuesOf, type FormValues } from './form-values';

const config: CrosssellConfig = {
  id: 7,
  name: '化粧水クロスセル',
  cart: 'ecforce',
  cartLoginRef: 'ecforce-main',
  productName: '保湿化粧水 150mL',
  productCode: 'SKN-002',
  kind: 'subscription',
  memoWrites: [
    { field: 'order_memo', text: 'LINE {カート側商品名}' },
    { field: 'subscription_memo', text: '旧定期は停止済み' },
  ],
  tagsAdd: [3, 1],
  tagsRemove: [2],
  messageTemplate: '{カート顧客名}様',
  stopRunningSubscriptions: true,
  repeatWindowHours: null,
  completionStatus: '対応完了',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

/** Each failing field with its message, the way the form shows them. */
function issues(values: FormValues): Record<string, string> {
  const result = formSchema.safeParse(values);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
}

function inCatalog(key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogs.ja);
}

describe('the editor form model', () => {
  it('carries every setting of a config into the form and back unchanged', () => {
    const { id, updatedAt: _at, ...settings } = config;
    expect(toSaveArgs(valuesOf(config), id)).toEqual({ id, ...settings });
    expect(issues(valuesOf(config))).toEqual({});
  });

  it('sends the repeat-tap window as whole hours, an empty field as the default', () => {
    const save = (repeatWindowHours: string) => toSaveArgs({ ...valuesOf(config), repeatWindowHours }, 7).repeatWindowHours;
    expect(save('')).toBeNull();
    expect(save('  ')).toBeNull();
    expect(save('48')).toBe(48);
    expect(save(' 0 ')).toBe(0);
    expect(save('７２０')).toBe(720);
    expect(valuesOf({ ...config, repeatWindowHours: 6 }).repeatWindowHours).toBe('6');
    expect(valuesOf(config).repeatWindowHours).toBe('');
  });

  it('sends a new login instead of a ref, and no id for a new config', () => {
    const values: FormValues = { ...valuesOf(config), loginMode: 'new', cartLogin: { baseUrl: ' https://shop.ec-force.com ', email: 'robot@shop.jp', password: ' p ' } };
    const args = toSaveArgs(values, undefined);
    expect(args).not.toHaveProperty('id');
    expect(args).not.toHaveProperty('cartLoginRef');
    // The password is sent as typed: spaces may be part of it.
    expect(args.cartLogin).toEqual({ baseUrl: 'https://shop.ec-force.com', email: 'robot@shop.jp', password: ' p ' });
  });

  it('refuses an empty form on the fields the core requires, with catalog keys', () => {
    expect(issues(blankValues)).toEqual({
      name: 'crosssell.errors.nameRequired',
      productName: 'crosssell.errors.productNameRequired',
      productCode: 'crosssell.errors.productCodeRequired',
      cartLoginRef: 'crosssell.errors.loginRequired',
    });
  });

  it.each([
    ['a blank name', { name: '   ' }, { name: 'crosssell.errors.nameRequired' }],
    ['a long name', { name: 'あ'.repeat(101) }, { name: 'crosssell.errors.nameTooLong' }],
    ['a ref with spaces', { cartLoginRef: 'ecforce main' }, { cartLoginRef: 'crosssell.errors.loginRef' }],
    ['an empty memo', { memoWrites: [{ field: 'order_memo', text: ' ' }] }, { 'memoWrites.0.text': 'crosssell.errors.memoTextRequired' }],
    ['a long message', { messageTemplate: 'あ'.repeat(5001) }, { messageTemplate: 'crosssell.errors.messageTooLong|{"units":5001,"max":5000}' }],
    // 2,501 emoji are 5,002 UTF-16 units, which is how LINE counts them.
    ['a message of 2,501 emoji', { messageTemplate: '😀'.repeat(2501) }, { messageTemplate: 'crosssell.errors.messageTooLong|{"units":5002,"max":5000}' }],
    ['a repeat window past a month', { repeatWindowHours: '721' }, { repeatWindowHours: 'crosssell.errors.repeatWindow' }],
    ['a repeat window in part hours', { repeatWindowHours: '1.5' }, { repeatWindowHours: 'crosssell.errors.repeatWindow' }],
    ['a negative repeat window', { repeatWindowHours: '-1' }, { repeatWindowHours: 'crosssell.errors.repeatWindow' }],
    ['a repeat window in words', { repeatWindowHours: '一日' }, { repeatWindowHours: 'crosssell.errors.repeatWindow' }],
    ['a tag both added and removed', { tagsAdd: ['1', '2'], tagsRemove: ['2'] }, { tagsRemove: 'crosssell.errors.tagsBoth' }],
    [
      'a new login with bad parts',
      { loginMode: 'new', cartLogin: { baseUrl: 'shop.ec-force.com', email: 'robot', password: '' } },
      { 'cartLogin.baseUrl': 'crosssell.errors.baseUrl', 'cartLogin.email': 'crosssell.errors.email', 'cartLogin.password': 'crosssell.errors.password' },
    ],
  ] as const)('refuses %s', (_what, patch, expected) => {
    const found = issues({ ...valuesOf(config), ...patch } as FormValues);
    expect(found).toEqual(expected);
    for (const key of Object.values(found)) expect(typeof inCatalog(key.split('|')[0]!), key).toBe('string');
  });
});
