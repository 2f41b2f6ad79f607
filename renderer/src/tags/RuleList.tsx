import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/context';
import { ConfirmDelete } from '../components/ConfirmDelete';
import { ErrorMessage } from '../components/ErrorMessage';
import type { Rule } from './rule-form';
import { CoreRefusal } from './RuleForm';

interface Props {
  selectedId: number | undefined;
  onOpen: (id: number) => void;
  onNew: () => void;
  /** Called after a delete, so an editor showing that rule closes. */
  onDeleted: (rule: Rule) => void;
}

/** The rules in the order they run: creation order (seed 002: 設定した順に自動付与・削除). */
export function RuleList({ selectedId, onOpen, onNew, onDeleted }: Props) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: ['tagRules.list'], queryFn: () => api.call('tagRules.list', {}) });
  const [confirming, setConfirming] = useState<Rule | undefined>();
  const remove = useMutation({
    mutationFn: (rule: Rule) => api.call('tagRules.delete', { id: rule.id }),
    onSuccess: (_result, rule) => {
      setConfirming(undefined);
      void queryClient.invalidateQueries({ queryKey: ['tagRules.list'] });
      void queryClient.invalidateQueries({ queryKey: ['tags.list'] });
      queryClient.removeQueries({ queryKey: ['tagRules.get', rule.id] });
      onDeleted(rule);
    },
  });

  return (
    <section className="panel tag-rule-list" aria-labelledby="tag-rules-title">
      <header className="panel-header">
        <h2 id="tag-rules-title">{t('tagScreen.rules.title')}</h2>
        <button type="button" className="primary" onClick={onNew}>
          {t('tagScreen.rules.add')}
        </button>
      </header>
      <p className="help">{t('tagScreen.rules.order')}</p>
      <ErrorMessage error={list.error} />
      {list.data?.length === 0 && <p className="muted">{t('tagScreen.rules.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <table className="compact tag-rule-table">
          <thead>
            <tr>
              <th scope="col">{t('tagScreen.rules.col.order')}</th>
              <th scope="col">{t('tagScreen.rules.col.name')}</th>
              <th scope="col">{t('tagScreen.rules.col.tag')}</th>
              <th scope="col">{t('tagScreen.rules.col.action')}</th>
              <th scope="col">{t('tagScreen.rules.col.match')}</th>
              <th scope="col">{t('tagScreen.rules.col.enabled')}</th>
              <th scope="col">{t('tagScreen.rules.col.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((rule, index) => (
              <tr key={rule.id} data-id={rule.id} data-enabled={rule.enabled} className={rule.id === selectedId ? 'selected' : undefined}>
                <td className="order">{index + 1}</td>
                <td className="name" translate="no">
                  {rule.name}
                </td>
                <td className="tag" translate="no">
                  {rule.tagName ?? `#${rule.tagId}`}
                </td>
                <td className="action" data-action={rule.action}>
                  {t(`tagScreen.action.${rule.action}`)}
                </td>
                <td className="match">
                  {rule.match === 'all'
                    ? t('tagScreen.rules.matchAll', { count: rule.groups[0]?.length ?? 0 })
                    : t('tagScreen.rules.matchAny', { count: rule.groups.length })}
                </td>
                <td className="enabled">{rule.enabled ? t('tagScreen.rules.on') : t('tagScreen.rules.off')}</td>
                <td className="row-actions">
                  <button type="button" onClick={() => onOpen(rule.id)}>
                    {t('tagScreen.rules.edit')}
                  </button>
                  <button type="button" className="danger" onClick={() => setConfirming(rule)}>
                    {t('tagScreen.rules.delete')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {confirming && (
        <ConfirmDelete
          textId="tag-rule-confirm-text"
          text={t('tagScreen.rules.confirmDelete', { name: confirming.name })}
          confirmLabel={t('tagScreen.rules.confirmDeleteYes')}
          cancelLabel={t('tagScreen.rules.cancel')}
          pending={remove.isPending}
          onConfirm={() => remove.mutate(confirming)}
          onCancel={() => {
            setConfirming(undefined);
            remove.reset();
          }}
        >
          <CoreRefusal heading={t('tagScreen.failed.delete')} error={remove.error} testId="tag-rule-delete-error" />
        </ConfirmDelete>
      )}
    </section>
  );
}
