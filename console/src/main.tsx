import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider } from './lib/i18n';
import { loadSettings } from './lib/settings';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
loadSettings().then(
  (settings) =>
    root.render(
      <StrictMode>
        <I18nProvider>
          <App settings={settings} />
        </I18nProvider>
      </StrictMode>,
    ),
  () =>
    root.render(
      <main className="alert alert-unreachable" role="alert" lang="ar">
        الجهة لا تستجيب: تعذّر الوصول إلى البوابة. — The node is not answering: its gateway cannot be reached.
      </main>,
    ),
);
