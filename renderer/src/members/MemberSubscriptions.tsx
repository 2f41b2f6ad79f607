import { useTranslation } from 'react-i18next';
import { ZoneLabel } from '../components/ShopTime';
import { formatDate } from '../format';
import type { Member } from './member-types';

export function MemberSubscriptions({ member: m }: { member: Member }) {
  const { t } = useTranslation();
  // Start, next shipment and stop are days, not moments: a date without its time.
  const day = (iso: string | null) => (iso ? formatDate(iso) : '');
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
              {/* The days are the shop's: the first of the three names its zone. */}
              <th scope="col">
                {t('memberPage.subscriptions.startedAt')} <ZoneLabel />
              </th>
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
                <td>{day(s.startedAt)}</td>
                <td>{day(s.nextShipAt)}</td>
                <td>{day(s.stoppedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
