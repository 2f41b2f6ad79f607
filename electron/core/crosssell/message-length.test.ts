import { describe, expect, it } from 'vitest';
import { fitsLineText, LONG_CUSTOMER_NAME_UNITS, messageLength } from './message-length';

describe('messageLength', () => {
  it('counts UTF-16 units as LINE does: an emoji is two', () => {
    expect(messageLength('😀'.repeat(2500), 'X')).toMatchObject({ units: 5000, left: 0, verdict: 'fits' });
    expect(messageLength('😀'.repeat(2501), 'X')).toMatchObject({ units: 5002, left: -2, verdict: 'tooLong' });
    expect(messageLength('𠮷野家', 'X').units).toBe(4);
  });

  it("counts the message with the config's own product name filled in", () => {
    const template = `${'あ'.repeat(4988)}「{カート側商品名}」`;
    expect(template.length).toBeLessThanOrEqual(5000);
    expect(messageLength(template, '保湿化粧水 150mL')).toMatchObject({ units: 5001, verdict: 'tooLong' });
    expect(messageLength(template, '青汁')).toMatchObject({ units: 4992, verdict: 'fits' });
  });

  it('leaves the customer name out and warns when a long one could take the message over', () => {
    const close = `{カート顧客名}様 ${'あ'.repeat(4960)}`;
    expect(messageLength(close, 'X')).toEqual({ units: 4962, max: 5000, customerNames: 1, left: 38, verdict: 'tight' });
    const roomy = `{カート顧客名}様 ${'あ'.repeat(5000 - 2 - LONG_CUSTOMER_NAME_UNITS)}`;
    expect(messageLength(roomy, 'X')).toMatchObject({ left: LONG_CUSTOMER_NAME_UNITS, verdict: 'fits' });
    expect(messageLength(`{カート顧客名}{カート顧客名}${'あ'.repeat(4920)}`, 'X')).toMatchObject({ customerNames: 2, left: 80, verdict: 'tight' });
    expect(messageLength('あ'.repeat(4990), 'X').verdict).toBe('fits');
  });

  it('tells the robot whether a filled message can be sent', () => {
    expect(fitsLineText('😀'.repeat(2500))).toBe(true);
    expect(fitsLineText('😀'.repeat(2501))).toBe(false);
  });
});
