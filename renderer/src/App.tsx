import { useTranslation } from 'react-i18next';
import { ConnectionBadge } from './components/ConnectionBadge';
import { LanguageSelect } from './components/LanguageSelect';
import { MemberSearch } from './components/MemberSearch';
import { SyncStatusPanel } from './components/SyncStatusPanel';

export function App() {
  const { t } = useTranslation();
  return (
    <div className="app">
      <header className="topbar">
        <h1>
          {t('app.title')} <small>{t('app.subtitle')}</small>
        </h1>
        <ConnectionBadge />
        <LanguageSelect />
      </header>
      <main className="content">
        <SyncStatusPanel />
        <MemberSearch />
      </main>
    </div>
  );
}
