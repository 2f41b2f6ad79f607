import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { TantoBridgeWindow } from '../../electron/core/api/types';
import { App } from './App';
import { createApiClient, type ApiClient } from './api/client';
import { ApiProvider } from './api/context';
import { createHttpTransport } from './api/http-transport';
import { createIpcTransport } from './api/ipc-transport';
import { takeToken } from './api/token';
import { MissingToken } from './components/MissingToken';
import { setupI18n } from './i18n';
import { ReplicaGate } from './replica/ReplicaGate';
import './styles.css';

setupI18n();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

/**
 * In Electron the preload's bridge is the way to the core and no token is needed: only the app's
 * own window can use it. In a browser the headless shell's URL carries the token.
 */
function connect(): ApiClient | null {
  const bridge = (window as Window & TantoBridgeWindow).tanto;
  if (bridge) return createApiClient(createIpcTransport(bridge));
  const token = takeToken({ location: window.location, history: window.history, storage: window.sessionStorage });
  return token ? createApiClient(createHttpTransport({ baseUrl: window.location.origin, token })) : null;
}

const api = connect();

createRoot(container).render(
  <StrictMode>
    {api ? (
      <ApiProvider value={api}>
        <ReplicaGate>
          <App />
        </ReplicaGate>
      </ApiProvider>
    ) : (
      <MissingToken />
    )}
  </StrictMode>,
);
