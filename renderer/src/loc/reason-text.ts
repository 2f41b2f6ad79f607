import type { TFunction } from 'i18next';
import { completionStatusKey } from './completion-statuses';

/** A reason as the core keeps it: a message's name and its parameters (see electron/core/loc/reasons.ts). */
export interface ReasonData {
  key: string;
  params: ReadonlyArray<ReasonParamData>;
}
type ReasonParamData = string | number | ReasonData;

/** Parameters that are the cloud's own words for something the catalogs name, by message and position. */
const completionStatusParam: Record<string, number> = { completedByStaff: 0, completedByStaffWithNote: 0 };

/** Reasons that only join their parts, each language with its own punctuation: sentences one after another, items of a list. */
const joiners: Record<string, string> = { sentences: 'reasons.join.sentences', list: 'reasons.join.list' };

function isReason(value: unknown): value is ReasonData {
  return typeof value === 'object' && value !== null && typeof (value as ReasonData).key === 'string' && Array.isArray((value as ReasonData).params);
}

/**
 * A reason in the viewer's language: from the catalogs (reasons.<name>) when it was kept as data
 * and the catalogs know it, else the text it was written with (older rows, reasons without a
 * name, words staff typed themselves).
 */
export function reasonText(t: TFunction, reason: ReasonData | null | undefined, text: string | null | undefined): string {
  if (isReason(reason) && Object.hasOwn(joiners, reason.key)) {
    // A joined whole is said from the catalogs only when every part of it is.
    const parts = reason.params.map((param) => (isReason(param) ? reasonText(t, param, '') : String(param)));
    if (parts.some((part) => part === '')) return text ?? '';
    return parts.join(t(joiners[reason.key]!));
  }
  if (!isReason(reason) || !t(`reasons.${reason.key}`, { defaultValue: '' })) return text ?? '';
  const values: Record<string, string> = {};
  reason.params.forEach((param, i) => {
    if (isReason(param)) values[i] = reasonText(t, param, '');
    else if (completionStatusParam[reason.key] === i) values[i] = t(`completed.status.${completionStatusKey(String(param)) ?? ''}`, { defaultValue: String(param) });
    else values[i] = String(param);
  });
  return t(`reasons.${reason.key}`, values);
}
