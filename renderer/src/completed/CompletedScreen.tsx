import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShopTimeZone } from '../components/ShopTime';
import { CsvExport } from '../loc/CsvExport';
import { LocDetail } from '../loc/LocDetail';
import { CompletedFilters } from './CompletedFilters';
import { initialCompletedFilters, toCompletedFilters, type CompletedFilterState } from './completed-filters';
import { CompletedList } from './CompletedList';
import './completed.css';

/** 完了したLOC申請: finished requests, searchable, each one reopenable with a reason. */
export function CompletedScreen() {
  const { t } = useTranslation();
  const [filterState, setFilterState] = useState<CompletedFilterState>(initialCompletedFilters);
  const [page, setPage] = useState(1);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  // Typing in the search box stays responsive; the list follows the text a moment behind.
  const deferred = useDeferredValue(filterState);
  const timeZone = useShopTimeZone();
  const filters = useMemo(() => toCompletedFilters(deferred, timeZone), [deferred, timeZone]);

  return (
    <div className={selectedId === null ? 'loc-dashboard completed-screen' : 'loc-dashboard completed-screen with-detail'}>
      <section className="panel" aria-labelledby="completed-title">
        <div className="title-row">
          <h2 id="completed-title">{t('completed.title')}</h2>
          <CsvExport filters={filters} />
        </div>
        <CompletedFilters
          value={filterState}
          onChange={(next) => {
            setFilterState(next);
            setPage(1);
          }}
        />
        <CompletedList filters={filters} page={page} onPage={setPage} selectedId={selectedId} onSelect={setSelectedId} />
      </section>
      {selectedId === null ? (
        <aside className="panel loc-detail muted">{t('completed.none')}</aside>
      ) : (
        <LocDetail key={selectedId} id={selectedId} onClose={() => setSelectedId(null)} />
      )}
    </div>
  );
}
