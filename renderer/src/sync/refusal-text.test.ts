import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../electron/core/api/types';
import { catalogs } from '../i18n/catalogs';
import { entityName, opName, quarantineText, rejectionText } from './refusal-text';

const kana = /[\u3040-\u30ff]/;
/** Words of the parser's and the cloud's English that must stay in the detail, never in the sentence. */
const technical = /malformed change|refused by the database|unknown entity|unknown LOC request|loc_request|upsert|HTTP 400 invalid_request/;

beforeAll(async () => {
  await i18next.init({
    resources: Object.fromEntries(Object.entries(catalogs).map(([lng, catalog]) => [lng, { translation: catalog }])),
    lng: 'ja',
    fallbackLng: 'ja',
    interpolation: { escapeValue: false },
  });
});

const change = (cause: SyncStatus['quarantined'][number]['cause'], entity: string | null, reason: string): SyncStatus['quarantined'][number] => ({
  id: 1,
  seq: 42,
  entity,
  op: 'upsert',
  reason,
  cause,
  quarantinedAt: '2026-12-04T00:00:00Z',
});

const rejected = (code: string | null, reason: string): SyncStatus['rejected'][number] => ({
  opId: '7f8a2a9e-1c1b-4c5d-8e2f-0a1b2c3d4e5f',
  kind: 'loc.setStatus',
  reason,
  code,
  rejectedAt: '2026-12-04T00:00:00Z',
  subject: { requestId: 9, status: 'queued', memberId: null, memberName: null, tagId: null, tagName: null, entityId: null, entityName: null, period: null, count: null },
});

const changes = [
  change('malformed', null, 'malformed change: seq Invalid input'),
  change('unknown_entity', 'coupon', 'unknown entity "coupon"'),
  change('invalid', 'loc_request', 'invalid loc_request upsert: uid Invalid UUID'),
  change('refused', 'member_tag', 'member_tag upsert refused by the database: FOREIGN KEY constraint failed'),
  change(null, 'member', 'something a later parser says'),
];
const codes = ['unknown_kind', 'invalid_payload', 'invalid_request', 'not_found', 'leased_elsewhere', 'already_done', 'not_done', 'contradictory', 'name_taken', 'in_use', 'from_a_newer_cloud', null];

describe('a quarantined change on 同期状況', () => {
  it('says what happened and what to do in each language, naming the data in its words, never the parser\'s', () => {
    for (const lng of ['ja', 'en', 'zh-TW'] as const) {
      const t = i18next.getFixedT(lng);
      for (const c of changes) {
        const text = quarantineText(t, c);
        expect(text, `${lng} ${c.reason}`).not.toMatch(technical);
        expect(text.length, `${lng} ${c.reason}`).toBeGreaterThan(20);
        if (lng !== 'ja') expect(text, `${lng} ${c.reason}`).not.toMatch(kana);
      }
    }
    expect(quarantineText(i18next.getFixedT('en'), changes[2]!)).toMatch(/^The LOC request data from the cloud is not valid/);
    expect(quarantineText(i18next.getFixedT('ja'), changes[3]!)).toMatch(/^会員のタグの変更がこのワークステーションのデータと合わない/);
    expect(quarantineText(i18next.getFixedT('zh-TW'), changes[1]!)).toContain('請將 Tanto 更新至最新版');
  });

  it('names the entity and the operation in the viewer\'s language, and one it does not know as unknown', () => {
    expect(entityName(i18next.getFixedT('en'), 'crosssell_config')).toBe('Cross-sell setting');
    expect(entityName(i18next.getFixedT('zh-TW'), 'coupon')).toBe('不明');
    expect(entityName(i18next.getFixedT('ja'), null)).toBe('不明');
    expect(opName(i18next.getFixedT('en'), 'delete')).toBe('Deleted');
  });
});

describe('an operation the cloud refused', () => {
  it("says the cloud's code as a sentence in each language, and a code it does not know as a refusal in general", () => {
    for (const lng of ['ja', 'en', 'zh-TW'] as const) {
      const t = i18next.getFixedT(lng);
      const said = codes.map((code) => rejectionText(t, rejected(code, 'LOC request 9 is already done')));
      for (const text of said) {
        expect(text).not.toMatch(technical);
        expect(text).not.toMatch(/already done$/);
        if (lng !== 'ja') expect(text).not.toMatch(kana);
      }
      // Every known code has its own sentence; unknown and missing codes share the general one.
      expect(new Set(said.slice(0, 10)).size).toBe(10);
      expect(said[10]).toBe(said[11]);
    }
    expect(rejectionText(i18next.getFixedT('en'), rejected('leased_elsewhere', 'LOC request 9 is being worked by pc-a since …'))).toMatch(/^Another workstation's robot is working this request/);
  });

  it('says the HTTP status of an operation refused as a request when its code is not known', () => {
    expect(rejectionText(i18next.getFixedT('en'), rejected(null, 'HTTP 413: too large'))).toBe('The cloud would not accept this operation (HTTP 413)');
  });
});
