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
import { withPicked } from './selection';
import './completion.css';

export function LocDashboard() {
  const { t } = useTranslation();
  const [filterState, setFilterState] = useState<LocFilterState>(initialFilters);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const [picked, setPicked] = useState<ReadonlySet<number>>(new Set());
  const [notice, setNotice] = useState<string | null>(null);
  const filters = useMemo(() => ({ ...toListFilters(filterState), completed: false }), [filterState]);

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

  return (
    <div className={selectedId === null ? 'loc-dashboard' : 'loc-dashboard with-detail'}>
      <section className="panel" aria-labelledby="loc-title">
        <div className="title-row">
          <h2 id="loc-title">
            <small className="muted">{t('loc.breadcrumb')} › </small>
            {t('loc.title')}
          </h2>
          <CsvExport filters={filters} />
        </div>
        <LocFilters value={filterState} onChange={changeFilters} />
        {notice && (
          <p role="status" className="notice" data-testid="completion-notice">
            {notice}
          </p>
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
          onCompleted={(done) => setPicked((current) => withPicked(current, done.ids, false))}
        />
      )}
    </div>
  );
}
