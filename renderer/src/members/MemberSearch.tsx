import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useCoreEvent } from '../api/context';
import type { ResultOf } from '../api/client';
import { formatCount } from '../format';
import { ErrorMessage } from '../components/ErrorMessage';

type MemberPage = ResultOf<'members.search'>;

const PAGE_SIZE = 50;
const DEBOUNCE_MS = 250;

export function MemberSearch() {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  const [page, setPage] = useState(1);
  const [reload, setReload] = useState(0);
  const [result, setResult] = useState<MemberPage | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(input.trim());
      setPage(1);
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [input]);

  useEffect(() => {
    // Answers to superseded searches arrive late and must not overwrite the current one.
    let current = true;
    setLoading(true);
    api
      .call('members.search', { query: query || undefined, page, pageSize: PAGE_SIZE })
      .then((r) => {
        if (!current) return;
        setResult(r);
        setError(null);
      })
      .catch((e: unknown) => {
        if (current) setError(e);
      })
      .finally(() => {
        if (current) setLoading(false);
      });
    return () => {
      current = false;
    };
  }, [api, query, page, reload]);

  const refresh = () => setReload((n) => n + 1);
  useCoreEvent('sync.completed', refresh);
  useCoreEvent('members.changed', refresh);

  const pages = result ? Math.max(1, Math.ceil(result.total / result.pageSize)) : 1;
  const lng = i18n.language;

  return (
    <section className="panel" aria-labelledby="members-title">
      <h2 id="members-title">{t('members.title')}</h2>
      <label className="search">
        <span>{t('members.searchLabel')}</span>
        <input
          type="search"
          value={input}
          maxLength={200}
          placeholder={t('members.searchPlaceholder')}
          onChange={(e) => setInput(e.target.value)}
        />
      </label>
      <ErrorMessage error={error} />
      <p className="muted" aria-live="polite">
        {loading ? t('members.loading') : result ? t('members.total', { count: formatCount(result.total, lng) }) : null}
      </p>
      {result && result.items.length === 0 && !loading && <p>{t('members.empty')}</p>}
      {result && result.items.length > 0 && (
        <table className="members">
          <thead>
            <tr>
              <th scope="col">{t('members.id')}</th>
              <th scope="col">{t('members.displayName')}</th>
              <th scope="col">{t('members.name')}</th>
              <th scope="col">{t('members.phone')}</th>
              <th scope="col">{t('members.email')}</th>
              <th scope="col">{t('members.tags')}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((m) => (
              <tr key={m.id}>
                <td>{m.id}</td>
                <td>{m.displayName}</td>
                <td>{m.name ?? ''}</td>
                <td>{m.phone ?? ''}</td>
                <td>{m.email ?? ''}</td>
                <td>
                  <ul className="tags">
                    {m.tags.map((tag) => (
                      <li key={tag}>{tag}</li>
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
            {t('members.previous')}
          </button>
          <span>{t('members.page', { page, pages })}</span>
          <button type="button" disabled={page >= pages} onClick={() => setPage((p) => p + 1)}>
            {t('members.next')}
          </button>
        </nav>
      )}
    </section>
  );
}
