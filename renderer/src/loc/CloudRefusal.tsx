import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../api/client';
import { formatTokyoTime } from '../format';
import { ZoneLabel } from '../components/ShopTime';
import { reasonText } from './reason-text';

type Detail = ResultOf<'loc.get'>;

/**
 * The cloud refused the last change made to this request here: the request shows what the cloud
 * says again, and this says who made the change, what it was and why the cloud refused it, until
 * the request changes again. 同期状況 lists the same refusal among the others.
 */
export function CloudRefusal({ detail }: { detail: Detail }) {
  const { t, i18n } = useTranslation();
  const last = detail.transitions.at(-1);
  if (last?.event !== 'refused_by_cloud') return null;
  return (
    <section className="cloud-refusal" aria-labelledby="cloud-refusal-title" data-testid="cloud-refusal">
      <h3 id="cloud-refusal-title">{t('detail.cloudRefusal.title')}</h3>
      <p className="error" role="alert">
        {reasonText(t, last.reasonData, last.reason)}
      </p>
      <p className="muted">
        {formatTokyoTime(last.at, i18n.language)} <ZoneLabel /> · {t('detail.cloudRefusal.shown')}
      </p>
    </section>
  );
}
