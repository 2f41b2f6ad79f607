import { describe, expect, it } from 'vitest';
import { BoundedMap, sameAddress, searchAddress, type LearnedSearch } from './screen-memory';

const orders: LearnedSearch = {
  action: 'https://shop.example/admin/orders',
  entries: [
    ['utf8', '✓'],
    ['q[number]', ''],
    ['q[customer_number]', '10000002'],
    ['q[memo_cont]', 'TANTO:1'],
    ['commit', '検索'],
  ],
  names: { 受注番号: 'q[number]', 顧客番号: 'q[customer_number]', 受注備考: 'q[memo_cont]' },
};

describe('a learnt search form', () => {
  it('makes the address the form would submit: its own fields kept, the filled ones with the new values', () => {
    const address = searchAddress(orders, { 受注番号: '', 顧客番号: '10000007', 受注備考: 'TANTO:2 &x' });
    expect(address).toBe('https://shop.example/admin/orders?utf8=%E2%9C%93&q%5Bnumber%5D=&q%5Bcustomer_number%5D=10000007&q%5Bmemo_cont%5D=TANTO%3A2+%26x&commit=%E6%A4%9C%E7%B4%A2');
    expect(new URL(address).searchParams.get('q[memo_cont]')).toBe('TANTO:2 &x');
  });

  it('leaves a filled field blank when no value is given', () => {
    expect(new URL(searchAddress(orders, { 顧客番号: '1' })).searchParams.get('q[memo_cont]')).toBe('');
  });

  it('compares addresses by path and fields, as browsers and URLSearchParams encode them', () => {
    expect(sameAddress('http://h/admin/orders?q%5Bnumber%5D=&x=a+b', 'http://h/admin/orders?q[number]=&x=a%20b')).toBe(true);
    expect(sameAddress('http://h/admin/orders?a=1&b=2', 'http://h/admin/orders?b=2&a=1')).toBe(false);
    expect(sameAddress('http://h/admin/orders?a=1', 'http://h/admin/subs_orders?a=1')).toBe(false);
  });
});

describe('BoundedMap', () => {
  it('forgets the entries set longest ago once full', () => {
    const map = new BoundedMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3);
    map.set('c', 4);
    expect([map.get('a'), map.get('b'), map.get('c')]).toEqual([3, undefined, 4]);
  });
});
