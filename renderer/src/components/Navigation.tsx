import { useTranslation } from 'react-i18next';

export const screens = ['dashboard', 'completed', 'crosssell', 'members', 'tags', 'robot', 'sync'] as const;
export type Screen = (typeof screens)[number];

export function Navigation({ current, onChange }: { current: Screen; onChange: (screen: Screen) => void }) {
  const { t } = useTranslation();
  return (
    <nav className="screens" aria-label={t('nav.label')}>
      {screens.map((screen) => (
        <button
          key={screen}
          type="button"
          aria-current={screen === current ? 'page' : undefined}
          data-screen={screen}
          onClick={() => onChange(screen)}
        >
          {t(`nav.${screen}`)}
        </button>
      ))}
    </nav>
  );
}
