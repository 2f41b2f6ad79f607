import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResultOf } from '../api/client';
import { useApi } from '../api/context';
import { DateInput } from '../components/DateInput';
import { ErrorMessage } from '../components/ErrorMessage';
import { useShopTimeZone, useZoneLabel, ZoneLabel } from '../components/ShopTime';
import { formatCount } from '../format';
import { periodProblem, shiftDay, shopToday, HISTORY_MAX_DAYS } from './shop-days';
import { useTagName } from './use-tag-list';

const sources = ['rule', 'manual', 'robot', 'cloud'] as const;
type Counts = ResultOf<'tags.history'>['tags'][number]['added'];

/** How often a tag was added and removed per day of the shop's time zone over a chosen period, by who did it. */
export function TagHistory({ tagId, onClose }: { tagId: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const api = useApi();
  const tagName = useTagName();
  const timeZone = useShopTimeZone();
  const zone = useZoneLabel();
  const [to, setTo] = useState(() => shopToday(timeZone));
  const [from, setFrom] = useState(() => shiftDay(shopToday(timeZone), 29));
  const problem = periodProblem(from, to);
  const args = { tagId, from, to };
  const history = useQuery({
    // The core counts in the shop's days: the same period in another zone is another answer.
    queryKey: ['tags.history', timeZone, args],
    queryFn: () => api.call('tags.history', args),
    enabled: problem === null,
    placeholderData: keepPreviousData,
  });
  const data = problem === null ? history.data : undefined;
  const total = data?.tags.find((tag) => tag.tagId === tagId);
  const cells = (counts: Counts) => [...sources.map((s) => counts[s]), counts.total].map((n) => formatCount(n, lng));

  return (
    <section className="panel tag-history" aria-labelledby="tag-history-title" data-tag-id={tagId}>
      <header className="panel-header">
        <h2 id="tag-history-title">
          {t('tagScreen.history.title')} <span translate="no">{tagName(tagId)}</span>
        </h2>
        <button type="button" onClick={onClose}>
          {t('tagScreen.history.close')}
        </button>
      </header>
      <div className="tag-history-period">
        <label>
          <span>{t('tagScreen.history.from')}</span>
          <DateInput name="history-from" label={t('tagScreen.history.from')} value={from} onChange={setFrom} />
        </label>
        <label>
          <span>{t('tagScreen.history.to')}</span>
          <DateInput name="history-to" label={t('tagScreen.history.to')} value={to} onChange={setTo} />
        </label>
      </div>
      <p className="help">{t('tagScreen.history.help', { zone })}</p>
      {problem && (
        <p className="error" role="alert" data-testid="tag-history-period-error">
          {t(`tagScreen.history.problem.${problem}`, { max: HISTORY_MAX_DAYS })}
        </p>
      )}
      <ErrorMessage error={history.error} />
      {data && data.days.length === 0 && <p className="muted">{t('tagScreen.history.none')}</p>}
      {data && data.days.length > 0 && (
        <table className="compact tag-history-table">
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                {t('tagScreen.history.day')} <ZoneLabel />
              </th>
              <th scope="colgroup" colSpan={5} className="added">
                {t('tagScreen.history.added')}
              </th>
              <th scope="colgroup" colSpan={5} className="removed">
                {t('tagScreen.history.removed')}
              </th>
            </tr>
            <tr>
              {(['added', 'removed'] as const).flatMap((side) =>
                [...sources, 'total' as const].map((source) => (
                  <th scope="col" key={`${side}-${source}`} className={side}>
                    {t(`tagScreen.history.source.${source}`)}
                  </th>
                )),
              )}
            </tr>
          </thead>
          <tbody>
            {data.days.map((day) => (
              <tr key={day.day} data-day={day.day}>
                <td className="day">{day.day.replaceAll('-', '/')}</td>
                {cells(day.added).map((n, i) => (
                  <td key={`a${i}`} className="count added" data-source={i < sources.length ? sources[i] : 'total'} data-side="added">
                    {n}
                  </td>
                ))}
                {cells(day.removed).map((n, i) => (
                  <td key={`r${i}`} className="count removed" data-source={i < sources.length ? sources[i] : 'total'} data-side="removed">
                    {n}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {total && (
            <tfoot>
              <tr data-day="total">
                <th scope="row">{t('tagScreen.history.period')}</th>
                {[...cells(total.added), ...cells(total.removed)].map((n, i) => (
                  <td key={i} className="count">
                    {n}
                  </td>
                ))}
              </tr>
            </tfoot>
          )}
        </table>
      )}
    </section>
  );
}
