import { describe, expect, it } from 'vitest';
import { DriverError } from '../../../../automation/cart-driver';
import { checkSameCustomer } from './same-customer';

const cart = (name: string, phone: string) => ({ customerNumber: '10000001', name, phone });

describe('checkSameCustomer', () => {
  const member = { name: '山本 彩', displayName: 'あやりん', phone: '+81 90-2222-3333' };

  it('passes the same phone in another form and a name spaced or widened differently, without a warning', () => {
    expect(checkSameCustomer(cart('山本　彩', '090-2222-3333'), member)).toEqual({ warning: null });
    expect(checkSameCustomer(cart('ＹＡＭＡＭＯＴＯ Aya', '09022223333'), { ...member, name: 'yamamoto aya' })).toEqual({ warning: null });
  });

  it('passes a cart that writes the number in an international form, Japanese or Taiwanese', () => {
    expect(checkSameCustomer(cart('山本 彩', '0081 90 2222 3333'), member)).toEqual({ warning: null });
    expect(checkSameCustomer(cart('山本 彩', '＋８１（０）９０－２２２２－３３３３'), member)).toEqual({ warning: null });
    expect(checkSameCustomer(cart('山本 彩', '00886 912 345 678'), { ...member, phone: '+886 912-345-678' })).toEqual({ warning: null });
  });

  it('refuses a phone with words beside it, since which digits are the number is then a guess', () => {
    expect(() => checkSameCustomer(cart('山本 彩', '090-2222-3333（携帯）'), member)).toThrow(DriverError);
  });

  it('warns of another name with the same phone, naming both', () => {
    const { warning } = checkSameCustomer(cart('中村 葵', '(090) 2222-3333'), member);
    expect(String(warning)).toBe('カートの顧客名「中村 葵」が友だちの氏名「山本 彩」と異なります（電話番号は一致しています）');
    expect(warning).toMatchObject({ key: 'customerNameDiffers', params: ['中村 葵', '山本 彩'] });
  });

  it('refuses another phone as a business error that shows both sides as stored', () => {
    const refuse = () => checkSameCustomer(cart('山本 彩', '080-1111-2222'), member);
    expect(refuse).toThrow(DriverError);
    expect(refuse).toThrow('カートの顧客（山本 彩、電話番号 080-1111-2222）と友だち（山本 彩、電話番号 +81 90-2222-3333）の電話番号が一致しないため、受注していません');
    try {
      refuse();
    } catch (error) {
      expect(error).toMatchObject({ kind: 'business', code: 'customer_mismatch', reason: { key: 'customerPhoneMismatch', params: ['山本 彩', '080-1111-2222', '山本 彩', '+81 90-2222-3333'] } });
    }
  });

  it('refuses when either side has no phone, since nothing then says they are one person', () => {
    expect(() => checkSameCustomer(cart('山本 彩', ''), member)).toThrow('カートの顧客（山本 彩、電話番号 未登録）');
    expect(() => checkSameCustomer(cart('山本 彩', '090-2222-3333'), { name: null, displayName: 'あやりん', phone: null })).toThrow('友だち（あやりん、電話番号 未登録）');
    // The word for a missing phone is a message of its own, so each language says it.
    const refusal = (() => {
      try {
        checkSameCustomer(cart('山本 彩', ''), member);
      } catch (error) {
        return error as DriverError;
      }
      return null;
    })();
    expect(refusal?.reason).toMatchObject({ key: 'customerPhoneMismatch', params: ['山本 彩', { key: 'phoneMissing', params: [] }, '山本 彩', '+81 90-2222-3333'] });
  });
});
