import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MorningReport as Report } from '../../../electron/core/api/types';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import { OutsideText } from '../components/OutsideText';
import { ZoneLabel } from '../components/ShopTime';
import { formatCount, formatDate, formatDateMinute } from '../format';
import { reasonText } from '../loc/reason-text';
import { workTime } from './work-time';
import './morning.css';

/**
 * The robot's night, summed up for the first person at the PC in the morning: opened by itself
 * while last night's report is unread, closed for good once dismissed, and open again from its
 * button with the nights before.
 */
export function MorningReport() {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const latest = useQuery({ queryKey: ['morning.latest'], queryFn: () => api.call('morning.latest', {}), refetchInterval: 10 * 60_000 });
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<Report | null>(null);
  const [history, setHistory] = useState(false);
  const report = latest.data?.report ?? null;
  const unseen = latest.data?.unseen ?? false;
  // Opens by itself once per unread report: the day's first open of the dashboard.
  const opened = useRef<number | null>(null);
  useEffect(() => {
    if (report && unseen && opened.current !== report.id) {
      opened.current = report.id;
      setShown(report);
      setOpen(true);
    }
  }, [report, unseen]);
  const seen = useMutation({
    mutationFn: (id: number) => api.call('morning.seen', { id }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['morning.latest'] }),
  });
  const close = () => {
    if (shown && shown.seenAt === null) seen.mutate(shown.id);
    setOpen(false);
    setHistory(false);
  };
  if (!report) return null;
  return (
    <>
      <button type="button" className="morning-open" data-testid="morning-open" onClick={() => (setShown(report), setOpen(true))}>
        {t('morning.open')}
      </button>
      {open && shown && (
        <div
          className="floating-panel morning-report"
          role="dialog"
          aria-labelledby="morning-title"
          data-testid="morning-report"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              close();
            }
          }}
        >
          <header className="panel-header">
            <h3 id="morning-title">{t('morning.title', { date: formatDate(shown.nightStart) })}</h3>
            <button type="button" data-testid="morning-close" autoFocus onClick={close}>
              {t('morning.close')}
            </button>
          </header>
          <NightFigures report={shown} />
          <ErrorMessage error={seen.error} />
          <button type="button" className="morning-history-open" aria-expanded={history} data-testid="morning-history-open" onClick={() => setHistory((h) => !h)}>
            {t('morning.history.open')}
          </button>
          {history && <NightHistory current={shown.id} onPick={setShown} />}
        </div>
      )}
    </>
  );
}

function NightFigures({ report }: { report: Report }) {
  const { t, i18n } = useTranslation();
  const count = (n: number) => t('morning.count', { count: formatCount(n, i18n.language) });
  const time = workTime(report.workMs);
  const facts: Array<[string, string, number | string]> = [
    ['processed', count(report.processed), report.processed],
    ['done', count(report.done), report.done],
    ['needsManual', count(report.needsManual), report.needsManual],
    ['duplicatesRefused', count(report.duplicatesRefused), report.duplicatesRefused],
    ['retrying', count(report.retrying), report.retrying],
    ['workTime', t('morning.duration', time), report.workMs],
    [
      'usage',
      t('morning.usageValue', { night: formatCount(report.usage.night, i18n.language), period: report.usage.period.replace('-', '/'), total: formatCount(report.usage.periodDone, i18n.language) }),
      report.usage.night,
    ],
  ];
  return (
    <>
      <p className="muted" data-testid="morning-night">
        {t('morning.night', { from: formatDateMinute(report.nightStart), to: formatDateMinute(report.nightEnd) })} <ZoneLabel />
      </p>
      <dl className="morning-facts">
        {facts.map(([name, text, value]) => (
          <div key={name} className={name === 'needsManual' && report.needsManual > 0 ? 'attention' : undefined}>
            <dt>{t(`morning.fact.${name}`)}</dt>
            <dd data-field={name} data-value={value}>
              {text}
            </dd>
          </div>
        ))}
      </dl>
      {report.needsManualItems.length > 0 && (
        <section aria-labelledby="morning-manual-title">
          <h4 id="morning-manual-title">{t('morning.manual.title')}</h4>
          <ul className="morning-manual" data-testid="morning-manual">
            {report.needsManualItems.map((item) => (
              <li key={item.requestId}>
                <span className="who">{item.memberName ? <OutsideText text={item.memberName} /> : t('morning.manual.unknownMember')}</span>
                <span className="why">{reasonText(t, item.reason, item.text)}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function NightHistory({ current, onPick }: { current: number; onPick: (report: Report) => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const list = useQuery({ queryKey: ['morning.list'], queryFn: () => api.call('morning.list', { limit: 30 }) });
  return (
    <section aria-labelledby="morning-history-title" data-testid="morning-history">
      <h4 id="morning-history-title">
        {t('morning.history.title')} <ZoneLabel />
      </h4>
      <ErrorMessage error={list.error} />
      <ul className="morning-history">
        {list.data?.items.map((night) => (
          <li key={night.id}>
            <button type="button" aria-current={night.id === current} onClick={() => onPick(night)}>
              {t('morning.history.row', {
                date: formatDate(night.nightStart),
                done: formatCount(night.done, i18n.language),
                manual: formatCount(night.needsManual, i18n.language),
              })}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
