import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../electron/core/api/types';
import { formatTokyoTime } from '../format';

type RejectedOperation = SyncStatus['rejected'][number];

/** Operation kinds carry dots, which the catalogs would read as nesting. */
const kindKey = (kind: string) => `syncScreen.kind.${kind.replaceAll('.', '_')}`;

export function RejectedOperations({ operations }: { operations: RejectedOperation[] }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <section className="panel sync-list" aria-labelledby="sync-rejected-title">
      <h2 id="sync-rejected-title">
        {t('syncScreen.rejected.title')} <span className="sync-count">{operations.length}</span>
      </h2>
      {operations.length === 0 ? (
        <p className="muted">{t('syncScreen.rejected.none')}</p>
      ) : (
        <>
          <p className="muted">{t('syncScreen.rejected.explain')}</p>
          <table className="compact sync-rejected">
            <thead>
              <tr>
                <th scope="col">{t('syncScreen.rejected.at')}</th>
                <th scope="col">{t('syncScreen.rejected.kind')}</th>
                <th scope="col">{t('syncScreen.rejected.reason')}</th>
                <th scope="col">{t('syncScreen.rejected.opId')}</th>
              </tr>
            </thead>
            <tbody>
              {operations.map((op) => (
                <tr key={op.opId} data-op-id={op.opId}>
                  <td>{formatTokyoTime(op.rejectedAt, lng)}</td>
                  <td data-kind={op.kind}>{t(kindKey(op.kind), { defaultValue: op.kind })}</td>
                  <td className="error">{op.reason}</td>
                  <td className="mono">{op.opId}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
