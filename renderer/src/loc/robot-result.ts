import type { TFunction } from 'i18next';
import { reasonText, type ReasonData } from './reason-text';

/**
 * The replica keeps the cloud's robot result as its JSON ({ outcome, message, reason, reportedAt });
 * staff read the message, said from the catalogs when the result kept it as data (reason).
 * Anything that is not that JSON is shown as it is.
 */
function parsed(stored: string | null | undefined): Record<string, unknown> | null {
  if (!stored) return null;
  try {
    const result = JSON.parse(stored) as unknown;
    return result && typeof result === 'object' ? (result as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The outcome the robot reported (done, needs_manual, ...), or null when the stored result says none. */
export function robotResultOutcome(stored: string | null | undefined): string | null {
  const outcome = parsed(stored)?.outcome;
  return typeof outcome === 'string' ? outcome : null;
}

/** The message as the robot wrote it (Japanese). */
export function robotResultMessage(stored: string | null | undefined): string {
  if (!stored) return '';
  const result = parsed(stored);
  if (!result || !('message' in result)) return stored;
  return typeof result.message === 'string' ? result.message : '';
}

/** The message in the viewer's language; its written text for results reported before they kept it as data. */
export function robotResultText(t: TFunction, stored: string | null | undefined): string {
  const reason = parsed(stored)?.reason as ReasonData | null | undefined;
  return reasonText(t, reason ?? null, robotResultMessage(stored));
}
