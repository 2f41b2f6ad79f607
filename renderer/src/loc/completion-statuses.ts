import type { ArgsOf } from '../api/client';

export type CompletionStatus = ArgsOf<'loc.complete'>['completionStatus'];

/**
 * The four ways staff finish a request. The values are the cloud's own (Japanese) words; each
 * has a plain key so the catalogs can word it per language.
 */
export const completionStatuses: ReadonlyArray<{ value: CompletionStatus; key: string }> = [
  { value: '対応完了', key: 'handled' },
  { value: 'クロスセル受付', key: 'crosssellAccepted' },
  { value: '受付断念', key: 'gaveUp' },
  { value: '対応不可', key: 'notPossible' },
];

/** The catalog key for a completion status as the cloud stores it; unknown values are shown as they are. */
export function completionStatusKey(value: string | null | undefined): string | undefined {
  return completionStatuses.find((s) => s.value === value)?.key;
}
