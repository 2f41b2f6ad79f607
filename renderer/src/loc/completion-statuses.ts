import type { ArgsOf } from '../api/client';

export type CompletionStatus = ArgsOf<'loc.complete'>['completionStatus'];

/**
 * The four ways staff finish a request. The values are the cloud's own (Japanese) words; each
 * has a plain key so the catalogs can word it per language.
 */
const keys: Record<CompletionStatus, string> = {
  対応完了: 'handled',
  クロスセル受付: 'crosssellAccepted',
  受付断念: 'gaveUp',
  対応不可: 'notPossible',
};

/** In the order the form offers them: the usual outcome first. */
export const completionStatuses: ReadonlyArray<{ value: CompletionStatus; key: string }> = (Object.keys(keys) as CompletionStatus[]).map((value) => ({
  value,
  key: keys[value],
}));

/** The catalog key for a completion status as the cloud stores it; unknown values are shown as they are. */
export function completionStatusKey(value: string | null | undefined): string | undefined {
  return completionStatuses.find((s) => s.value === value)?.key;
}

/** The catalog key of one of the four statuses, for messages about what was just done. */
export function completionLabelKey(value: CompletionStatus): string {
  return `completed.status.${keys[value]}`;
}
