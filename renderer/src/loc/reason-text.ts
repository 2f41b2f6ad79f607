import type { TFunction } from 'i18next';
import { catalogs } from '../i18n/catalogs';
import { rejectionText } from '../sync/refusal-text';
import { completionStatusKey } from './completion-statuses';

/** A reason as the core keeps it: a message's name and its parameters (see electron/core/loc/reasons.ts). */
export interface ReasonData {
  key: string;
  params: ReadonlyArray<ReasonParamData>;
}
type ReasonParamData = string | number | ReasonData;

/** Parameters that are the cloud's own words for something the catalogs name, by message and position. */
const completionStatusParam: Record<string, number> = { completedByStaff: 0, completedByStaffWithNote: 0 };
/** The cloud's code for refusing a change, said as 同期状況 says it. */
const refusalCodeParam: Record<string, number> = { refusedByCloud: 2 };

/** Reasons that only join their parts, each language with its own punctuation: sentences one after another, items of a list. */
const joiners: Record<string, string> = { sentences: 'reasons.join.sentences', list: 'reasons.join.list' };

/**
 * Rows written before screens and rights were stored by code carry ecforce's Japanese name in
 * their place; the name is looked up among the Japanese catalog's to say it in the viewer's
 * language (定期受注管理 is how the subscription list was once named).
 */
const siteWordParam: Record<string, { index: number; group: 'ecforceScreen' | 'ecforceRight' }> = {
  timeout: { index: 0, group: 'ecforceScreen' },
  serverError: { index: 1, group: 'ecforceScreen' },
  requestRejected: { index: 0, group: 'ecforceScreen' },
  unexpectedPage: { index: 0, group: 'ecforceScreen' },
  network: { index: 0, group: 'ecforceScreen' },
  permissionDenied: { index: 0, group: 'ecforceRight' },
};
const olderNames: Record<string, string> = { 定期受注管理: 'ecforceScreen.subscriptionList' };

function siteWordKey(group: 'ecforceScreen' | 'ecforceRight', japanese: string): string | null {
  const names = (catalogs.ja.reasons as unknown as Record<string, Record<string, string>>)[group] ?? {};
  const code = Object.keys(names).find((c) => names[c] === japanese);
  if (code) return `${group}.${code}`;
  const older = olderNames[japanese];
  return group === 'ecforceScreen' && older ? older : null;
}

/** The Japanese a nested message was written with, kept beside its name, for when the catalogs do not know it. */
const writtenText = (param: ReasonData): string => {
  const text = (param as { text?: unknown }).text;
  return typeof text === 'string' ? text : '';
};

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
    const parts = reason.params.map((param) => (isReason(param) ? reasonText(t, param, writtenText(param)) : String(param)));
    if (parts.some((part) => part === '')) return text ?? '';
    return parts.join(t(joiners[reason.key]!));
  }
  if (!isReason(reason) || !t(`reasons.${reason.key}`, { defaultValue: '' })) return text ?? '';
  const values: Record<string, string> = {};
  const older = siteWordParam[reason.key];
  reason.params.forEach((param, i) => {
    const siteWord = older?.index === i && typeof param === 'string' ? siteWordKey(older.group, param) : null;
    if (isReason(param)) values[i] = reasonText(t, param, writtenText(param));
    else if (siteWord) values[i] = t(`reasons.${siteWord}`, { defaultValue: param });
    else if (refusalCodeParam[reason.key] === i) values[i] = rejectionText(t, { code: String(param), reason: null });
    else if (completionStatusParam[reason.key] === i) values[i] = t(`completed.status.${completionStatusKey(String(param)) ?? ''}`, { defaultValue: String(param) });
    else values[i] = String(param);
  });
  return t(`reasons.${reason.key}`, values);
}
