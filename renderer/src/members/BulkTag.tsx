import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../api/client';
import { ApiCallError } from '../api/client';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import { isolated } from '../components/OutsideText';
import { TagOptions } from '../components/TagOptions';
import { formatCount } from '../format';
import { staffArg, useStaffName } from '../loc/use-staff-name';
import { useTags } from './use-tags';

/** The members.search filters whose members the change applies to. */
export interface BulkSearch {
  query?: string | undefined;
  tags?: { all?: number[]; any?: number[]; none?: number[] } | undefined;
}

type Action = 'add' | 'remove';
type Outcome = ResultOf<'members.bulkTag'>;

/**
 * Adds or removes one tag on every member the search finds: a dry run first says how many would
 * change, and only the confirmation queues the changes (one per member, sent to the cloud by sync).
 */
export function BulkTag({ search }: { search: BulkSearch }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const api = useApi();
  const queryClient = useQueryClient();
  const tags = useTags();
  const [staff, setStaff] = useStaffName();
  const [tagId, setTagId] = useState('');
  const [action, setAction] = useState<Action>('add');
  // What the dry run and the confirmation are about; a change to any of it asks again.
  const request = { ...search, tagId: Number(tagId), action };
  const requestKey = JSON.stringify(request);

  const dryRun = useMutation({
    mutationFn: (key: string) => api.call('members.bulkTag', { ...(JSON.parse(key) as typeof request), dryRun: true }).then((result) => ({ key, result })),
  });
  const apply = useMutation({
    mutationFn: (key: string) => api.call('members.bulkTag', { ...(JSON.parse(key) as typeof request), ...staffArg(staff) }).then((result) => ({ key, result })),
    onSuccess: () => {
      dryRun.reset();
      void queryClient.invalidateQueries({ queryKey: ['members.search'] });
      void queryClient.invalidateQueries({ queryKey: ['members.get'] });
    },
  });
  // A count answers one search, tag and change; once any of them changes it must be asked for again.
  const resetCount = dryRun.reset;
  useEffect(() => resetCount(), [requestKey, resetCount]);
  const counted = dryRun.data?.key === requestKey ? dryRun.data.result : undefined;
  const done = apply.data?.key === requestKey ? apply.data.result : undefined;
  const tagName = tags.data?.find((tag) => tag.id === Number(tagId))?.name ?? '';
  const tooMany = tooManyOf(dryRun.error) ?? tooManyOf(apply.error);

  return (
    <section className="member-bulk-tag" aria-labelledby="member-bulk-title">
      <h3 id="member-bulk-title">{t('memberPage.bulk.title')}</h3>
      <p className="help">{t('memberPage.bulk.help')}</p>
      <form
        className="member-bulk-form"
        onSubmit={(e) => {
          e.preventDefault();
          apply.reset();
          if (tagId) dryRun.mutate(requestKey);
        }}
      >
        <label>
          <span>{t('memberPage.bulk.tag')}</span>
          <select name="bulk-tag" value={tagId} onChange={(e) => setTagId(e.target.value)}>
            <option value="">{t('memberPage.bulk.chooseTag')}</option>
            <TagOptions tags={tags.data ?? []} />
          </select>
        </label>
        <fieldset>
          <legend>{t('memberPage.bulk.action')}</legend>
          {(['add', 'remove'] as const).map((a) => (
            <label key={a} className="inline">
              <input type="radio" name="bulk-action" value={a} checked={action === a} onChange={() => setAction(a)} />
              {t(`memberPage.bulk.${a}`)}
            </label>
          ))}
        </fieldset>
        <label>
          <span>{t('memberPage.bulk.staff')}</span>
          <input name="bulk-staff" value={staff} maxLength={100} onChange={(e) => setStaff(e.target.value)} />
        </label>
        <button type="submit" disabled={!tagId || dryRun.isPending}>
          {dryRun.isPending ? t('memberPage.bulk.counting') : t('memberPage.bulk.count')}
        </button>
      </form>

      {counted && !done && (
        <div className="confirm" role="alertdialog" aria-labelledby="member-bulk-confirm-text" aria-modal="false" data-testid="member-bulk-confirm">
          <p id="member-bulk-confirm-text" data-changed={counted.changed} data-matched={counted.matched}>
            {t(`memberPage.bulk.confirm.${action}`, {
              matched: formatCount(counted.matched, lng),
              changed: formatCount(counted.changed, lng),
              unchanged: formatCount(counted.unchanged, lng),
              tag: isolated(tagName),
            })}
          </p>
          <div className="actions">
            <button type="button" className="primary" disabled={counted.changed === 0 || apply.isPending} onClick={() => apply.mutate(requestKey)}>
              {t(`memberPage.bulk.run.${action}`, { count: formatCount(counted.changed, lng) })}
            </button>
            <button type="button" onClick={() => dryRun.reset()}>
              {t('memberPage.bulk.cancel')}
            </button>
          </div>
        </div>
      )}
      {done && <BulkDone outcome={done} action={action} tag={tagName} />}
      {tooMany ? (
        <p className="error" role="alert" data-testid="member-bulk-too-many">
          {t('memberPage.bulk.tooMany', { matched: formatCount(tooMany.matched, lng), limit: formatCount(tooMany.limit, lng) })}
        </p>
      ) : (
        <ErrorMessage error={dryRun.error ?? apply.error} />
      )}
    </section>
  );
}

function BulkDone({ outcome, action, tag }: { outcome: Outcome; action: Action; tag: string }) {
  const { t, i18n } = useTranslation();
  return (
    <p className="notice" role="status" data-testid="member-bulk-done" data-changed={outcome.changed}>
      {t(`memberPage.bulk.done.${action}`, { changed: formatCount(outcome.changed, i18n.language), tag: isolated(tag) })}
    </p>
  );
}

/** The core refuses a search larger than one bulk change may touch, saying how large it was. */
function tooManyOf(error: unknown): { matched: number; limit: number } | undefined {
  if (!(error instanceof ApiCallError) || error.kind !== 'invalid_argument') return undefined;
  const details = error.details as { matched?: unknown; limit?: unknown } | undefined;
  return typeof details?.matched === 'number' && typeof details.limit === 'number' ? { matched: details.matched, limit: details.limit } : undefined;
}
