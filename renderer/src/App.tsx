import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesktopShell } from './api/desktop-shell';
import { useLiveRefresh } from './api/use-live-refresh';
import { NeedsPersonAlerts } from './clerk/NeedsPersonAlerts';
import { ConnectionBadge } from './components/ConnectionBadge';
import { LanguageSelect } from './components/LanguageSelect';
import { LeaveGuardProvider, useMayLeave } from './components/leave-guard';
import { ShopTimeProvider, TimeZoneSelect, useShopTimeZone } from './components/ShopTime';
import { Navigation, type Screen } from './components/Navigation';
import { CompletedScreen } from './completed/CompletedScreen';
import { CrosssellScreen } from './crosssell/CrosssellScreen';
import { LocDashboard } from './loc/LocDashboard';
import { MembersScreen } from './members/MembersScreen';
import { useFollowMemberLinks } from './members/member-link';
import { RobotConsole } from './robot/RobotConsole';
import { SecretsNotice } from './secrets/SecretsNotice';
import { SettingsScreen } from './settings/SettingsScreen';
import { SetupFlow } from './settings/SetupFlow';
import { useSettings } from './settings/use-settings';
import { CurrentStaff } from './staff/CurrentStaff';
import { StaffScreen } from './staff/StaffScreen';
import { SyncScreen } from './sync/SyncScreen';
import { TagsScreen } from './tags/TagsScreen';
import { UpdateNotice } from './update/UpdateNotice';

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
      <LeaveGuardProvider>
        <ShopTimeProvider>
          <Screens />
        </ShopTimeProvider>
      </LeaveGuardProvider>
    </QueryClientProvider>
  );
}

/** What a link from another screen asked to open: a request's details, or the dashboard filtered by a status. */
interface Opened {
  requestId?: number;
  status?: string;
  /** Changes with every link followed, so following one to the screen already open opens it anew. */
  serial: number;
}

function Screens() {
  const { i18n } = useTranslation();
  const [screen, setScreen] = useState<Screen>('dashboard');
  const [opened, setOpened] = useState<Opened>({ serial: 0 });
  const mayLeave = useMayLeave();
  // Every time is formatted in the shop's zone; reading it here re-renders the screens below with a
  // new zone, in place, so an open member page, a filter or a half-typed form stays as it was.
  const timeZone = useShopTimeZone();
  useLiveRefresh();
  // From a needs-person alert to that request's details; a member link is a plain link (MemberLink).
  const openRequest = (requestId: number) => {
    if (!mayLeave()) return;
    setOpened((o) => ({ requestId, serial: o.serial + 1 }));
    setScreen('dashboard');
  };
  // From the desktop app's notification or tray: one request, or the 手動対応 list for several.
  useDesktopShell((target) => {
    if (target.kind === 'request') return openRequest(target.id);
    if (!mayLeave()) return;
    setOpened((o) => ({ status: 'needs_manual', serial: o.serial + 1 }));
    setScreen('dashboard');
  }, i18n.language);
  // A member link asks before it is followed (MemberLink), so the switch itself does not ask again.
  useFollowMemberLinks(useCallback(() => setScreen('members'), []));
  // A new shop (or one with no cloud address at all) gets the first-run flow instead of the screens;
  // a shop whose token this PC cannot read keeps its screens and the banner asking for it again.
  // Until the core has said, the screens.
  const settings = useSettings().data;
  const firstRun = settings && !settings.setup.complete && (settings.setup.inProgress || settings.setup.required.includes('cloudUrl'));
  if (settings && firstRun) {
    return (
      <div className="app">
        <header className="topbar">
          <AppTitle />
          <UpdateNotice />
          <TimeZoneSelect />
          <LanguageSelect />
        </header>
        <main className="screen" data-screen="setup" data-time-zone={timeZone}>
          <SetupFlow settings={settings} />
        </main>
      </div>
    );
  }
  return (
    <div className="app">
      <header className="topbar">
        <AppTitle />
        <CurrentStaff />
        <UpdateNotice />
        <ConnectionBadge />
        <TimeZoneSelect />
        <LanguageSelect />
      </header>
      <Navigation current={screen} onChange={(next) => next !== screen && mayLeave() && setScreen(next)} />
      <SecretsNotice />
      <main className="screen" data-screen={screen} data-time-zone={timeZone}>
        <ScreenBody screen={screen} opened={opened} />
      </main>
      <NeedsPersonAlerts onOpen={openRequest} />
    </div>
  );
}

function ScreenBody({ screen, opened }: { screen: Screen; opened: Opened }) {
  switch (screen) {
    case 'dashboard':
      return (
        <LocDashboard
          key={`loc-${opened.serial}`}
          {...(opened.requestId ? { initialSelectedId: opened.requestId } : {})}
          {...(opened.status ? { initialStatus: opened.status } : {})}
        />
      );
    case 'completed':
      return <CompletedScreen />;
    case 'crosssell':
      return <CrosssellScreen />;
    case 'members':
      return <MembersScreen />;
    case 'tags':
      return <TagsScreen />;
    case 'robot':
      return <RobotConsole />;
    case 'sync':
      return <SyncScreen />;
    case 'staff':
      return <StaffScreen />;
    case 'settings':
      return <SettingsScreen />;
  }
}

function AppTitle() {
  const { t } = useTranslation();
  return (
    <h1>
      {t('app.title')} <small>{t('app.subtitle')}</small>
    </h1>
  );
}
