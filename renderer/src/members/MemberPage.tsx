import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import { OutsideText } from '../components/OutsideText';
import { formatTokyoTime } from '../format';
import { MemberOrders } from './MemberOrders';
import { MemberSubscriptions } from './MemberSubscriptions';
import { MemberTags } from './MemberTags';
import { TagHistory } from './TagHistory';
import type { Member } from './member-types';
import { ZoneLabel } from '../components/ShopTime';

interface Props {
  id: number;
  onClose: () => void;
}

/** Everything the replica knows about one member, with tag changes not yet synced on top. */
export function MemberPage({ id, onClose }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const member = useQuery({ queryKey: ['members.get', id], queryFn: () => api.call('members.get', { id }) });
  const m = member.data;
  return (
    <article className="panel member-page" aria-labelledby="member-page-title" data-id={id}>
      <header className="panel-header">
        <h2 id="member-page-title" translate={m ? 'no' : undefined}>
          {m ? <OutsideText text={m.displayName} /> : t('memberPage.title')}
        </h2>
        <button type="button" onClick={onClose}>
          {t('memberPage.close')}
        </button>
      </header>
      <ErrorMessage error={member.error} />
      {member.isPending && <p className="muted">{t('memberPage.loading')}</p>}
      {m && (
        <>
          <Profile member={m} />
          <CartCustomers member={m} />
          <MemberTags member={m} />
          <TagHistory member={m} />
          <MemberOrders member={m} />
          <MemberSubscriptions member={m} />
        </>
      )}
    </article>
  );
}

function Profile({ member: m }: { member: Member }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <section aria-labelledby="member-profile">
      <h3 id="member-profile">{t('memberPage.profile')}</h3>
      <dl className="facts member-profile">
        <dt>{t('memberPage.field.displayName')}</dt>
        <dd data-field="displayName">
          <OutsideText text={m.displayName} />
        </dd>
        <dt>{t('memberPage.field.name')}</dt>
        <dd>
          <OutsideText text={m.name} />
        </dd>
        <dt>{t('memberPage.field.nameKana')}</dt>
        <dd>
          <OutsideText text={m.nameKana} />
        </dd>
        <dt>{t('memberPage.field.phone')}</dt>
        <dd>{m.phone ?? ''}</dd>
        <dt>{t('memberPage.field.email')}</dt>
        <dd>
          <OutsideText text={m.email} />
        </dd>
        <dt>{t('memberPage.field.operator')}</dt>
        <dd>
          <OutsideText text={m.operator} />
        </dd>
        <dt>
          {t('memberPage.field.followedAt')} <ZoneLabel />
        </dt>
        <dd>{m.followedAt ? formatTokyoTime(m.followedAt, lng) : ''}</dd>
        <dt>{t('memberPage.field.lineUserId')}</dt>
        <dd className="mono">{m.lineUserId}</dd>
      </dl>
    </section>
  );
}

function CartCustomers({ member: m }: { member: Member }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="member-cart-customers" className="member-cart-customers">
      <h3 id="member-cart-customers">{t('memberPage.cart.title')}</h3>
      {m.cartCustomers.length === 0 ? (
        <p className="muted">{t('memberPage.cart.none')}</p>
      ) : (
        <table className="compact">
          <thead>
            <tr>
              <th scope="col">{t('memberPage.cart.cart')}</th>
              <th scope="col">{t('memberPage.cart.customerNumber')}</th>
              <th scope="col">{t('memberPage.field.name')}</th>
              <th scope="col">{t('memberPage.field.phone')}</th>
              <th scope="col">{t('memberPage.field.email')}</th>
            </tr>
          </thead>
          <tbody>
            {m.cartCustomers.map((c) => (
              <tr key={c.id} data-id={c.id}>
                <td>{c.cart}</td>
                <td>{c.customerNumber}</td>
                <td>
                  <OutsideText text={c.name} />
                </td>
                <td>{c.phone ?? ''}</td>
                <td>
                  <OutsideText text={c.email} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
