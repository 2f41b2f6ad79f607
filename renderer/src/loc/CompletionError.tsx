import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../api/client';
import { ErrorMessage } from '../components/ErrorMessage';
import { formatTokyoClock } from '../format';
import { workstationName } from './workstation';

interface HeldRequest {
  id: number;
  holder: string;
  /** This workstation as the shop named it, when its own robot holds the request. */
  holderName?: string | null;
  since: string;
  here: boolean;
}

interface Refused {
  unknown: number[];
  alreadyDone: number[];
  held: HeldRequest[];
}

const isHeld = (v: unknown): v is HeldRequest => {
  const h = v as Partial<HeldRequest> | null;
  return typeof h?.id === 'number' && typeof h.holder === 'string' && typeof h.since === 'string' && typeof h.here === 'boolean';
};

function refusedIds(error: unknown): Refused | null {
  if (!(error instanceof ApiCallError) || error.kind !== 'conflict') return null;
  const d = error.details as Partial<Record<keyof Refused, unknown>> | undefined;
  const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : []);
  const refused = { unknown: ids(d?.unknown), alreadyDone: ids(d?.alreadyDone), held: Array.isArray(d?.held) ? d.held.filter(isHeld) : [] };
  return refused.unknown.length + refused.alreadyDone.length + refused.held.length > 0 ? refused : null;
}

const list = (ids: number[]) => ids.map((id) => `#${id}`).join(', ');

/**
 * loc.complete is all or nothing; when it refuses, the clerk is told that nothing changed and
 * which requests stood in the way (finished already, gone, or in a robot's hands: whose and
 * since when), and can take those out of the selection to go on.
 */
export function CompletionError({ error, onDrop }: { error: unknown; onDrop?: (ids: number[]) => void }) {
  const { t, i18n } = useTranslation();
  const refused = refusedIds(error);
  if (!refused) return <ErrorMessage error={error} />;
  const blocking = [...refused.alreadyDone, ...refused.unknown, ...refused.held.map((h) => h.id)];
  const heldText = (h: HeldRequest) => {
    const args = { id: h.id, workstation: h.holderName || workstationName(h.holder), since: formatTokyoClock(h.since, i18n.language) };
    if (!h.here) return t('completed.complete.heldElsewhere', args);
    return args.workstation ? t('completed.complete.heldHere', args) : t('completed.complete.heldHereUnnamed', args);
  };
  return (
    <div className="error completion-refused" role="alert">
      <p>{t('completed.complete.refused')}</p>
      <ul>
        {refused.alreadyDone.length > 0 && <li>{t('completed.complete.alreadyDone', { ids: list(refused.alreadyDone) })}</li>}
        {refused.unknown.length > 0 && <li>{t('completed.complete.unknown', { ids: list(refused.unknown) })}</li>}
        {refused.held.map((h) => (
          <li key={h.id} data-testid="held-refusal">
            {heldText(h)}
          </li>
        ))}
      </ul>
      {refused.held.length > 0 && <p className="muted">{t('completed.complete.heldHint')}</p>}
      {onDrop && (
        <button type="button" onClick={() => onDrop(blocking)}>
          {t('completed.complete.dropRefused', { count: blocking.length })}
        </button>
      )}
    </div>
  );
}
