import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../api/client';
import { OutsideText } from '../components/OutsideText';

type Detail = ResultOf<'loc.get'>;

/** Who asked, with their cart customers. */
export function MemberSection({ detail: d }: { detail: Detail }) {
  const { t } = useTranslation();
  return (
    <section>
      <h3>{t('detail.member')}</h3>
      <dl className="facts">
        <dt>{t('detail.lineName')}</dt>
        <dd>
          <OutsideText text={d.member.displayName} />
        </dd>
        <dt>{t('detail.name')}</dt>
        <dd>
          <OutsideText text={d.member.name} />
        </dd>
        <dt>{t('detail.phone')}</dt>
        <dd>{d.member.phone ?? ''}</dd>
        <dt>{t('detail.email')}</dt>
        <dd>
          <OutsideText text={d.member.email} />
        </dd>
      </dl>
      <h3>{t('detail.cartCustomers')}</h3>
      {d.cartCustomers.length === 0 ? (
        <p className="muted">{t('detail.noCartCustomers')}</p>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t('detail.cart')}</th>
              <th scope="col">{t('detail.customerNumber')}</th>
              <th scope="col">{t('detail.name')}</th>
            </tr>
          </thead>
          <tbody>
            {d.cartCustomers.map((c) => (
              <tr key={c.id}>
                <td>{c.cart}</td>
                <td>{c.customerNumber}</td>
                <td>
                  <OutsideText text={c.name} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The cross-sell config the request names. */
export function ConfigSection({ detail: d }: { detail: Detail }) {
  const { t } = useTranslation();
  const c = d.crosssellConfig;
  return (
    <section>
      <h3>{t('detail.config')}</h3>
      {c ? (
        <dl className="facts">
          <dt>{t('loc.filterConfig')}</dt>
          <dd>{c.name}</dd>
          <dt>{t('loc.col.product')}</dt>
          <dd>{c.productName}</dd>
          <dt>{t('detail.productCode')}</dt>
          <dd>{c.productCode}</dd>
          <dt>{t('detail.cart')}</dt>
          <dd>{c.cart}</dd>
          <dt>{t('detail.stopRunningSubscriptions')}</dt>
          <dd>{c.stopRunningSubscriptions ? t('detail.yes') : t('detail.no')}</dd>
        </dl>
      ) : (
        <p className="muted">{t('detail.noConfig')}</p>
      )}
    </section>
  );
}
