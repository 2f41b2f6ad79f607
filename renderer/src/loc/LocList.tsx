import { useVirtualizer } from '@tanstack/react-virtual';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatCount } from '../format';
import { ErrorMessage } from '../components/ErrorMessage';
import { OutsideText } from '../components/OutsideText';
import { SyncListHint } from '../sync/SyncListHint';
import { formatAge } from './age';
import type { LocListFilters } from './filters';
import { robotResultText } from './robot-result';
import { loadedIds } from './selection';
import { useLocRows, useLocTotal, type LocRow } from './use-loc-rows';

const ROW_HEIGHT = 40;
const AGE_TICK_MS = 60_000;

interface Props {
  filters: LocListFilters;
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** Rows ticked for a bulk action, apart from the one open in the detail pane. */
  picked: ReadonlySet<number>;
  onPick: (ids: number[], on: boolean) => void;
}

function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), AGE_TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function LocList({ filters, selectedId, onSelect, picked, onPick }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const now = useNow();
  const queryClient = useQueryClient();
  const scrollRef = useRef<HTMLDivElement>(null);
  const totalQuery = useLocTotal(filters);
  const total = totalQuery.data?.total ?? 0;

  // The DOM holds only the rows in view (plus a few either side): 100,000 rows stay as cheap
  // to scroll and re-filter as 50. @tanstack/react-virtual does the measuring and positioning.
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const items = virtualizer.getVirtualItems();
  const rowAt = useLocRows(filters, items[0]?.index ?? 0, items.at(-1)?.index ?? 0);

  const filterKey = JSON.stringify(filters);
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [filterKey]);

  const status = totalQuery.isPending ? t('loc.loading') : t('loc.total', { count: formatCount(total, lng) });

  return (
    <div className="loc-list">
      <p className="muted" aria-live="polite" data-testid="loc-total">
        {status}
      </p>
      <ErrorMessage error={totalQuery.error} />
      <div className="loc-table pickable" role="table" aria-rowcount={total + 1}>
        <div className="loc-row loc-head" role="row">
          <span className="pick">
            <PickAllLoaded
              picked={picked}
              loaded={() => loadedIds(queryClient, filters)}
              onPick={onPick}
              disabled={total === 0}
            />
          </span>
          <span role="columnheader">{t('loc.col.id')}</span>
          <span role="columnheader">{t('loc.col.applicant')}</span>
          <span role="columnheader">{t('loc.col.kind')}</span>
          <span role="columnheader">{t('loc.col.product')}</span>
          <span role="columnheader">{t('loc.col.status')}</span>
          <span role="columnheader">{t('loc.col.age')}</span>
          <span role="columnheader">{t('loc.col.robotResult')}</span>
        </div>
        <div className="loc-scroll" ref={scrollRef} role="rowgroup">
          {total === 0 && !totalQuery.isPending && (
            <>
              <p className="loc-empty">{t('loc.empty')}</p>
              <SyncListHint />
            </>
          )}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = rowAt(item.index);
              return (
                <div
                  key={item.key}
                  className="loc-row-slot"
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: item.size, transform: `translateY(${item.start}px)` }}
                >
                  {row ? (
                    <RowView row={row} selected={row.id === selectedId} picked={picked.has(row.id)} now={now} onSelect={onSelect} onPick={onPick} />
                  ) : (
                    <div className="loc-row loc-placeholder" role="row" aria-rowindex={item.index + 2} aria-busy="true" />
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}

/**
 * Ticks every row fetched so far (not the whole filtered total, which may hold rows nobody has
 * looked at); it shows as ticked when all of those are.
 */
function PickAllLoaded({
  picked,
  loaded,
  onPick,
  disabled,
}: {
  picked: ReadonlySet<number>;
  loaded: () => number[];
  onPick: (ids: number[], on: boolean) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const ids = loaded();
  const all = ids.length > 0 && ids.every((id) => picked.has(id));
  return (
    <input
      type="checkbox"
      name="pickAllLoaded"
      aria-label={t('completed.bulk.pickAllLoaded')}
      title={t('completed.bulk.pickAllLoaded')}
      checked={all}
      disabled={disabled}
      onChange={() => onPick(loaded(), !all)}
    />
  );
}

interface RowProps {
  row: LocRow;
  selected: boolean;
  picked: boolean;
  now: number;
  onSelect: (id: number) => void;
  onPick: (ids: number[], on: boolean) => void;
}

function RowView({ row, selected, picked, now, onSelect, onPick }: RowProps) {
  const { t, i18n } = useTranslation();
  const result = robotResultText(t, row.robotResult);
  return (
    <div
      className={['loc-row', selected && 'selected', picked && 'picked'].filter(Boolean).join(' ')}
      role="row"
      aria-selected={selected}
      tabIndex={0}
      data-id={row.id}
      data-status={row.status}
      onClick={() => onSelect(row.id)}
      onKeyDown={(e) => {
        // Space on the row's checkbox ticks it; only keys on the row itself open the detail.
        if (e.target !== e.currentTarget) return;
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect(row.id);
        }
      }}
    >
      <span role="cell" className="pick" onClick={(e) => e.stopPropagation()}>
        <input type="checkbox" name="pick" aria-label={t('completed.bulk.pickOne', { id: row.id })} checked={picked} onChange={(e) => onPick([row.id], e.target.checked)} />
      </span>
      <span role="cell">{row.id}</span>
      <span role="cell" className="applicant">
        <OutsideText text={row.memberDisplayName} />
        <small className="muted">{t('loc.memberNumber', { id: row.memberId })}</small>
      </span>
      <span role="cell">{t(`loc.kind.${row.kind}`, { defaultValue: row.kind })}</span>
      <span role="cell" className="product">
        {row.productName ? <OutsideText text={row.productName} /> : <span>{t('loc.noProduct')}</span>}
        {row.crosssellConfigName && <small className="muted">{row.crosssellConfigName}</small>}
      </span>
      <span role="cell" className={`status status-${row.status}`}>
        {t(`loc.status.${row.status}`, { defaultValue: row.status })}
      </span>
      <span role="cell" title={row.requestedAt}>
        {formatAge(row.requestedAt, now, i18n.language)}
      </span>
      <span role="cell" className="robot-result" title={result || undefined}>
        {result}
      </span>
    </div>
  );
}
