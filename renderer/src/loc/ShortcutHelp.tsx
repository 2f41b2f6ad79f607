import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

const keys: ReadonlyArray<{ keys: string[]; what: string }> = [
  { keys: ['j', '↓'], what: 'down' },
  { keys: ['k', '↑'], what: 'up' },
  { keys: ['Enter', 'o'], what: 'enter' },
  { keys: ['c'], what: 'complete' },
  { keys: ['1', '2', '3', '4'], what: 'status' },
  { keys: ['s'], what: 'submit' },
  { keys: ['n'], what: 'next' },
  { keys: ['m'], what: 'member' },
  { keys: ['Esc'], what: 'escape' },
  { keys: ['?'], what: 'help' },
];

/** The dashboard's keyboard shortcuts, opened with ? or its button, closed with Esc. */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    // Back where the clerk was, so the path goes on from the same row.
    return () => before?.focus();
  }, []);
  return (
    <div
      className="floating-panel shortcut-help"
      role="dialog"
      aria-modal="true"
      aria-labelledby="shortcut-help-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape' || e.key === '?') {
          e.preventDefault();
          onClose();
        }
      }}
    >
      <header className="panel-header">
        <h3 id="shortcut-help-title">{t('clerk.shortcuts.title')}</h3>
        <button type="button" ref={close} onClick={onClose}>
          {t('clerk.shortcuts.close')}
        </button>
      </header>
      <table className="compact">
        <tbody>
          {keys.map((k) => (
            <tr key={k.what}>
              <th scope="row">
                {k.keys.map((key) => (
                  <kbd key={key}>{key}</kbd>
                ))}
              </th>
              <td>{t(`clerk.shortcuts.${k.what}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">{t('clerk.shortcuts.hint')}</p>
    </div>
  );
}
