import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The sandbox's LINE friends. Seeded ones come from a deterministic generator; the demo adds
 * its members' ids and display names with `addProfiles`. Display names are untrusted input in
 * production, so the seed deliberately includes full-width, emoji and hostile strings.
 */
export interface SandboxProfile {
  userId: string;
  displayName: string;
  pictureUrl?: string;
  statusMessage?: string;
  language?: string;
  /** A user who blocked the account: push answers 200 but nothing arrives, profile is 404. */
  blocked: boolean;
}

export const LINE_USER_ID = /^U[0-9a-f]{32}$/;

export const profileInputSchema = z.object({
  userId: z.string().regex(LINE_USER_ID, 'must be U followed by 32 lowercase hex digits'),
  displayName: z.string().min(1),
  pictureUrl: z.url({ protocol: /^https$/ }).optional(),
  statusMessage: z.string().optional(),
  language: z.string().min(1).optional(),
  blocked: z.boolean().optional(),
});

export type SandboxProfileInput = z.input<typeof profileInputSchema>;

/** A stable LINE-shaped user id for any seed text, so the demo can give each member one. */
export function lineUserIdFor(seed: string): string {
  return `U${createHash('sha256').update(seed).digest('hex').slice(0, 32)}`;
}

const FAMILY_NAMES = ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺', '山本', '中村', '小林', '加藤'];
const GIVEN_NAMES = ['花子', '太郎', '美咲', '翔太', 'さくら', '健一', 'ゆい', '蓮', '陽菜', '大輔'];
const TAIWANESE_NAMES = ['陳怡君', '林志明', '黃雅婷', '張家豪', '李淑芬', '王建宏'];
const DECORATED_NAMES = [
  'Ａｏｉ　ＭＯＲＩ',
  'ﾀﾅｶ ﾕｷ',
  '🌸さくら🌸',
  '🍣すし好き🍣',
  '👨‍👩‍👧 山田家',
  'みか💅🏻',
  '𠮷野 家子',
  'Chen 小美 ✨',
];
const HOSTILE_NAMES = [
  '<img src=x onerror=alert(1)>',
  '<script>alert("x")</script>',
  "'; DROP TABLE members; --",
  '=HYPERLINK("http://example.invalid","x")',
  '{{constructor.constructor("alert(1)")()}}',
  '\u202Eevil\u202C name',
  '../../etc/passwd',
  '名前\u0000ヌル',
];
const STATUS_MESSAGES = ['よろしくお願いします', '毎日コツコツ', '今日も元気', '週末はカフェ巡り ☕'];
const LANGUAGES = ['ja', 'ja', 'ja', 'zh-TW', 'en'];

/** The same seed and count always give the same friends in the same order. */
export function generateProfiles(count: number, seed = 'tanto'): SandboxProfile[] {
  const profiles: SandboxProfile[] = [];
  for (let index = 0; index < count; index += 1) {
    const digest = createHash('sha256').update(`${seed}:${index}`).digest();
    const pick = <T>(list: readonly T[], byte: number): T => list[(digest[byte] ?? 0) % list.length] as T;
    const userId = `U${digest.toString('hex').slice(0, 32)}`;
    let displayName: string;
    if (index % 10 === 7) displayName = HOSTILE_NAMES[Math.floor(index / 10) % HOSTILE_NAMES.length] as string;
    else if (index % 10 === 3) displayName = pick(DECORATED_NAMES, 16);
    else if (index % 10 === 5) displayName = pick(TAIWANESE_NAMES, 16);
    else displayName = `${pick(FAMILY_NAMES, 16)} ${pick(GIVEN_NAMES, 17)}`;
    const profile: SandboxProfile = { userId, displayName, blocked: false };
    if ((digest[18] ?? 0) % 3 !== 0) profile.pictureUrl = `https://profile.line-scdn.net/0h${digest.toString('hex').slice(32, 56)}`;
    if ((digest[19] ?? 0) % 2 === 0) profile.statusMessage = pick(STATUS_MESSAGES, 20);
    if ((digest[21] ?? 0) % 5 !== 0) profile.language = pick(LANGUAGES, 22);
    profiles.push(profile);
  }
  return profiles;
}

export interface ProfileDirectory {
  get(userId: string): SandboxProfile | undefined;
  /** Adds or replaces profiles; a new friend goes to the end of the follower list, as on LINE. */
  add(inputs: readonly SandboxProfileInput[]): SandboxProfile[];
  /** Ids of everyone who follows the account (blocked users are left out), oldest first. */
  followerIds(): string[];
  size(): number;
  reset(): void;
}

export function createProfileDirectory(seeded: readonly SandboxProfile[]): ProfileDirectory {
  let byId = new Map<string, SandboxProfile>();
  const load = () => {
    byId = new Map(seeded.map((profile) => [profile.userId, { ...profile }]));
  };
  load();
  return {
    get: (userId) => byId.get(userId),
    add(inputs) {
      const parsed = inputs.map((input) => profileInputSchema.parse(input));
      return parsed.map((input) => {
        const profile: SandboxProfile = { ...input, blocked: input.blocked ?? false };
        byId.set(profile.userId, profile);
        return profile;
      });
    },
    followerIds: () => [...byId.values()].filter((profile) => !profile.blocked).map((profile) => profile.userId),
    size: () => byId.size,
    reset: load,
  };
}
