import { useTranslation } from 'react-i18next';
import { completionLabelKey, type CompletionStatus } from './completion-statuses';

export interface NextRequest {
  done: number;
  completionStatus: CompletionStatus;
  next: number | null;
}

/** What was just completed, which request opened after it, and the way back to the completed one. */
export function NextRequestNotice({ value, onBack }: { value: NextRequest; onBack: (id: number) => void }) {
  const { t } = useTranslation();
  const status = t(completionLabelKey(value.completionStatus));
  return (
    <p role="status" className="notice next-request" data-testid="next-request-notice">
      {value.next === null
        ? t('clerk.next.none', { done: value.done, status })
        : t('clerk.next.opened', { done: value.done, status, next: value.next })}{' '}
      <button type="button" className="link" onClick={() => onBack(value.done)}>
        {t('clerk.next.back', { id: value.done })}
      </button>
    </p>
  );
}
