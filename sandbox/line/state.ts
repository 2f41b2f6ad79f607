import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock } from '../../electron/core/clock';
import { createFaults, type Faults } from '../shared/faults';
import { createProfileDirectory, generateProfiles, type ProfileDirectory } from './profiles';
import { createSlidingWindowLimiter, type RateLimiter } from './rate-limit';
import { createRecorder, type Recorder } from './recorder';
import { createRetryKeyStore, type RetryKeyStore } from './retry-keys';
import { createSandboxClock, type SandboxClock } from '../shared/clock';

export interface LineSandboxOptions {
  /** 0 (the default) lets the system pick a free port. */
  port?: number;
  /** The channel access token the sandbox accepts; a random one when not given. */
  channelToken?: string;
  /** Base clock; the sandbox adds its own forward offset to it. */
  clock?: Clock;
  /** Requests per second across the API before 429; null for no limit. LINE's push limit is 2,000. */
  rateLimitPerSecond?: number | null;
  /** How many deterministic followers to seed. */
  followerCount?: number;
  followerSeed?: string;
  /** Random source for injected faults, so a test can make them exact. */
  random?: () => number;
}

export interface LineSandboxState {
  channelToken: string;
  clock: SandboxClock;
  faults: Faults;
  limiter: RateLimiter;
  profiles: ProfileDirectory;
  retryKeys: RetryKeyStore;
  recorder: Recorder;
  replyTokens: Map<string, string>;
  /** Pushes still to be delivered and then answered with a dropped connection. */
  dropResponsesAfterDelivery: number;
  nextMessageId(): string;
  /** How many message ids were handed out, so a kept sandbox goes on after them and never repeats one. */
  messageCount(): bigint;
  continueMessageIdsAfter(count: bigint): void;
  reset(): void;
}

export const DEFAULT_RATE_LIMIT_PER_SECOND = 2_000;
export const DEFAULT_FOLLOWER_COUNT = 50;

// LINE message ids are decimal strings of about 18 digits.
const FIRST_MESSAGE_ID = 500_000_000_000_000_000n;

export function createLineSandboxState(options: LineSandboxOptions = {}): LineSandboxState {
  const initialRate =
    options.rateLimitPerSecond === undefined ? DEFAULT_RATE_LIMIT_PER_SECOND : options.rateLimitPerSecond;
  const seeded = generateProfiles(options.followerCount ?? DEFAULT_FOLLOWER_COUNT, options.followerSeed);
  let messageCounter = 0n;
  const state: LineSandboxState = {
    channelToken: options.channelToken ?? randomBytes(32).toString('base64url'),
    clock: createSandboxClock(options.clock),
    faults: createFaults(options.random),
    limiter: createSlidingWindowLimiter(initialRate),
    profiles: createProfileDirectory(seeded),
    retryKeys: createRetryKeyStore(),
    recorder: createRecorder(),
    replyTokens: new Map(),
    dropResponsesAfterDelivery: 0,
    nextMessageId() {
      messageCounter += 1n;
      return (FIRST_MESSAGE_ID + messageCounter).toString();
    },
    messageCount: () => messageCounter,
    continueMessageIdsAfter(count) {
      if (count > messageCounter) messageCounter = count;
    },
    reset() {
      state.clock.reset();
      state.faults.reset();
      state.limiter.setLimit(initialRate);
      state.limiter.reset();
      state.profiles.reset();
      state.retryKeys.clear();
      state.recorder.reset();
      state.replyTokens.clear();
      state.dropResponsesAfterDelivery = 0;
    },
  };
  return state;
}

export function newRequestId(): string {
  return randomUUID();
}

export function newReplyToken(): string {
  return randomBytes(16).toString('hex');
}

export function newQuoteToken(): string {
  return randomBytes(24).toString('base64url');
}
