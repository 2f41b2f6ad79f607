import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrosssellConfig } from '../../../electron/core/api/types';
import { useApi } from '../api/context';
import { ConfirmDelete } from '../components/ConfirmDelete';
import { ErrorMessage } from '../components/ErrorMessage';
import { ZoneLabel } from '../components/ShopTime';
import { formatTokyoTime } from '../format';
import { Refusal } from './Refusal';

interface Props {
  selectedId: number | undefined;
  onOpen: (id: number) => void;
  onNew: () => void;
  /** 複製: the config to open a copy of in the editor (nothing is saved until staff save it). */
  onDuplicate: (source: CrosssellConfig) => void;
  /** Called after a delete, so an editor showing that config closes. */
  onDeleted: (config: CrosssellConfig) => void;
  /** What was just done in the list (deleted), in the current language. */
  notice?: string;
}

export function ConfigList({ selectedId, onOpen, onNew, onDuplicate, onDeleted, notice }: Props) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['crosssell.list'], queryFn: () => api.call('crosssell.list', {}) });
  const [confirming, setConfirming] = useState<CrosssellConfig | undefined>();

  const remove = useMutation({
    mutationFn: (config: CrosssellConfig) => api.call('crosssell.delete', { id: config.id }),
    onSuccess: (_result, config) => {
      setConfirming(undefined);
      void queryClient.invalidateQueries({ queryKey: ['crosssell.list'] });
      queryClient.removeQueries({ queryKey: ['crosssell.get', config.id] });
      onDeleted(config);
    },
  });

  return (
    <section className="panel crosssell-list" aria-labelledby="crosssell-title">
      <header className="panel-header">
        <h2 id="crosssell-title">{t('crosssell.title')}</h2>
        <button type="button" className="primary" onClick={onNew}>
          {t('crosssell.list.add')}
        </button>
      </header>
      {/* Above the list, where the row just acted on was: a line under a long list is not seen. */}
      {notice && (
        <p className="notice" role="status" data-testid="crosssell-notice">
          {notice}
        </p>
      )}
      <ErrorMessage error={list.error} />
      {list.data?.length === 0 && <p className="muted">{t('crosssell.list.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <table className="compact crosssell-table">
          <thead>
            <tr>
              <th scope="col">{t('crosssell.list.col.name')}</th>
              <th scope="col">{t('crosssell.list.col.product')}</th>
              <th scope="col">{t('crosssell.list.col.kind')}</th>
              <th scope="col" className="time">
                {t('crosssell.list.col.updatedAt')} <ZoneLabel />
              </th>
              <th scope="col">{t('crosssell.list.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((config) => (
              <tr key={config.id} data-id={config.id} className={config.id === selectedId ? 'selected' : undefined}>
                <td className="name" translate="no">
                  {config.name}
                </td>
                <td className="product" translate="no">
                  <span className="product-name">{config.productName}</span> <span className="code">{config.productCode}</span>
                </td>
                <td className="kind">{t(`crosssell.kind.${config.kind}`)}</td>
                <td className="time">{formatTokyoTime(config.updatedAt, i18n.language)}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => onOpen(config.id)}>
                    {t('crosssell.list.edit')}
                  </button>
                  <button type="button" onClick={() => onDuplicate(config)}>
                    {t('crosssell.list.duplicate')}
                  </button>
                  <button type="button" className="danger" onClick={() => setConfirming(config)}>
                    {t('crosssell.list.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming && (
        <ConfirmDelete
          textId="crosssell-confirm-text"
          text={t('crosssell.list.confirmDelete', { name: confirming.name, product: `${confirming.productName} ${confirming.productCode}` })}
          confirmLabel={t('crosssell.list.confirmDeleteYes')}
          cancelLabel={t('crosssell.list.cancel')}
          pending={remove.isPending}
          onConfirm={() => remove.mutate(confirming)}
          onCancel={() => {
            setConfirming(undefined);
            remove.reset();
          }}
        >
          <Refusal action="delete" error={remove.error} />
        </ConfirmDelete>
      )}
    </section>
  );
}
