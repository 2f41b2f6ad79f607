import { describe, expect, it } from 'vitest';
import { blankValues, formSchema, toSaveArgs, type FormValues } from '../../../renderer/src/crosssell/form-values';
import { crosssellConfigInput } from './config-input';

/**
 * The settings screen repeats these input rules so mistakes show while typing (the renderer may
 * not import this module). Here the two are held to the same verdicts, so neither drifts alone:
 * a rule only the core had would refuse on save what the screen let through without a word
 * beside the field, and a rule only the screen had would block a config the core accepts.
 */

const valid: FormValues = {
  ...blankValues,
  name: '化粧水クロスセル',
  cartLoginRef: 'ecforce-main',
  productName: '保湿化粧水 150mL',
  productCode: 'SKN-002',
  memoWrites: [{ field: 'order_memo', text: 'LINE {カート側商品名}' }],
  tagsAdd: ['1'],
  tagsRemove: ['2'],
  messageTemplate: '{カート顧客名}様',
};

const newLogin = (cartLogin: FormValues['cartLogin']): Partial<FormValues> => ({ loginMode: 'new', cartLoginRef: '', cartLogin });

const cases: Array<[string, Partial<FormValues>]> = [
  ['a complete config', {}],
  ['a name of 100 characters', { name: 'あ'.repeat(100) }],
  ['a name of 101 characters', { name: 'あ'.repeat(101) }],
  ['a blank name', { name: ' \u3000 ' }],
  ['a product name of 256 characters', { productName: 'あ'.repeat(256) }],
  ['a product code of 101 characters', { productCode: 'A'.repeat(101) }],
  ['no product code', { productCode: '' }],
  ['no login', { cartLoginRef: '' }],
  ['a ref with a slash', { cartLoginRef: 'cart-login/main' }],
  ['a ref starting with a dot', { cartLoginRef: '.main' }],
  ['a memo of 1,000 characters', { memoWrites: [{ field: 'subscription_memo', text: 'あ'.repeat(1000) }] }],
  ['a memo of 1,001 characters', { memoWrites: [{ field: 'order_memo', text: 'あ'.repeat(1001) }] }],
  ['an empty memo', { memoWrites: [{ field: 'order_memo', text: '' }] }],
  ['21 memos', { memoWrites: Array.from({ length: 21 }, () => ({ field: 'order_memo' as const, text: 'x' })) }],
  ['a message of 5,000 characters', { messageTemplate: 'あ'.repeat(5000) }],
  ['a message of 5,001 characters', { messageTemplate: 'あ'.repeat(5001) }],
  ['no message', { messageTemplate: '' }],
  ['a message of 2,500 emoji', { messageTemplate: '😀'.repeat(2500) }],
  ['a message of 2,501 emoji', { messageTemplate: '😀'.repeat(2501) }],
  ['a robot completion status', { completionStatus: '対応不可' }],
  ['a tag on both sides', { tagsAdd: ['1', '2'], tagsRemove: ['2'] }],
  ['the default repeat window', { repeatWindowHours: '' }],
  ['a repeat window of 0 hours', { repeatWindowHours: '0' }],
  ['a repeat window of 720 hours', { repeatWindowHours: '720' }],
  ['a repeat window of 720 hours typed full-width', { repeatWindowHours: '７２０' }],
  ['a repeat window of 721 hours', { repeatWindowHours: '721' }],
  ['a repeat window of -1 hours', { repeatWindowHours: '-1' }],
  ['a repeat window of 1.5 hours', { repeatWindowHours: '1.5' }],
  ['a repeat window in words', { repeatWindowHours: 'abc' }],
  ['a new login', newLogin({ baseUrl: 'https://shop.ec-force.com/admin', email: 'robot@shop.example.jp', password: 'x' })],
  ['a new login over http', newLogin({ baseUrl: 'http://localhost:8080', email: 'robot@shop.example.jp', password: 'x' })],
  ['a new login without a scheme', newLogin({ baseUrl: 'shop.ec-force.com', email: 'robot@shop.example.jp', password: 'x' })],
  ['a new login over ftp', newLogin({ baseUrl: 'ftp://shop.ec-force.com', email: 'robot@shop.example.jp', password: 'x' })],
  ['a new login with a bad e-mail', newLogin({ baseUrl: 'https://shop.ec-force.com', email: 'robot@', password: 'x' })],
  ['a new login without a password', newLogin({ baseUrl: 'https://shop.ec-force.com', email: 'robot@shop.example.jp', password: '' })],
];

describe("the settings screen's rules agree with the core's", () => {
  it.each(cases)('%s', (_what, patch) => {
    const values = { ...valid, ...patch };
    const screen = formSchema.safeParse(values).success;
    const core = crosssellConfigInput.safeParse(toSaveArgs(values, undefined)).success;
    expect({ screen, core }).toEqual({ screen: core, core });
  });

  it('the cases include refusals, so agreement is not just both accepting everything', () => {
    const refused = cases.filter(([, patch]) => !crosssellConfigInput.safeParse(toSaveArgs({ ...valid, ...patch }, undefined)).success);
    expect(refused.length).toBeGreaterThan(10);
  });
});
