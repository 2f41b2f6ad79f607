import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi, useCoreEvent } from '../api/context';
import { formatCount } from '../format';

const KEY = ['tagRules.progress'];

/**
 * While the rules are being applied to every member (after a save, or at the first run), how many
 * members are done: read once when the screen opens, then kept by the core's progress events.
 */
export function RuleProgress() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const progress = useQuery({ queryKey: KEY, queryFn: () => api.call('tagRules.progress', {}) });
  useCoreEvent('tagRules.progress', (event) => queryClient.setQueryData(KEY, event.running ? event : null));
  const current = progress.data;
  if (!current?.running) return null;
  const lng = i18n.language;
  return (
    <p className="rule-progress" role="status" data-testid="tag-rule-progress">
      <span>{t('tagScreen.progress.running', { done: formatCount(current.done, lng), total: formatCount(current.total, lng) })}</span>
      <progress max={current.total} value={current.done} aria-hidden="true" />
    </p>
  );
}
