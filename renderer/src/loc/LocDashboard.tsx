import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { initialFilters, toListFilters, type LocFilterState } from './filters';
import { LocDetail } from './LocDetail';
import { LocFilters } from './LocFilters';
import { LocList } from './LocList';

export function LocDashboard() {
  const { t } = useTranslation();
  const [filterState, setFilterState] = useState<LocFilterState>(initialFilters);
  const [selectedId, setSelectedId] = useState<number | null>(null);
  const filters = useMemo(() => toListFilters(filterState), [filterState]);

  return (
    <div className={selectedId === null ? 'loc-dashboard' : 'loc-dashboard with-detail'}>
      <section className="panel" aria-labelledby="loc-title">
        <h2 id="loc-title">
          <small className="muted">{t('loc.breadcrumb')} › </small>
          {t('loc.title')}
        </h2>
        <LocFilters value={filterState} onChange={setFilterState} />
        <LocList filters={filters} selectedId={selectedId} onSelect={setSelectedId} />
      </section>
      {selectedId === null ? (
        <aside className="panel loc-detail muted">{t('detail.none')}</aside>
      ) : (
        <LocDetail key={selectedId} id={selectedId} onClose={() => setSelectedId(null)} />
      )}
    </div>
  );
}
