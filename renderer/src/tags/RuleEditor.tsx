import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import type { Rule } from './rule-form';
import { RuleForm } from './RuleForm';

interface Props {
  /** 'new' for a rule not yet saved. */
  target: number | 'new';
  onSaved: (rule: Rule) => void;
  onClose: () => void;
  onDirtyChange: (dirty: boolean) => void;
}

export function RuleEditor({ target, onSaved, onClose, onDirtyChange }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const id = target === 'new' ? undefined : target;
  const rule = useQuery({
    queryKey: ['tagRules.get', id],
    queryFn: () => api.call('tagRules.get', { id: id! }),
    enabled: id !== undefined,
  });

  return (
    <section className="panel tag-rule-editor" aria-labelledby="tag-rule-editor-title">
      <header className="panel-header">
        <h2 id="tag-rule-editor-title">{id === undefined ? t('tagScreen.editor.newTitle') : t('tagScreen.editor.editTitle', { id })}</h2>
        <button type="button" onClick={onClose}>
          {t('tagScreen.editor.close')}
        </button>
      </header>
      <p className="help">{t('tagScreen.editor.schedule')}</p>
      <ErrorMessage error={rule.error} />
      {id === undefined && <RuleForm key="new" onSaved={onSaved} onDirtyChange={onDirtyChange} />}
      {id !== undefined && rule.isPending && <p className="muted">{t('tagScreen.editor.loading')}</p>}
      {/* A new key per saved version: the form starts again from what the cloud now holds. */}
      {rule.data && <RuleForm key={`${rule.data.id}@${rule.data.updatedAt}`} rule={rule.data} onSaved={onSaved} onDirtyChange={onDirtyChange} />}
    </section>
  );
}
