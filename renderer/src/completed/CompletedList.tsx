import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import { ZoneLabel } from '../components/ShopTime';
import { formatCount, formatDateMinute } from '../format';
import { OutsideText } from '../components/OutsideText';
import { SyncListHint } from '../sync/SyncListHint';
import { completionStatusKey } from '../loc/completion-statuses';
import type { LocListFilters } from '../loc/filters';
import { locListKey } from '../loc/use-loc-rows';
import { finisherLabel } from './FinishedBy';

/** A page a clerk can read through; finished requests are looked up, not scrolled through all day. */
export const COMPLETED_PAGE_SIZE = 50;

interface Props {
  filters: LocListFilters;
  page: number;
  onPage: (page: number) => void;
  selectedId: number | null;
  onSelect: (id: number) => void;
}

export function CompletedList({ filters, page, onPage, selectedId, onSelect }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const api = useApi();
  const list = useQuery({
    queryKey: locListKey(filters, page),
    queryFn: () => api.call('loc.list', { ...filters, page, pageSize: COMPLETED_PAGE_SIZE }),
    placeholderData: (previous) => previous,
  });
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / COMPLETED_PAGE_SIZE));

  return (
    <div className="completed-list">
      <p className="muted" aria-live="polite" data-testid="completed-total">
        {list.isPending ? t('loc.loading') : t('loc.total', { count: formatCount(total, lng) })}
      </p>
      <ErrorMessage error={list.error} />
      <div className="completed-scroll">
        <table className="compact completed-table">
          <thead>
            <tr>
              <th scope="col">{t('loc.col.id')}</th>
              <th scope="col">{t('loc.col.applicant')}</th>
              <th scope="col">{t('loc.col.kind')}</th>
              <th scope="col">{t('loc.col.product')}</th>
              <th scope="col">{t('completed.col.completionStatus')}</th>
              <th scope="col">{t('finisher.title')}</th>
              <th scope="col">
                {t('completed.col.completedAt')} <ZoneLabel />
              </th>
              <th scope="col">{t('completed.col.note')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((row) => (
              <tr
                key={row.id}
                data-id={row.id}
                className={row.id === selectedId ? 'selected' : undefined}
                aria-selected={row.id === selectedId}
                tabIndex={0}
                onClick={() => onSelect(row.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' || e.key === ' ') {
                    e.preventDefault();
                    onSelect(row.id);
                  }
                }}
              >
                <td>{row.id}</td>
                <td>
                  <OutsideText text={row.memberDisplayName} />
                  <small className="muted"> {t('loc.memberNumber', { id: row.memberId })}</small>
                </td>
                <td>{t(`loc.kind.${row.kind}`, { defaultValue: row.kind })}</td>
                <td>{row.productName ? <OutsideText text={row.productName} /> : t('loc.noProduct')}</td>
                <td className="completion-status">
                  {row.completionStatus ? t(`completed.status.${completionStatusKey(row.completionStatus) ?? ''}`, { defaultValue: row.completionStatus }) : ''}
                </td>
                <td className="finished-by">{finisherLabel(t, row)}</td>
                <td className="completed-at">{row.completedAt ? formatDateMinute(row.completedAt) : ''}</td>
                <td className="note">
                  <OutsideText text={row.note} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total === 0 && !list.isPending && (
        <>
          <p className="loc-empty">{t('completed.empty')}</p>
          <SyncListHint />
        </>
      )}
      <nav className="pager" aria-label={t('completed.pages')}>
        <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          {t('completed.previous')}
        </button>
        <span>{t('completed.page', { page, pages })}</span>
        <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          {t('completed.next')}
        </button>
      </nav>
    </div>
  );
}
