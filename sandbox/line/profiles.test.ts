import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateProfiles, lineUserIdFor } from './profiles';
import { startLineSandbox, type LineSandbox } from './server';
import { callSandbox } from './testing';

let sandbox: LineSandbox;

beforeAll(async () => {
  sandbox = await startLineSandbox({ followerCount: 2_500 });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const hostile = '<img src=x onerror=alert(1)>';

describe('seeded followers', () => {
  it('are the same for the same seed and differ for another', () => {
    expect(generateProfiles(30, 'shop-a')).toEqual(generateProfiles(30, 'shop-a'));
    expect(generateProfiles(3, 'shop-a')[0]?.userId).not.toBe(generateProfiles(3, 'shop-b')[0]?.userId);
  });

  it('look like LINE users and include names that test escaping', () => {
    const profiles = generateProfiles(200);
    expect(new Set(profiles.map((profile) => profile.userId)).size).toBe(200);
    for (const profile of profiles) expect(profile.userId).toMatch(/^U[0-9a-f]{32}$/);
    const names = profiles.map((profile) => profile.displayName);
    expect(names).toContain(hostile);
    expect(names.some((name) => /[\u{1F300}-\u{1FAFF}]/u.test(name))).toBe(true);
    expect(names.some((name) => /[\uFF01-\uFF5E]/.test(name))).toBe(true);
  });

  it('gives stable ids for member seeds', () => {
    expect(lineUserIdFor('member-1')).toBe(lineUserIdFor('member-1'));
    expect(lineUserIdFor('member-1')).toMatch(/^U[0-9a-f]{32}$/);
  });
});

describe('GET /v2/bot/followers/ids', () => {
  it('pages through every follower, at most `limit` at a time', async () => {
    const seen: string[] = [];
    const sizes: number[] = [];
    let start: string | undefined;
    do {
      const query = new URLSearchParams({ limit: '1000', ...(start === undefined ? {} : { start }) });
      const answer = await callSandbox(sandbox, `/v2/bot/followers/ids?${query}`);
      expect(answer.status).toBe(200);
      const page = answer.body as { userIds: string[]; next?: string };
      sizes.push(page.userIds.length);
      seen.push(...page.userIds);
      start = page.next;
    } while (start !== undefined);
    expect(sizes).toEqual([1_000, 1_000, 500]);
    expect(seen).toEqual(sandbox.followerIds());
  });

  it('uses 300 as the default page size and refuses more than 1,000', async () => {
    const page = (await callSandbox(sandbox, '/v2/bot/followers/ids')).body as { userIds: string[]; next?: string };
    expect(page.userIds).toHaveLength(300);
    expect(page.next).toBeTruthy();
    for (const limit of ['1001', '0', 'ten']) {
      expect((await callSandbox(sandbox, `/v2/bot/followers/ids?limit=${limit}`)).status).toBe(400);
    }
    expect((await callSandbox(sandbox, '/v2/bot/followers/ids?start=forged')).status).toBe(400);
  });

  it('leaves out users who blocked the account', async () => {
    const blockedId = lineUserIdFor('blocked');
    sandbox.addProfiles([{ userId: blockedId, displayName: 'x', blocked: true }]);
    expect(sandbox.followerIds()).not.toContain(blockedId);
    expect((await callSandbox(sandbox, `/v2/bot/profile/${blockedId}`)).status).toBe(404);
  });
});

describe('profiles', () => {
  it('answers a seeded profile with only LINE fields', async () => {
    const [userId] = sandbox.followerIds();
    const answer = await callSandbox(sandbox, `/v2/bot/profile/${userId}`);
    expect(answer.status).toBe(200);
    const profile = answer.body as Record<string, unknown>;
    expect(profile.userId).toBe(userId);
    expect(Object.keys(profile).every((key) => ['userId', 'displayName', 'pictureUrl', 'statusMessage', 'language'].includes(key))).toBe(true);
  });

  it('answers 404 for an unknown user', async () => {
    const answer = await callSandbox(sandbox, `/v2/bot/profile/${lineUserIdFor('nobody')}`);
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ message: 'Not found' });
  });

  it('registers profiles over HTTP and returns names exactly as given', async () => {
    const members = [
      { userId: lineUserIdFor('m1'), displayName: hostile, language: 'ja' },
      { userId: lineUserIdFor('m2'), displayName: 'ＹＡＭＡＤＡ　花子🌸', pictureUrl: 'https://profile.line-scdn.net/0habc' },
      { userId: lineUserIdFor('m3'), displayName: '陳怡君 👩‍👧', statusMessage: '週末はカフェ' },
    ];
    const added = await callSandbox(sandbox, '/_sandbox/profiles', { body: { profiles: members } });
    expect(added.status).toBe(200);
    for (const member of members) {
      const answer = await callSandbox(sandbox, `/v2/bot/profile/${member.userId}`);
      expect(answer.body).toEqual(member);
    }
    expect(sandbox.followerIds().slice(-3)).toEqual(members.map((member) => member.userId));
  });

  it('refuses a profile whose id is not LINE-shaped', async () => {
    const answer = await callSandbox(sandbox, '/_sandbox/profiles', { body: [{ userId: 'member-1', displayName: 'x' }] });
    expect(answer.status).toBe(400);
  });
});
