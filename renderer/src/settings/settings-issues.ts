import { ApiCallError } from '../api/client';
import { issueIn } from '../components/field-issue';

/** Field messages keep their catalog key and values, so they follow a change of language (see field-issue.ts). */
export const fieldIssue = issueIn('settings.field');

interface CoreIssue {
  path: string;
  message: string;
  params?: { code?: string } & Record<string, unknown>;
}

/** The core's rules, by the code each issue carries, in the screen's words. */
function messageOf({ message, params }: CoreIssue): string {
  switch (params?.code) {
    case 'cloudUrlEmpty':
      return fieldIssue('required');
    case 'cloudUrlInvalid':
      return fieldIssue('url');
    case 'concurrencyRange':
      return fieldIssue('concurrency', { min: params.min, max: params.max });
    case 'locked':
      return fieldIssue('locked', { name: params.name });
    case 'cloudUrlTooLong':
    case 'workstationNameTooLong':
    case 'browserPathTooLong':
      return fieldIssue('tooLong', { max: params.max });
  }
  // A shape rule the screen checks itself can only arrive when the two disagree: the core's own words.
  return fieldIssue('core', { text: message });
}

/**
 * The core's validation details as messages on the fields they concern, by the argument's name.
 * `byField` words the rules that carry no code (a cart login's fields) by the field they are on.
 */
export function fieldIssuesOf(error: unknown, byField: Record<string, string> = {}): Record<string, string> {
  if (!(error instanceof ApiCallError) || error.kind !== 'invalid_argument' || !Array.isArray(error.details)) return {};
  const out: Record<string, string> = {};
  for (const detail of error.details as CoreIssue[]) {
    const field = detail.path.split('.')[0] || 'root';
    out[field] ??= detail.params?.code === undefined && byField[field] ? byField[field] : messageOf(detail);
  }
  return out;
}

/** What the screen checks before it asks the core: empty, not a web address, not an e-mail. */
export function checkUrl(value: string): string | undefined {
  const text = value.trim();
  if (text === '') return fieldIssue('required');
  try {
    const url = new URL(text);
    if ((url.protocol === 'https:' || url.protocol === 'http:') && url.hostname) return undefined;
  } catch {
    // Not a URL at all: said below like one with the wrong scheme.
  }
  return fieldIssue('url');
}

export function checkRequired(value: string): string | undefined {
  return value.trim() === '' ? fieldIssue('required') : undefined;
}

export function checkEmail(value: string): string | undefined {
  const text = value.trim();
  if (text === '') return fieldIssue('required');
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) ? undefined : fieldIssue('email');
}
