import type { TFunction } from 'i18next';

/**
 * A field's error is kept as a catalog key plus the values it names, not as finished words, so
 * it follows a change of language while it is on screen. react-hook-form stores only a string
 * message, so the two travel together as `key|json`. Each screen words its errors from its own
 * catalog group.
 */
export function issueIn(group: string): (name: string, params?: Record<string, unknown>) => string {
  return (name, params) => {
    const key = `${group}.${name}`;
    return params ? `${key}|${JSON.stringify(params)}` : key;
  };
}

export function issueText(t: TFunction, message: string | undefined): string | undefined {
  if (!message) return undefined;
  const bar = message.indexOf('|');
  if (bar < 0) return t(message);
  return t(message.slice(0, bar), JSON.parse(message.slice(bar + 1)) as Record<string, unknown>);
}
