import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SecretLabel } from '../../../electron/core/api/types';
import { ApiCallError, type ArgsOf, type ResultOf } from '../api/client';
import { useApi } from '../api/context';
import { useConnectionState } from '../api/use-connection';
import { ErrorMessage } from '../components/ErrorMessage';
import './secrets.css';

type Status = ResultOf<'secrets.status'>;
type Entry = Status['secrets'][number];
const QUERY_KEY = ['secrets.status'];

/**
 * A banner above every screen when a stored secret cannot be used here: one this computer
 * cannot decrypt (encrypted on another PC or Windows user), one the app needs and lacks, or a
 * computer that offers no real protection. It names each in staff's words and lets them enter
 * it again; values are never shown or read back.
 */
export function SecretsNotice() {
  const { t } = useTranslation();
  const api = useApi();
  const connection = useConnectionState();
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: QUERY_KEY, queryFn: () => api.call('secrets.status', {}), enabled: connection === 'open' });
  // A core that started again (after a new cloud token) is asked afresh.
  useEffect(() => {
    if (connection === 'open') void queryClient.invalidateQueries({ queryKey: QUERY_KEY });
  }, [connection, queryClient]);

  const data = status.data;
  if (!data) return null;
  if (data.protection === 'refused' || data.protection === 'unreadable') {
    return (
      <section className="secrets-notice" role="alert" data-testid="secrets-notice" data-protection={data.protection}>
        <p>{t(`secrets.protection.${data.protection}`)}</p>
      </section>
    );
  }
  const needed = data.secrets.filter((s) => s.state !== 'present');
  if (needed.length === 0) return null;
  const undecryptable = needed.filter((s) => s.state === 'undecryptable');
  const missing = needed.filter((s) => s.state === 'missing');
  return (
    <section className="secrets-notice" role="alert" aria-labelledby="secrets-notice-title" data-testid="secrets-notice">
      <h2 id="secrets-notice-title">{undecryptable.length > 0 ? t('secrets.title') : t('secrets.titleMissing')}</h2>
      {undecryptable.length > 0 && <p>{t('secrets.undecryptable')}</p>}
      {undecryptable.length > 0 && <SecretList entries={undecryptable} />}
      {missing.length > 0 && <p>{t('secrets.missing')}</p>}
      {missing.length > 0 && <SecretList entries={missing} />}
    </section>
  );
}

function SecretList({ entries }: { entries: Entry[] }) {
  return (
    <ul className="secrets-list">
      {entries.map((entry) => (
        <SecretRow key={entry.name} entry={entry} />
      ))}
    </ul>
  );
}

export function secretLabelKey(label: SecretLabel): { key: string; site?: string } {
  switch (label.kind) {
    case 'cloudToken':
      return { key: 'secrets.label.cloudToken' };
    case 'lineToken':
      return { key: 'secrets.label.lineToken' };
    case 'cartLogin':
      return label.site ? { key: 'secrets.label.cartLogin', site: label.site } : { key: 'secrets.label.cartLoginUnnamed' };
    case 'other':
      return { key: 'secrets.label.other' };
  }
}

function SecretRow({ entry }: { entry: Entry }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { key, site } = secretLabelKey(entry.label);
  const name = t(key, { site });
  return (
    <li data-secret={entry.label.kind} data-state={entry.state}>
      <span className="secrets-name">{name}</span>
      {!open && (
        <button type="button" onClick={() => setOpen(true)}>
          {entry.state === 'missing' ? t('secrets.enter') : t('secrets.enterAgain')}
        </button>
      )}
      {open && <ReEntryForm entry={entry} name={name} onCancel={() => setOpen(false)} />}
    </li>
  );
}

function ReEntryForm({ entry, name, onCancel }: { entry: Entry; name: string; onCancel: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const id = useId();
  const label = entry.label;
  const [value, setValue] = useState('');
  const [baseUrl, setBaseUrl] = useState(label.kind === 'cartLogin' && label.site ? `https://${label.site}` : '');
  const [email, setEmail] = useState('');
  const save = useMutation({
    mutationFn: (args: ArgsOf<'secrets.set'>) => api.call('secrets.set', args),
    onSuccess: (status) => queryClient.setQueryData(QUERY_KEY, status),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (label.kind === 'cartLogin') save.mutate({ secret: 'cartLogin', ref: label.ref, baseUrl: baseUrl.trim(), email: email.trim(), password: value });
    else if (label.kind === 'cloudToken' || label.kind === 'lineToken') save.mutate({ secret: label.kind, value });
  };
  const refused = save.error instanceof ApiCallError && (save.error.details as { reason?: string } | undefined)?.reason === 'refused';
  if (label.kind === 'other') return <p className="muted">{t('secrets.otherHint')}</p>;
  return (
    <form className="secrets-form" onSubmit={submit} aria-label={t('secrets.formLabel', { name })}>
      {label.kind === 'cartLogin' && (
        <>
          <label htmlFor={`${id}-url`}>{t('secrets.field.baseUrl')}</label>
          <input id={`${id}-url`} name="baseUrl" type="url" required value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} />
          <label htmlFor={`${id}-email`}>{t('secrets.field.email')}</label>
          <input id={`${id}-email`} name="email" type="email" required autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
        </>
      )}
      <label htmlFor={`${id}-value`}>{t(label.kind === 'cartLogin' ? 'secrets.field.password' : 'secrets.field.token')}</label>
      <input id={`${id}-value`} name="value" type="password" required autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} />
      <div className="secrets-actions">
        <button type="submit" disabled={save.isPending}>
          {t('secrets.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('secrets.cancel')}
        </button>
      </div>
      {refused ? (
        <p className="error" role="alert">
          {t('secrets.protection.refused')}
        </p>
      ) : (
        <ErrorMessage error={save.error} />
      )}
    </form>
  );
}
