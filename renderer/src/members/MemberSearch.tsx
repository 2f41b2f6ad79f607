import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import { OutsideText } from '../components/OutsideText';
import { formatCount } from '../format';
import { BulkTag } from './BulkTag';
import { MemberCsvExport } from './MemberCsvExport';
import { TagFilter } from './TagFilter';
import { emptyTagFilter, tagFilterArgs, type TagFilterValue } from './tag-filter-value';

const PAGE_SIZE = 50;
const DEBOUNCE_MS = 250;

interface Props {
  selectedId: number | null;
  onOpen: (id: number) => void;
}

/** One box for name, kana, display name, phone, e-mail and customer number; a tag narrows it. */
export function MemberSearch({ selectedId, onOpen }: Props) {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  const [tagFilter, setTagFilter] = useState<TagFilterValue>(emptyTagFilter);
  const [page, setPage] = useState(1);

  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(input.trim());
      setPage(1);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [input]);

  const filters = { query: query || undefined, tags: tagFilterArgs(tagFilter) };
  const args = { ...filters, page, pageSize: PAGE_SIZE };
  // The previous page stays on screen while the next answer is on its way, so the table does not flicker per keystroke.
  const search = useQuery({
    queryKey: ['members.search', args],
    queryFn: () => api.call('members.search', args),
    placeholderData: keepPreviousData,
  });
  const result = search.data;
  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  const lng = i18n.language;

  return (
    <section className="panel member-search" aria-labelledby="members-title">
      <h2 id="members-title">{t('memberPage.search.title')}</h2>
      <div className="member-search-form">
        <label className="search">
          <span>{t('memberPage.search.label')}</span>
          <input
            type="search"
            name="member-query"
            value={input}
            maxLength={200}
            placeholder={t('memberPage.search.placeholder')}
            onChange={(e) => setInput(e.target.value)}
          />
        </label>
        <TagFilter
          value={tagFilter}
          onChange={(filter) => {
            setTagFilter(filter);
            setPage(1);
          }}
        />
      </div>
      <MemberCsvExport filters={filters} />
      <BulkTag search={filters} />
      <ErrorMessage error={search.error} />
      <p className="muted" aria-live="polite" data-testid="member-total">
        {search.isFetching && !result
          ? t('memberPage.search.loading')
          : result
            ? t('memberPage.search.total', { count: formatCount(result.total, lng) })
            : null}
      </p>
      {result && result.items.length === 0 && !search.isFetching && <p>{t('memberPage.search.empty')}</p>}
      {result && result.items.length > 0 && (
        <table className="members member-results">
          <thead>
            <tr>
              <th scope="col">{t('memberPage.field.id')}</th>
              <th scope="col">{t('memberPage.field.displayName')}</th>
              <th scope="col">{t('memberPage.field.name')}</th>
              <th scope="col">{t('memberPage.field.phone')}</th>
              <th scope="col">{t('memberPage.field.email')}</th>
              <th scope="col">{t('memberPage.field.tags')}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((m) => (
              <tr key={m.id} data-id={m.id} className={m.id === selectedId ? 'selected' : undefined}>
                <td>{m.id}</td>
                <td>
                  <button
                    type="button"
                    className="member-open"
                    translate="no"
                    aria-label={t('memberPage.open', { name: m.displayName })}
                    onClick={() => onOpen(m.id)}
                  >
                    <OutsideText text={m.displayName} />
                  </button>
                </td>
                <td>
                  <OutsideText text={m.name} />
                </td>
                <td>{m.phone ?? ''}</td>
                <td>
                  <OutsideText text={m.email} />
                </td>
                <td>
                  <ul className="tags">
                    {m.tags.map((tag) => (
                      <li key={tag}>
                        <OutsideText text={tag} />
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result && pages > 1 && (
        <nav className="pager">
          <button type="button" disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
            {t('memberPage.search.previous')}
          </button>
          <span>{t('memberPage.search.page', { page, pages })}</span>
          <button type="button" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
            {t('memberPage.search.next')}
          </button>
        </nav>
      )}
    </section>
  );
}
