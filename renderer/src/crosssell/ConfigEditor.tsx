import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CrosssellConfig } from '../../../electron/core/api/types';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import { ConfigForm } from './ConfigForm';

interface Props {
  /** 'new' for a config not yet saved. */
  target: number | 'new';
  onSaved: (config: CrosssellConfig) => void;
  onClose: () => void;
  onDirtyChange: (dirty: boolean) => void;
}

export function ConfigEditor({ target, onSaved, onClose, onDirtyChange }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const id = target === 'new' ? undefined : target;
  const config = useQuery({
    queryKey: ['crosssell.get', id],
    queryFn: () => api.call('crosssell.get', { id: id! }),
    enabled: id !== undefined,
  });

  return (
    <section className="panel crosssell-editor" aria-labelledby="crosssell-editor-title">
      <header className="panel-header">
        <h2 id="crosssell-editor-title">{id === undefined ? t('crosssell.editor.newTitle') : t('crosssell.editor.editTitle', { id })}</h2>
        <button type="button" onClick={onClose}>
          {t('crosssell.editor.close')}
        </button>
      </header>
      <ErrorMessage error={config.error} />
      {id === undefined && <ConfigForm key="new" onSaved={onSaved} onDirtyChange={onDirtyChange} />}
      {id !== undefined && config.isPending && <p className="muted">{t('crosssell.editor.loading')}</p>}
      {/* A new key per saved version: the form starts again from what the cloud now holds. */}
      {config.data && <ConfigForm key={`${config.data.id}@${config.data.updatedAt}`} config={config.data} onSaved={onSaved} onDirtyChange={onDirtyChange} />}
    </section>
  );
}
