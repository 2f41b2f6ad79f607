import { useTranslation } from 'react-i18next';
import { describeSourceDetail } from './source-detail';
import { formatTokyoTime } from '../format';
import { OutsideText } from '../components/OutsideText';
import type { Member } from './member-types';
import { ZoneLabel } from '../components/ShopTime';
import { rejectionText } from '../sync/refusal-text';
import { TechnicalDetail } from '../sync/TechnicalDetail';

/** Who changed which tag and when; changes still in the outbox head the list, marked as such. */
export function TagHistory({ member: m }: { member: Member }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const pending = [...m.pendingTagChanges].reverse();
  const source = (s: string) => t(`memberPage.source.${s}`, { defaultValue: s });
  const tagName = (tagId: number, name: string | null) => name ?? t('memberPage.history.unknownTag', { id: tagId });
  return (
    <section aria-labelledby="member-tag-history" className="member-tag-history">
      <h3 id="member-tag-history">{t('memberPage.history.title')}</h3>
      {m.tagHistory.length === 0 && pending.length === 0 ? (
        <p className="muted">{t('memberPage.history.none')}</p>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">
                {t('memberPage.history.at')} <ZoneLabel />
              </th>
              <th scope="col">{t('memberPage.history.tag')}</th>
              <th scope="col">{t('memberPage.history.action')}</th>
              <th scope="col">{t('memberPage.history.source')}</th>
              <th scope="col">{t('memberPage.history.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {pending.map((c) => (
              <tr key={c.opId} data-state={c.state} className={`history-${c.state}`}>
                <td>{c.state === 'pending' ? t('memberPage.history.pending') : t('memberPage.history.rejected')}</td>
                <td>
                  <OutsideText text={tagName(c.tagId, c.name)} />
                </td>
                <td data-action={c.action}>{t(`memberPage.action.${c.action}`)}</td>
                <td data-source={c.source}>{source(c.source)}</td>
                <td>
                  {c.state === 'rejected' ? (
                    <>
                      {rejectionText(t, c)}
                      {c.reason && <TechnicalDetail text={c.reason} />}
                    </>
                  ) : (
                    describeSourceDetail(c.sourceDetail, t)
                  )}
                </td>
              </tr>
            ))}
            {m.tagHistory.map((h, i) => (
              <tr key={i} data-state="confirmed">
                <td>{formatTokyoTime(h.at, lng)}</td>
                <td>
                  <OutsideText text={tagName(h.tagId, h.name)} />
                </td>
                <td data-action={h.action}>{t(`memberPage.action.${h.action}`, { defaultValue: h.action })}</td>
                <td data-source={h.source}>{source(h.source)}</td>
                <td>{describeSourceDetail(h.sourceDetail, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
