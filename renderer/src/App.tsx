import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveRefresh } from './api/use-live-refresh';
import { ConnectionBadge } from './components/ConnectionBadge';
import { LanguageSelect } from './components/LanguageSelect';
import { MemberSearch } from './components/MemberSearch';
import { Navigation, type Screen } from './components/Navigation';
import { SyncStatusPanel } from './components/SyncStatusPanel';
import { LocDashboard } from './loc/LocDashboard';
import { RobotConsole } from './robot/RobotConsole';

/**
 * @tanstack/react-query holds every answer from the core: one cache per page load, shared by the
 * screens, deduplicating the same call from two components and refetching only what is on screen
 * when an event marks it stale. Focus refetching is off because events already say what changed.
 */
function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 } },
  });
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <Screens />
    </QueryClientProvider>
  );
}

function Screens() {
  const { t } = useTranslation();
  const [screen, setScreen] = useState<Screen>('dashboard');
  useLiveRefresh();
  return (
    <div className="app">
      <header className="topbar">
        <h1>
          {t('app.title')} <small>{t('app.subtitle')}</small>
        </h1>
        <ConnectionBadge />
        <LanguageSelect />
      </header>
      <Navigation current={screen} onChange={setScreen} />
      {screen === 'dashboard' && (
        <main className="screen">
          <LocDashboard />
        </main>
      )}
      {screen === 'robot' && (
        <main className="screen">
          <RobotConsole />
        </main>
      )}
      {screen === 'members' && (
        <main className="content">
          <SyncStatusPanel />
          <MemberSearch />
        </main>
      )}
    </div>
  );
}
