import { useTranslation } from 'react-i18next';
import { formatCount } from '../format';
import { CompletionForm, type CompletionDone } from './CompletionForm';
import { MAX_BULK } from './selection';
import './completion.css';

interface Props {
  picked: ReadonlySet<number>;
  onClear: () => void;
  onDrop: (ids: number[]) => void;
  onCompleted: (done: CompletionDone) => void;
}

/** Shown while rows are ticked: how many, and the completion form for all of them at once. */
export function BulkCompletionBar({ picked, onClear, onDrop, onCompleted }: Props) {
  const { t, i18n } = useTranslation();
  const ids = [...picked].sort((a, b) => a - b);
  const tooMany = ids.length > MAX_BULK;
  return (
    <section className="bulk-bar" aria-label={t('completed.bulk.label')}>
      <header>
        <strong data-testid="bulk-count">{t('completed.bulk.count', { count: ids.length, formatted: formatCount(ids.length, i18n.language) })}</strong>
        <button type="button" onClick={onClear}>
          {t('completed.bulk.clear')}
        </button>
      </header>
      {tooMany && (
        <p className="error" role="alert">
          {t('completed.bulk.tooMany', { max: MAX_BULK })}
        </p>
      )}
      <CompletionForm ids={ids} disabled={tooMany} onDrop={onDrop} onCompleted={onCompleted} />
    </section>
  );
}
