import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArgsOf } from '../api/client';
import { useApi } from '../api/context';
import { Cp932Losses } from '../completed/Cp932Losses';
import { ErrorMessage } from '../components/ErrorMessage';
import { downloadBase64 } from './download';
import type { LocListFilters } from './filters';
import './completion.css';

type Encoding = NonNullable<ArgsOf<'loc.exportCsv'>['encoding']>;

/**
 * Exports what the list shows, with its filters, as a file. UTF-8 with a BOM opens correctly in
 * current Excel; CP932 is there for older Excel and tools that expect Shift_JIS, and says which
 * cells it could not hold, offering UTF-8 instead.
 */
export function CsvExport({ filters }: { filters: LocListFilters }) {
  const { t } = useTranslation();
  const api = useApi();
  const [encoding, setEncoding] = useState<Encoding>('utf8-bom');
  const exportCsv = useMutation({
    mutationFn: (as: Encoding) => api.call('loc.exportCsv', { ...filters, encoding: as }),
    onSuccess: (file, as) => downloadBase64(file.filename, file.contentBase64, as === 'cp932' ? 'text/csv;charset=shift_jis' : 'text/csv;charset=utf-8'),
  });

  return (
    <div className="csv-export">
      <label>
        <span>{t('completed.export.encoding')}</span>
        <select name="csvEncoding" value={encoding} onChange={(e) => setEncoding(e.target.value === 'cp932' ? 'cp932' : 'utf8-bom')}>
          <option value="utf8-bom">{t('completed.export.utf8')}</option>
          <option value="cp932">{t('completed.export.cp932')}</option>
        </select>
      </label>
      <button type="button" disabled={exportCsv.isPending} onClick={() => exportCsv.mutate(encoding)}>
        {exportCsv.isPending ? t('completed.export.working') : t('completed.export.button')}
      </button>
      <ErrorMessage error={exportCsv.error} />
      {exportCsv.data && exportCsv.data.unencodable.length > 0 && (
        <Cp932Losses
          losses={exportCsv.data.unencodable}
          onUtf8={() => {
            setEncoding('utf8-bom');
            exportCsv.mutate('utf8-bom');
          }}
        />
      )}
    </div>
  );
}
