import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplicaRecovery, ReplicaRefusal } from '../../../electron/core/api/types';
import { useApi } from '../api/context';
import { LanguageSelect } from '../components/LanguageSelect';
import { DEFAULT_SHOP_TIME_ZONE, formatCount, formatDateMinute } from '../format';
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
  const zone = useReplicaZone(refusal.backup?.timeZone);
  const { backup } = refusal;
  const zoneName = zone ? t(`shopTime.zoneLabel.${zone.timeZone}`, { defaultValue: zone.timeZone }) : '';

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
        {/* The backup's time waits for its zone, so it is never shown in one and then in another. */}
        {backup && !zone ? null : (
          <p className="replica-backup">
            {backup && zone
              ? t('replica.backup', { time: formatDateMinute(backup.takenAt, zone.timeZone), zone: zoneName, unsent: formatCount(backup.unsent, i18n.language) })
              : t('replica.noBackup')}
          </p>
        )}
        {backup && zone && !zone.known ? <p className="replica-zone">{t('replica.zoneUnknown', { zone: zoneName })}</p> : null}
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

/**
 * The zone the backup's time is shown in: the shop's as the backup holds it, or as the core can
 * still say it (the headless shell); or else Japan time, said to be so, when neither can tell
 * (the desktop's core cannot read the shop's settings from a replica it refused).
 */
function useReplicaZone(fromBackup: string | undefined): { timeZone: string; known: boolean } | null {
  const api = useApi();
  const [asked, setAsked] = useState<{ timeZone: string; known: boolean } | null>(null);
  useEffect(() => {
    if (fromBackup) return;
    let live = true;
    api.call('shop.settings', {}).then(
      ({ timeZone }) => live && setAsked({ timeZone, known: true }),
      () => live && setAsked({ timeZone: DEFAULT_SHOP_TIME_ZONE, known: false }),
    );
    return () => {
      live = false;
    };
  }, [api, fromBackup]);
  return fromBackup ? { timeZone: fromBackup, known: true } : asked;
}
