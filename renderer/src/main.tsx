import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { createApiClient } from './api/client';
import { ApiProvider } from './api/context';
import { createHttpTransport } from './api/http-transport';
import { takeToken } from './api/token';
import { MissingToken } from './components/MissingToken';
import { setupI18n } from './i18n';
import './styles.css';

setupI18n();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element.');

const token = takeToken({ location: window.location, history: window.history, storage: window.sessionStorage });

createRoot(container).render(
  <StrictMode>
    {token ? (
      <ApiProvider value={createApiClient(createHttpTransport({ baseUrl: window.location.origin, token }))}>
        <App />
      </ApiProvider>
    ) : (
      <MissingToken />
    )}
  </StrictMode>,
);
