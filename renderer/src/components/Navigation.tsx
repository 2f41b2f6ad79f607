import { useTranslation } from 'react-i18next';
import { useNeedsPerson } from '../clerk/use-needs-person';
import { formatCount } from '../format';
import '../clerk/clerk.css';

export const screens = ['dashboard', 'completed', 'crosssell', 'members', 'tags', 'robot', 'sync', 'staff', 'settings'] as const;
export type Screen = (typeof screens)[number];

/** Screens whose label lives with the screen's own messages rather than the shared nav block. */
const labelKeys: Partial<Record<Screen, string>> = { staff: 'clerk.nav.staff', settings: 'settings.nav' };

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
          {t(labelKeys[screen] ?? `nav.${screen}`)}
          {screen === 'dashboard' && <NeedsPersonCount />}
        </button>
      ))}
    </nav>
  );
}

/** Open 手動対応 on the dashboard's tab, so a clerk on another screen sees work arrive. */
function NeedsPersonCount() {
  const { t, i18n } = useTranslation();
  const total = useNeedsPerson().data?.total ?? 0;
  if (total === 0) return null;
  const label = t('clerk.nav.needsPerson', { count: total });
  return (
    <span className="nav-count" data-testid="needs-person-count" aria-label={label} title={label}>
      {formatCount(total, i18n.language)}
    </span>
  );
}
