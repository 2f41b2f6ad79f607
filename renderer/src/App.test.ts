import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { App } from './App';
import { createApiClient } from './api/client';
import { ApiProvider } from './api/context';
import type { Transport } from './api/transport';
import { MissingToken } from './components/MissingToken';
import { setupI18n } from './i18n';

const idle: Transport = {
  call: () => new Promise(() => {}),
  subscribe: () => () => {},
  onConnectionChange: () => () => {},
  close: () => {},
};

describe('renderer shell', () => {
  const i18n = setupI18n();

  it('opens on the LOC dashboard in Japanese, with the other screens in the navigation', () => {
    const html = renderToString(createElement(ApiProvider, { value: createApiClient(idle) }, createElement(App)));
    expect(i18n.language).toBe('ja');
    expect(html).toContain('LOCダッシュボード');
    expect(html).toContain('ロボットコンソール');
    for (const screen of ['完了したLOC申請', 'クロスセル設定', '会員', '同期状況', 'スタッフ']) expect(html).toContain(screen);
    expect(html).toContain('日本語');
  });

  it('switches language', async () => {
    await i18n.changeLanguage('zh-TW');
    try {
      expect(renderToString(createElement(MissingToken))).toContain('缺少存取權杖');
    } finally {
      await i18n.changeLanguage('ja');
    }
  });
});
