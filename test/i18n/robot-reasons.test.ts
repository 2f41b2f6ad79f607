import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open';
import { loadCrosssellJob } from '../../electron/core/flows/crosssell/job';
import { sendOnce } from '../../electron/core/robot/message-once';
import { RobotError } from '../../electron/core/robot/robot-error';
import { catalogs } from '../../renderer/src/i18n/catalogs';
import { reasonText } from '../../renderer/src/loc/reason-text';

/**
 * The robot's own reasons for handing a request to a person are kept by name with their
 * parameters, not as Japanese sentences alone, so the screens say them in the viewer's language.
 */
const kana = /[\u3040-\u30ff]/;
const cjk = /[\u3000-\u9fff\uff00-\uffef]/;

beforeAll(async () => {
  await i18next.init({
    resources: Object.fromEntries(Object.entries(catalogs).map(([lng, catalog]) => [lng, { translation: catalog }])),
    lng: 'ja',
    fallbackLng: 'ja',
    interpolation: { escapeValue: false },
  });
});

async function thrown(run: () => unknown): Promise<RobotError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof RobotError) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

function saidInEveryLanguage(error: RobotError): Record<string, string> {
  expect(error.reason).not.toBeNull();
  const said = Object.fromEntries(['ja', 'en', 'zh-TW'].map((lng) => [lng, reasonText(i18next.getFixedT(lng), error.reason, error.message)]));
  expect(said.ja).toBe(error.message);
  expect(said.en).not.toMatch(cjk);
  expect(said['zh-TW']).not.toMatch(kana);
  return said;
}

const request = { id: 9, uid: 'u-9', kind: 'crosssell', memberId: 1, requestedAt: '2026-12-01T00:00:00Z', generation: 1 };

describe("the robot's own reasons", () => {
  it('a LINE message whose send began more than a day ago and never finished: when it began, in Japan time', async () => {
    const error = await thrown(() =>
      sendOnce(null, request, { resumed: true, earlier: [{ state: 'started', startedAt: '2026-12-03T01:05:00.000Z', generation: 1, detail: null } as never] }, {
        purpose: 'done',
        to: 'U1',
        messages: [{ type: 'text', text: 'x' }],
        now: new Date('2026-12-04T02:00:00.000Z'),
      }),
    );
    expect(error.reason).toEqual({ key: 'lineSendUnknown', params: ['2026/12/03 10:05'] });
    expect(saidInEveryLanguage(error).en).toContain('began at 2026/12/03 10:05 (Japan time)');
  });

  it('a request the replica no longer has', async () => {
    const db = openDatabase(':memory:', { quickCheck: false });
    const error = await thrown(() => loadCrosssellJob(db, request));
    expect(error.reason).toEqual({ key: 'requestMissingLocally', params: [9] });
    expect(saidInEveryLanguage(error).en).toBe("LOC request 9 is not in this workstation's data");
    db.close();
  });
});
