import { createInstance } from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import type { TantoBridge, UpdateNotice } from '../../../electron/core/api/types';
import { catalogs, languages } from '../i18n/catalogs';
import { parseUpdateNotice, subscribeUpdateNotices, updateMessage } from './update-notice';

const notice = (patch: Partial<UpdateNotice>): UpdateNotice => ({ phase: 'ready', version: '1.4.0', percent: 100, waitingFor: null, ...patch });

function translator(lng: string) {
  const i18n = createInstance();
  void i18n.init({ resources: { [lng]: { translation: catalogs[lng as keyof typeof catalogs] } }, lng, initAsync: false, interpolation: { escapeValue: false } });
  return (n: UpdateNotice) => {
    const message = updateMessage(n);
    return message ? i18n.t(message.key, message.values) : null;
  };
}

describe('the update notice in the top bar', () => {
  afterEach(() => {
    delete (globalThis as { tanto?: TantoBridge }).tanto;
  });

  it('says each state in Japanese', () => {
    const say = translator('ja');
    expect(say(notice({ phase: 'none' }))).toBeNull();
    expect(say(notice({ phase: 'available', percent: null }))).toBe('新しいバージョン 1.4.0 があります');
    expect(say(notice({ phase: 'downloading', percent: 37.6 }))).toBe('更新をダウンロード中（38%）');
    expect(say(notice({}))).toBe('更新の準備完了：作業の切れ目に入れ替えます');
    expect(say(notice({ waitingFor: 'robot' }))).toBe('更新の準備完了：ロボットの申請が終わったら入れ替えます');
    expect(say(notice({ waitingFor: 'sync' }))).toBe('更新の準備完了：クラウドへの送信後に入れ替えます');
    expect(say(notice({ waitingFor: 'session-end' }))).toBe('更新の準備完了：次の起動時に入れ替えます');
    expect(say(notice({ phase: 'installing' }))).toBe('更新中：まもなく再起動します');
  });

  it('has a message for every state in every language, with no key or state name showing', () => {
    const states: UpdateNotice[] = [
      notice({ phase: 'available' }),
      notice({ phase: 'downloading', percent: 5 }),
      ...([null, 'robot', 'sync', 'session-end'] as const).map((waitingFor) => notice({ waitingFor })),
      notice({ phase: 'installing' }),
    ];
    for (const lng of languages) {
      const say = translator(lng);
      const texts = states.map((n) => say(n) ?? '');
      expect(new Set(texts).size, lng).toBe(states.length);
      for (const text of texts) {
        expect(text, lng).not.toMatch(/update\.|session-end|waitingFor|\{\{/);
        expect(['available', 'downloading', 'ready', 'installing', 'robot', 'sync']).not.toContain(text);
      }
    }
  });

  it('reads only well-formed notices from the desktop app, and hears none in the headless shell', () => {
    expect(parseUpdateNotice('{"phase":"downloading","version":"1.4.0","percent":12,"waitingFor":null}')).toEqual(notice({ phase: 'downloading', percent: 12 }));
    expect(parseUpdateNotice('{"phase":"exploding"}')).toBeNull();
    expect(parseUpdateNotice('not json')).toBeNull();

    const heard: UpdateNotice[] = [];
    subscribeUpdateNotices((n) => heard.push(n))();
    let push: (text: string) => void = () => undefined;
    (globalThis as { tanto?: Partial<TantoBridge> }).tanto = {
      onUpdate: (listener) => {
        push = listener;
        return () => undefined;
      },
    };
    subscribeUpdateNotices((n) => heard.push(n));
    push('{"phase":"installing","version":"1.4.0","percent":100,"waitingFor":null}');
    push('{"phase":42}');
    expect(heard).toEqual([notice({ phase: 'installing' })]);
  });
});
