import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';

interface Refused {
  unknown: number[];
  alreadyDone: number[];
}

function refusedIds(error: unknown): Refused | null {
  if (!(error instanceof ApiCallError) || error.kind !== 'conflict') return null;
  const d = error.details as Partial<Refused> | undefined;
  const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);
  const refused = { unknown: ids(d?.unknown), alreadyDone: ids(d?.alreadyDone) };
  return refused.unknown.length + refused.alreadyDone.length > 0 ? refused : null;
}

const list = (ids: number[]) => ids.map((id) => `#${id}`).join(', ');

/**
 * loc.complete is all or nothing; when it refuses, the clerk is told that nothing changed and
 * which requests stood in the way, and can take those out of the selection to go on.
 */
export function CompletionError({ error, onDrop }: { error: unknown; onDrop?: (ids: number[]) => void }) {
  const { t } = useTranslation();
  const refused = refusedIds(error);
  if (!refused) return <ErrorMessage error={error} />;
  const blocking = [...refused.alreadyDone, ...refused.unknown];
  return (
    <div className="error completion-refused" role="alert">
      <p>{t('completed.complete.refused')}</p>
      <ul>
        {refused.alreadyDone.length > 0 && <li>{t('completed.complete.alreadyDone', { ids: list(refused.alreadyDone) })}</li>}
        {refused.unknown.length > 0 && <li>{t('completed.complete.unknown', { ids: list(refused.unknown) })}</li>}
      </ul>
      {onDrop && (
        <button type="button" onClick={() => onDrop(blocking)}>
          {t('completed.complete.dropRefused', { count: blocking.length })}
        </button>
      )}
    </div>
  );
}
