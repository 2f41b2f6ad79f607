import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeSourceDetail } from './source-detail';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import { OutsideText } from '../components/OutsideText';
import { TagOptions } from '../components/TagOptions';
import { formatTokyoTime } from '../format';
import { useStaffName } from '../loc/use-staff-name';
import type { Member } from './member-types';
import { tagsWithPending } from './tag-overlay';
import { useTags } from './use-tags';
import { ZoneLabel } from '../components/ShopTime';
import { rejectionText } from '../sync/refusal-text';
import { TechnicalDetail } from '../sync/TechnicalDetail';

/** The member's tags with changes not yet confirmed by the cloud, and adding or removing one by hand. */
export function MemberTags({ member: m }: { member: Member }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const api = useApi();
  const queryClient = useQueryClient();
  const allTags = useTags();
  const [staff, setStaff] = useStaffName();
  const [picked, setPicked] = useState('');
  const shown = tagsWithPending(m);
  const rejected = m.pendingTagChanges.filter((c) => c.state === 'rejected');

  const change = useMutation({
    mutationFn: ({ action, tagId }: { action: 'add' | 'remove'; tagId: number }) =>
      api.call(action === 'add' ? 'members.addTag' : 'members.removeTag', { memberId: m.id, tagId, staff: staff.trim() || undefined }),
    onSuccess: (_result, { action }) => {
      if (action === 'add') setPicked('');
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: ['members.get', m.id] });
      void queryClient.invalidateQueries({ queryKey: ['members.search'] });
    },
  });

  const present = new Set(shown.filter((s) => s.state !== 'removing').map((s) => s.tagId));
  const choices = (allTags.data ?? []).filter((tag) => !present.has(tag.id));

  return (
    <section aria-labelledby="member-tags" className="member-tags">
      <h3 id="member-tags">
        {t('memberPage.tags.title')} {shown.some((tag) => tag.setAt) && <ZoneLabel />}
      </h3>
      {shown.length === 0 && <p className="muted">{t('memberPage.tags.none')}</p>}
      <ul className="member-tag-list">
        {shown.map((tag) => (
          <li key={tag.tagId} data-tag-id={tag.tagId} data-state={tag.state} className={`member-tag member-tag-${tag.state}`}>
            <OutsideText text={tag.name} className="member-tag-name" />
            <small className="muted">
              {tag.source && t(`memberPage.source.${tag.source}`, { defaultValue: tag.source })}
              {tag.sourceDetail && ` (${describeSourceDetail(tag.sourceDetail, t)})`}
              {tag.setAt && ` · ${formatTokyoTime(tag.setAt, lng)}`}
            </small>
            {tag.state === 'adding' && <span className="pending-badge">{t('memberPage.tags.pendingAdd')}</span>}
            {tag.state === 'removing' && <span className="pending-badge">{t('memberPage.tags.pendingRemove')}</span>}
            {tag.state === 'set' && (
              <button
                type="button"
                aria-label={t('memberPage.tags.removeNamed', { name: tag.name })}
                disabled={change.isPending}
                onClick={() => change.mutate({ action: 'remove', tagId: tag.tagId })}
              >
                {t('memberPage.tags.remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {rejected.length > 0 && (
        <ul className="member-tag-rejected">
          {rejected.map((r) => (
            <li key={r.opId} className="error">
              {t(`memberPage.action.${r.action}`)} {r.name ?? `#${r.tagId}`}: {rejectionText(t, r)}
              {r.reason && <TechnicalDetail text={r.reason} />}
            </li>
          ))}
        </ul>
      )}
      <form
        className="member-tag-picker"
        onSubmit={(e) => {
          e.preventDefault();
          if (picked) change.mutate({ action: 'add', tagId: Number(picked) });
        }}
      >
        <label>
          <span>{t('memberPage.tags.picker')}</span>
          <select name="tag-to-add" value={picked} onChange={(e) => setPicked(e.target.value)}>
            <option value="">{t('memberPage.tags.choose')}</option>
            <TagOptions tags={choices} />
          </select>
        </label>
        <label>
          <span>{t('memberPage.tags.staff')}</span>
          <input name="staff" value={staff} maxLength={100} onChange={(e) => setStaff(e.target.value)} />
        </label>
        <button type="submit" className="primary" disabled={!picked || change.isPending}>
          {t('memberPage.tags.add')}
        </button>
      </form>
      <ErrorMessage error={change.error} />
    </section>
  );
}
