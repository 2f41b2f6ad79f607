import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplicaRecovery, ReplicaRefusal } from '../../../electron/core/api/types';
import { useApi } from '../api/context';
import { LanguageSelect } from '../components/LanguageSelect';
import { useShopTimeZone, ZoneLabel } from '../components/ShopTime';
import { formatCount, formatDateMinute } from '../format';
import './replica.css';

type Phase = 'choose' | 'confirmFresh' | 'working' | 'failed';

/**
 * What staff see when this PC's data is damaged: what happened, that nothing was deleted, the
 * latest backup with how many unsent operations it holds, and the two ways on. Starting from
 * empty loses what was not sent, so it asks once more.
 */
export function ReplicaScreen({ refusal }: { refusal: ReplicaRefusal }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [phase, setPhase] = useState<Phase>('choose');
  const { backup } = refusal;
  // The shop's zone is a setting of the damaged data: the backup's time is shown, and named, in the default zone.
  const zone = useShopTimeZone();

  const choose = (choice: ReplicaRecovery) => {
    setPhase('working');
    api.call('replica.recover', { choice }).then(
      ({ restarting }) => !restarting && setPhase('failed'),
      () => setPhase('failed'),
    );
  };

  return (
    <main className="app replica-screen">
      <header className="topbar">
        <h1>{t('app.title')}</h1>
        <LanguageSelect />
      </header>
      <section className="panel replica-panel" aria-labelledby="replica-title">
        <h2 id="replica-title">{t('replica.title')}</h2>
        <p>{t(`replica.damage.${refusal.damage}`)}</p>
        <p>{t('replica.kept')}</p>
        <p className="replica-backup">
          {backup ? (
            <>
              {t('replica.backup', { time: formatDateMinute(backup.takenAt, zone), unsent: formatCount(backup.unsent, i18n.language) })} <ZoneLabel />
            </>
          ) : (
            t('replica.noBackup')
          )}
        </p>
        {refusal.restoreImpossible ? <p>{t('replica.noBackupToRestore')}</p> : null}
        {phase === 'working' ? (
          <p role="status">{t('replica.working')}</p>
        ) : phase === 'confirmFresh' ? (
          <div className="replica-confirm" role="alertdialog" aria-labelledby="replica-confirm-text">
            <p id="replica-confirm-text">{t('replica.freshConfirm')}</p>
            <div className="replica-actions">
              <button type="button" className="danger" onClick={() => choose('start-fresh')}>
                {t('replica.freshConfirmYes')}
              </button>
              <button type="button" onClick={() => setPhase('choose')}>
                {t('replica.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <>
            {phase === 'failed' ? <p role="alert">{t('replica.failed')}</p> : null}
            <p>{t('replica.choose')}</p>
            <div className="replica-choices">
              {backup ? (
                <div className="replica-choice">
                  <button type="button" className="primary" onClick={() => choose('restore-backup')}>
                    {t('replica.restore')}
                  </button>
                  <p>{t('replica.restoreHint')}</p>
                </div>
              ) : null}
              <div className="replica-choice">
                <button type="button" onClick={() => setPhase('confirmFresh')}>
                  {t('replica.fresh')}
                </button>
                <p>{t('replica.freshHint')}</p>
              </div>
            </div>
          </>
        )}
      </section>
    </main>
  );
}
