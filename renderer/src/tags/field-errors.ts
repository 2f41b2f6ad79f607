import type { TFunction } from 'i18next';
import { ApiCallError } from '../api/client';

/**
 * A field's error is kept as a catalog key plus the values it names, not as finished words, so
 * it follows a change of language while it is on screen. react-hook-form stores only a string
 * message, so the two travel together as `key|json`.
 */
export function issue(name: string, params?: Record<string, unknown>): string {
  const key = `tagScreen.errors.${name}`;
  return params ? `${key}|${JSON.stringify(params)}` : key;
}

export function issueText(t: TFunction, message: string | undefined): string | undefined {
  if (!message) return undefined;
  const bar = message.indexOf('|');
  if (bar < 0) return t(message);
  return t(message.slice(0, bar), JSON.parse(message.slice(bar + 1)) as Record<string, unknown>);
}

interface CoreIssue {
  path: string;
  message: string;
}

/** The core's validation details of an invalid_argument refusal; none for any other error. */
export function coreIssuesOf(error: unknown): CoreIssue[] {
  if (!(error instanceof ApiCallError) || error.kind !== 'invalid_argument' || !Array.isArray(error.details)) return [];
  return error.details as CoreIssue[];
}

/**
 * An unknown tag is worded from the catalog (the core names it `タグ 12` or `トリガータグ 12`); a
 * shape rule the screen already checks can only arrive if the two disagree, and keeps the core's
 * own words.
 */
export function coreIssueMessage({ path, message }: CoreIssue): string {
  const unknownTag = /^(?:タグ|トリガータグ) (\d+)$/.exec(message);
  if (unknownTag && (path === 'tagId' || path.endsWith('.tagId'))) return issue('unknownTag', { tagId: Number(unknownTag[1]) });
  return issue('core', { text: message });
}

/** The rules that would fight, as save refuses them (details.fights) and preview reports them (cycles). */
export interface Fight {
  ruleIds: Array<number | null>;
  ruleNames: string[];
  tagId: number;
}

export function fightsOf(error: unknown): Fight[] {
  if (!(error instanceof ApiCallError) || error.kind !== 'conflict') return [];
  const details = error.details as { fights?: Fight[] } | undefined;
  return Array.isArray(details?.fights) ? details.fights : [];
}
