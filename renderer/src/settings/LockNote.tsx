import { useTranslation } from 'react-i18next';

/** An item the shell was started with (a flag, a variable, a file), or one with nowhere safe to keep it. */
export function LockNote({ lock }: { lock: { by: string; name: string } }) {
  const { t } = useTranslation();
  const key = lock.by === 'noStore' ? 'settings.noStore' : 'settings.fromShell';
  return (
    <p className="help" data-testid="lock-note">
      {t(key, { name: lock.name })}
    </p>
  );
}
