import { ApiCallError } from '../api/client';
import { issueIn } from '../components/field-issue';

export const issue = issueIn('tagScreen.errors');

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
