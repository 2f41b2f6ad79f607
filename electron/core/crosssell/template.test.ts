import { describe, expect, it } from 'vitest';
import { renderTemplate, templatePlaceholders, unknownPlaceholders } from './template';

const values = { customerName: '佐藤 花子', productName: '保湿化粧水 150mL' };

describe('renderTemplate', () => {
  it.each([
    ['{カート顧客名}様', '佐藤 花子様'],
    ['「{カート側商品名}」を承りました', '「保湿化粧水 150mL」を承りました'],
    ['{カート顧客名}様\n{カート側商品名}と{カート側商品名}', '佐藤 花子様\n保湿化粧水 150mLと保湿化粧水 150mL'],
    ['差し込みなし', '差し込みなし'],
    ['{申請ID} は置き換えない', '{申請ID} は置き換えない'],
    ['', ''],
  ])('%j → %j', (text, expected) => {
    expect(renderTemplate(text, values)).toBe(expected);
  });

  it('inserts values literally, even ones that look like replacement patterns', () => {
    expect(renderTemplate('{カート顧客名}様', { customerName: "$& $' $1", productName: '' })).toBe("$& $' $1様");
    expect(renderTemplate('{カート顧客名}', { customerName: '{カート側商品名}', productName: 'X' })).toBe('{カート側商品名}');
  });
});

describe('unknownPlaceholders', () => {
  it('exports exactly the two placeholders of the settings screen', () => {
    expect(templatePlaceholders).toEqual(['{カート顧客名}', '{カート側商品名}']);
  });

  it.each([
    ['{カート顧客名}様 {カート側商品名}', []],
    ['{顧客名}様', ['{顧客名}']],
    ['{申請ID} {申請ID} {name}', ['{申請ID}', '{name}']],
    ['全角 ｛カート顧客名｝ 様', ['｛カート顧客名｝']],
    ['半端 ｛カート顧客名} 様', ['｛カート顧客名}']],
    ['空 {} も', ['{}']],
    ['閉じない { だけ', []],
    ['改行をまたぐ {カート\n顧客名}', []],
  ])('%j → %j', (text, expected) => {
    expect(unknownPlaceholders(text)).toEqual(expected);
  });
});
