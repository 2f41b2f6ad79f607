import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArgsOf, ResultOf } from '../api/client';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatCount } from '../format';
import { bytesOf, saveParts } from '../components/save-file';

type ExportArgs = ArgsOf<'members.exportCsv'>;
type Encoding = NonNullable<ExportArgs['encoding']>;
/** The list's filters, exactly as members.search was given them. */
export type MemberCsvFilters = Omit<ExportArgs, 'encoding' | 'afterId'>;

interface Progress {
  written: number;
  total: number;
}

/** Members CP932 could not hold, shown by id up to this many. */
const SHOWN_IDS = 10;

/**
 * The members the list finds, with its search and tag filters, as a CSV file. The core sends it
 * part by part; the screen says how far it is and joins the parts into one file.
 */
export function MemberCsvExport({ filters }: { filters: MemberCsvFilters }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const api = useApi();
  const [encoding, setEncoding] = useState<Encoding>('utf8-bom');
  const [progress, setProgress] = useState<Progress | null>(null);
  const exportCsv = useMutation({
    mutationFn: async () => {
      const parts: Uint8Array<ArrayBuffer>[] = [];
      const unencodable: number[] = [];
      let filename = '';
      let afterId: number | null = null;
      let written = 0;
      setProgress({ written: 0, total: 0 });
      do {
        const part: ResultOf<'members.exportCsv'> = await api.call('members.exportCsv', { ...filters, encoding, afterId });
        filename ||= part.filename;
        parts.push(bytesOf(part.contentBase64));
        unencodable.push(...part.unencodable);
        written += part.rows;
        setProgress({ written, total: written + part.remaining });
        afterId = part.nextAfterId;
      } while (afterId !== null);
      saveParts(filename, parts, encoding === 'cp932' ? 'text/csv;charset=shift_jis' : 'text/csv;charset=utf-8');
      return { written, unencodable, encoding };
    },
    onSettled: () => setProgress(null),
  });
  const done = exportCsv.data;

  return (
    <div className="member-csv-export">
      <label>
        <span>{t('memberPage.export.encoding')}</span>
        <select name="member-csv-encoding" value={encoding} onChange={(e) => setEncoding(e.target.value === 'cp932' ? 'cp932' : 'utf8-bom')}>
          <option value="utf8-bom">{t('memberPage.export.utf8')}</option>
          <option value="cp932">{t('memberPage.export.cp932')}</option>
        </select>
      </label>
      <button type="button" name="member-csv-export" disabled={exportCsv.isPending} onClick={() => exportCsv.mutate()}>
        {t('memberPage.export.button')}
      </button>
      <p className="muted" role="status" aria-live="polite" data-testid="member-csv-status">
        {progress
          ? t('memberPage.export.working', { written: formatCount(progress.written, lng), total: formatCount(progress.total, lng) })
          : done
            ? t('memberPage.export.done', { count: formatCount(done.written, lng) })
            : null}
      </p>
      {done && done.encoding === 'cp932' && done.unencodable.length > 0 && (
        <p className="warning" role="alert" data-testid="member-csv-unencodable">
          {t('memberPage.export.unencodable', {
            count: formatCount(done.unencodable.length, lng),
            ids: done.unencodable.slice(0, SHOWN_IDS).join(', ') + (done.unencodable.length > SHOWN_IDS ? ' …' : ''),
          })}
        </p>
      )}
      <ErrorMessage error={exportCsv.error} />
    </div>
  );
}
