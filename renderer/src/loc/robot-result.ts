/**
 * The replica keeps the cloud's robot result as its JSON ({ outcome, message, reportedAt });
 * staff read the message. Anything that is not that JSON is shown as it is.
 */
/** The outcome the robot reported (done, needs_manual, ...), or null when the stored result says none. */
export function robotResultOutcome(stored: string | null | undefined): string | null {
  if (!stored) return null;
  try {
    const outcome = (JSON.parse(stored) as { outcome?: unknown } | null)?.outcome;
    return typeof outcome === 'string' ? outcome : null;
  } catch {
    return null;
  }
}

export function robotResultMessage(stored: string | null | undefined): string {
  if (!stored) return '';
  try {
    const result = JSON.parse(stored) as unknown;
    if (result && typeof result === 'object' && 'message' in result) {
      const message = (result as { message: unknown }).message;
      return typeof message === 'string' ? message : '';
    }
    return stored;
  } catch {
    return stored;
  }
}
