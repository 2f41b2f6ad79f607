import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CrosssellConfig } from '../../../electron/core/api/types';
import { useApi } from '../api/context';
import { ErrorMessage } from '../components/ErrorMessage';
import { ConfigForm } from './ConfigForm';
import { copyNameFor } from './copy-name';
import { valuesOf, type FormValues } from './form-values';

/** Every setting of the source, its login ref included (seed 000 補足②), under a name marked as a copy. */
function copyValues(source: CrosssellConfig, name: string): FormValues {
  return { ...valuesOf(source), name };
}

/** A saved config by id, a new one, or a copy of one not yet saved. */
export type EditorTarget = number | 'new' | { copyOf: CrosssellConfig };

interface Props {
  target: EditorTarget;
  onSaved: (config: CrosssellConfig) => void;
  onClose: () => void;
  onDirtyChange: (dirty: boolean) => void;
  /** Said beside the save button after a save. */
  status?: string;
}

export function ConfigEditor({ target, onSaved, onClose, onDirtyChange, status }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const id = typeof target === 'number' ? target : undefined;
  const source = typeof target === 'object' ? target.copyOf : undefined;
  const title = source ? t('crosssell.editor.copyTitle') : id === undefined ? t('crosssell.editor.newTitle') : t('crosssell.editor.editTitle', { id });
  const config = useQuery({
    queryKey: ['crosssell.get', id],
    queryFn: () => api.call('crosssell.get', { id: id! }),
    enabled: id !== undefined,
  });
  // A copy names the product it was copied with until staff save it with its own.
  const shown = config.data ?? source;
  // The list beside the editor has it already; a copy is named so it does not clash with any of them.
  const list = useQuery({ queryKey: ['crosssell.list'], queryFn: () => api.call('crosssell.list', {}), enabled: source !== undefined });

  return (
    <section className="panel crosssell-editor" aria-labelledby="crosssell-editor-title">
      <header className="panel-header">
        <div className="editor-title">
          <h2 id="crosssell-editor-title">{title}</h2>
          {shown && (
            <p className="editor-product" translate="no" data-testid="crosssell-editor-product">
              {t('crosssell.editor.product', { name: shown.productName, code: shown.productCode })}
            </p>
          )}
        </div>
        <button type="button" onClick={onClose}>
          {t('crosssell.editor.close')}
        </button>
      </header>
      {source && (
        <p className="notice" role="status" data-testid="crosssell-copy-opened">
          {t('crosssell.editor.copyOpened', { source: source.name })}
        </p>
      )}
      <ErrorMessage error={config.error} />
      {target === 'new' && <ConfigForm key="new" onSaved={onSaved} onDirtyChange={onDirtyChange} />}
      {source && (
        <ConfigForm
          key={`copy-of-${source.id}@${source.updatedAt}`}
          draft={copyValues(source, copyNameFor(t, source.name, list.data?.map((c) => c.name) ?? [source.name]))}
          onSaved={onSaved}
          onDirtyChange={onDirtyChange}
        />
      )}
      {id !== undefined && config.isPending && <p className="muted">{t('crosssell.editor.loading')}</p>}
      {/* A new key per saved version: the form starts again from what the cloud now holds. */}
      {config.data && (
        <ConfigForm key={`${config.data.id}@${config.data.updatedAt}`} config={config.data} onSaved={onSaved} onDirtyChange={onDirtyChange} status={status} />
      )}
    </section>
  );
}
