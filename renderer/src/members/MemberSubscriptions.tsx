import { useTranslation } from 'react-i18next';
import { formatTokyoTime } from '../format';
import type { Member } from './member-types';

export function MemberSubscriptions({ member: m }: { member: Member }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const time = (iso: string | null) => (iso ? formatTokyoTime(iso, lng) : '');
  return (
    <section aria-labelledby="member-subscriptions" className="member-subscriptions">
      <h3 id="member-subscriptions">{t('memberPage.subscriptions.title')}</h3>
      {m.subscriptions.length === 0 ? (
        <p className="muted">{t('memberPage.subscriptions.none')}</p>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t('memberPage.subscriptions.product')}</th>
              <th scope="col">{t('memberPage.subscriptions.course')}</th>
              <th scope="col">{t('memberPage.subscriptions.status')}</th>
              <th scope="col">{t('memberPage.subscriptions.count')}</th>
              <th scope="col">{t('memberPage.subscriptions.startedAt')}</th>
              <th scope="col">{t('memberPage.subscriptions.nextShipAt')}</th>
              <th scope="col">{t('memberPage.subscriptions.stoppedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {m.subscriptions.map((s) => (
              <tr key={s.id} data-id={s.id}>
                <td>
                  {s.productName} <small className="muted">{s.productCode}</small>
                </td>
                <td>{s.courseName ?? ''}</td>
                <td className={`subscription-${s.status}`}>{t(`memberPage.subscriptionStatus.${s.status}`, { defaultValue: s.status })}</td>
                <td className="number">{s.continuationCount}</td>
                <td>{time(s.startedAt)}</td>
                <td>{time(s.nextShipAt)}</td>
                <td>{time(s.stoppedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
