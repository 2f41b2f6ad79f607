import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogs } from '../i18n/catalogs';
import { copyNameFor } from './copy-name';

describe('copyNameFor', () => {
  const i18n = i18next.createInstance();
  beforeAll(async () => {
    await i18n.init({ lng: 'ja', resources: { ja: { translation: catalogs.ja }, en: { translation: catalogs.en } }, interpolation: { escapeValue: false } });
  });

  it('marks the copy, and numbers it past names already taken however they are written', () => {
    expect(copyNameFor(i18n.t, '化粧水', ['化粧水'])).toBe('化粧水 のコピー');
    expect(copyNameFor(i18n.t, '化粧水', ['化粧水', ' 化粧水 のコピー'])).toBe('化粧水 のコピー 2');
    expect(copyNameFor(i18n.t, 'Toner', ['Toner', 'ＴＯＮＥＲ のコピー', 'toner のコピー 2'])).toBe('Toner のコピー 3');
  });

  it('shortens a long source so the copy still fits in 100 characters', () => {
    const long = 'あ'.repeat(100);
    expect(copyNameFor(i18n.t, long, [long])).toBe(`${'あ'.repeat(95)} のコピー`);
    expect(copyNameFor(i18n.t, long, [long, `${'あ'.repeat(95)} のコピー`])).toBe(`${'あ'.repeat(93)} のコピー 2`);
  });

  it('words the mark in the screen language', async () => {
    await i18n.changeLanguage('en');
    expect(copyNameFor(i18n.t, 'Toner', ['Toner', 'Copy of toner'])).toBe('Copy 2 of Toner');
    await i18n.changeLanguage('ja');
  });
});
