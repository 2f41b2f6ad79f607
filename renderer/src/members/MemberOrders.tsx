import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTokyoTime } from '../format';
import { formatYen } from './format-yen';
import { groupOrders } from './group-orders';
import type { Member, MemberOrder } from './member-types';
import { ZoneLabel } from '../components/ShopTime';

export function MemberOrders({ member: m }: { member: Member }) {
  const { t } = useTranslation();
  const numbers = new Map(m.orders.map((o) => [o.id, o.orderNumber]));
  return (
    <section aria-labelledby="member-orders" className="member-orders">
      <h3 id="member-orders">{t('memberPage.orders.title')}</h3>
      {m.orders.length === 0 ? (
        <p className="muted">{t('memberPage.orders.none')}</p>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t('memberPage.orders.number')}</th>
              <th scope="col">
                {t('memberPage.orders.orderedAt')} <ZoneLabel />
              </th>
              <th scope="col">{t('memberPage.orders.status')}</th>
              <th scope="col">{t('memberPage.orders.total')}</th>
              <th scope="col">{t('memberPage.orders.items')}</th>
            </tr>
          </thead>
          <tbody>
            {groupOrders(m.orders).map(({ order, children }) => (
              <Fragment key={order.id}>
                <OrderRow order={order} parentNumber={order.parentOrderId === null ? null : (numbers.get(order.parentOrderId) ?? null)} />
                {children.map((child) => (
                  <OrderRow key={child.id} order={child} parentNumber={order.orderNumber} nested />
                ))}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function OrderRow({ order: o, parentNumber, nested = false }: { order: MemberOrder; parentNumber: string | null; nested?: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <tr data-order-id={o.id} data-parent-id={o.parentOrderId ?? undefined} className={nested ? 'child-order' : undefined}>
      <td>
        <span className="order-number">{o.orderNumber}</span>
        {parentNumber !== null && <small className="muted"> {t('memberPage.orders.childOf', { number: parentNumber })}</small>}
        {o.subscriptionId !== null && <small className="muted"> {t('memberPage.orders.fromSubscription', { id: o.subscriptionId })}</small>}
      </td>
      <td>{formatTokyoTime(o.orderedAt, lng)}</td>
      <td className={`order-status order-${o.status}`}>{t(`orderStatus.${o.status}`, { defaultValue: o.status })}</td>
      <td className="number">{formatYen(o.total, lng)}</td>
      <td>
        <ul className="order-items">
          {o.items.map((item, i) => (
            <li key={i}>{t('memberPage.orders.item', { name: item.productName, quantity: item.quantity })}</li>
          ))}
        </ul>
      </td>
    </tr>
  );
}
