import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BulkCompletionBar } from './BulkCompletionBar';
import { completionLabelKey } from './completion-statuses';
import type { CompletionDone } from './CompletionForm';
import { CsvExport } from './CsvExport';
import { initialFilters, toListFilters, type LocFilterState } from './filters';
import { LocDetail } from './LocDetail';
import { LocFilters } from './LocFilters';
import { LocList } from './LocList';
import { loadedRows, nextNeedingPerson } from './next-request';
import { NextRequestNotice, type NextRequest } from './NextRequestNotice';
import { ShortcutHelp } from './ShortcutHelp';
import { useClerkShortcuts } from './use-clerk-shortcuts';
import { withPicked } from './selection';
import { MorningReport } from '../morning/MorningReport';
import { useShopTimeZone } from '../components/ShopTime';
import './completion.css';

export function LocDashboard({ initialSelectedId = null, initialStatus = '' }: { initialSelectedId?: number | null; initialStatus?: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [filterState, setFilterState] = useState<LocFilterState>(() => ({ ...initialFilters, status: initialStatus }));
  const [selectedId, setSelectedId] = useState<number | null>(initialSelectedId);
  const [nextRequest, setNextRequest] = useState<NextRequest | null>(null);
  const [help, setHelp] = useState(false);
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  // The typed days are the shop's: a new zone moves their bounds without the screen being drawn anew.
  const timeZone = useShopTimeZone();
  const filters = useMemo(() => ({ ...toListFilters(filterState, timeZone), completed: false }), [filterState, timeZone]);

  const changeFilters = (next: LocFilterState) => {
    // A bulk action must only ever reach rows the clerk can see under the current filters.
    setPicked(new Set());
    setFilterState(next);
  };
  const completed = (done: CompletionDone) => {
    setPicked((current) => withPicked(current, done.ids, false));
    const status = t(completionLabelKey(done.completionStatus));
    setNotice(t('completed.complete.doneMany', { count: done.ids.length, status }));
  };
  // The clerk goes straight on to the next request that waits for a person, as the list shows them.
  const completedInDetail = (done: CompletionDone) => {
    setPicked((current) => withPicked(current, done.ids, false));
    const next = nextNeedingPerson(loadedRows(queryClient, filters), selectedId, new Set(done.ids));
    setNextRequest({ done: done.ids[0] ?? 0, completionStatus: done.completionStatus, next });
    if (next !== null) setSelectedId(next);
  };
  const openNext = () => {
    const next = nextNeedingPerson(loadedRows(queryClient, filters), selectedId);
    if (next !== null) setSelectedId(next);
  };
  useClerkShortcuts({ next: openNext, help: () => setHelp((open) => !open) });

  return (
    <div className={selectedId === null ? 'loc-dashboard' : 'loc-dashboard with-detail'}>
      <section className="panel" aria-labelledby="loc-title">
        <div className="title-row">
          <h2 id="loc-title">
            <small className="muted">{t('loc.breadcrumb')} › </small>
            {t('loc.title')}
          </h2>
          <button type="button" className="shortcuts-open" onClick={() => setHelp(true)}>
            {t('clerk.shortcuts.open')}
          </button>
          <CsvExport filters={filters} />
          <MorningReport />
        </div>
        {help && <ShortcutHelp onClose={() => setHelp(false)} />}
        <LocFilters value={filterState} onChange={changeFilters} />
        {notice && (
          <p role="status" className="notice" data-testid="completion-notice">
            {notice}
          </p>
        )}
        {nextRequest && (
          <NextRequestNotice
            value={nextRequest}
            onBack={(id) => {
              setNextRequest(null);
              setSelectedId(id);
            }}
          />
        )}
        {picked.size > 0 && (
          <BulkCompletionBar
            picked={picked}
            onClear={() => setPicked(new Set())}
            onDrop={(ids) => setPicked((current) => withPicked(current, ids, false))}
            onCompleted={completed}
          />
        )}
        <LocList
          filters={filters}
          selectedId={selectedId}
          onSelect={setSelectedId}
          picked={picked}
          onPick={(ids, on) => {
            setNotice(null);
            setPicked((current) => withPicked(current, ids, on));
          }}
        />
      </section>
      {selectedId === null ? (
        <aside className="panel loc-detail muted">{t('detail.none')}</aside>
      ) : (
        <LocDetail
          key={selectedId}
          id={selectedId}
          onClose={() => setSelectedId(null)}
          onCompleted={completedInDetail}
        />
      )}
    </div>
  );
}
