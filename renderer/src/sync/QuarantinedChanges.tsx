import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../electron/core/api/types';
import { ZoneLabel } from '../components/ShopTime';
import { formatTokyoTime } from '../format';
import { TechnicalDetail } from './TechnicalDetail';
import { entityName, opName, quarantineText } from './refusal-text';

type QuarantinedChange = SyncStatus['quarantined'][number];

export function QuarantinedChanges({ changes }: { changes: QuarantinedChange[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <section className="panel sync-list" aria-labelledby="sync-quarantined-title">
      <h2 id="sync-quarantined-title">
        {t('syncScreen.quarantined.title')} <span className="sync-count">{changes.length}</span>
      </h2>
      {changes.length === 0 ? (
        <p className="muted">{t('syncScreen.quarantined.none')}</p>
      ) : (
        <>
          <p className="muted">{t('syncScreen.quarantined.explain')}</p>
          <table className="compact sync-quarantined">
            <thead>
              <tr>
                <th scope="col">
                  {t('syncScreen.quarantined.at')} <ZoneLabel />
                </th>
                <th scope="col">{t('syncScreen.quarantined.seq')}</th>
                <th scope="col">{t('syncScreen.quarantined.entity')}</th>
                <th scope="col">{t('syncScreen.quarantined.op')}</th>
                <th scope="col">{t('syncScreen.quarantined.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.id} data-seq={c.seq}>
                  <td>{formatTokyoTime(c.quarantinedAt, lng)}</td>
                  <td className="number">{c.seq}</td>
                  <td data-entity={c.entity ?? undefined}>{entityName(t, c.entity)}</td>
                  <td>{opName(t, c.op)}</td>
                  <td className="error">
                    <span className="sync-why">{quarantineText(t, c)}</span>
                    <TechnicalDetail text={c.reason} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
