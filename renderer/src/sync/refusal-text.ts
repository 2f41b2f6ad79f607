import type { TFunction } from 'i18next';
import type { SyncStatus } from '../../../electron/core/api/types';

type QuarantinedChange = SyncStatus['quarantined'][number];
type RejectedOperation = SyncStatus['rejected'][number];

/** The replica's entities by name, as the catalogs say them; an entity this version does not know is said as unknown. */
export function entityName(t: TFunction, entity: string | null): string {
  return entity ? t(`syncScreen.entity.${entity}`, { defaultValue: t('syncScreen.quarantined.unknown') }) : t('syncScreen.quarantined.unknown');
}

export function opName(t: TFunction, op: string | null): string {
  return op ? t(`syncScreen.op.${op}`, { defaultValue: t('syncScreen.quarantined.unknown') }) : t('syncScreen.quarantined.unknown');
}

/** What happened to a quarantined change and what to do, in the viewer's language; the parser's words are its detail. */
export function quarantineText(t: TFunction, change: QuarantinedChange): string {
  const entity = entityName(t, change.entity);
  return change.cause ? t(`syncScreen.quarantined.why.${change.cause}`, { entity }) : t('syncScreen.quarantined.why.other', { entity });
}

/** Refusals by the cloud's code; the HTTP status of a refused request is said when the code is not one of these. */
const knownCodes = new Set(['unknown_kind', 'invalid_payload', 'invalid_request', 'not_found', 'leased_elsewhere', 'already_done', 'not_done', 'contradictory', 'name_taken', 'in_use']);

const httpStatus = (reason: string) => /^HTTP (\d{3})\b/.exec(reason)?.[1] ?? null;

/**
 * What the cloud's refusal means and what to do, in the viewer's language; the cloud's words are its
 * detail. The same for an operation on 同期状況 and a refused tag change on the member page.
 */
export function rejectionText(t: TFunction, op: Pick<RejectedOperation, 'code'> & { reason: string | null }): string {
  if (op.code && knownCodes.has(op.code)) return t(`syncScreen.rejected.why.${op.code}`);
  const status = httpStatus(op.reason ?? '');
  return status ? t('syncScreen.rejected.refusedRequest', { status }) : t('syncScreen.rejected.why.other');
}
