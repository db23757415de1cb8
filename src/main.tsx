import { StrictMode, startTransition } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider } from '@lingui/react';
import { App } from './app/App';
import { preloadPage } from './app/pages';
import { activateLocale, i18n, preferredLocale } from './i18n';
import { db } from './client/db';
import { shareLocale } from './db/locale';
import { engineClient } from './client/engineClient';
import './client/install';
import './app/styles.css';

/**
 * Framed by another site (where no header stopped it, e.g. a host that cannot send
 * frame-ancestors): the app does not start, so the framing page can reach nothing of it.
 */
function framedByAnotherSite(): boolean {
  if (window.top === window.self) return false;
  try {
    return window.top!.location.origin !== window.location.origin;
  } catch {
    return true;
  }
}

if (framedByAnotherSite()) {
  document.getElementById('root')!.textContent =
    'Localflow cannot be shown inside another site. Open it in its own tab.';
} else {
  // The UI's language is loaded before the first render, so nothing shows in the wrong one; the
  // engine's hosts write run failures and notifications in it too.
  const locale = preferredLocale();
  // The page this tab opens on is fetched while the workspace is checked.
  void preloadPage(location.pathname);
  shareLocale(db, locale).then(
    (changed) => {
      if (changed) void engineClient().kick({ locale: true });
    },
    () => {},
  );
  void activateLocale(locale).then(() =>
    startTransition(() =>
      createRoot(document.getElementById('root')!).render(
        <StrictMode>
          <I18nProvider i18n={i18n}>
            <App />
          </I18nProvider>
        </StrictMode>,
      ),
    ),
  );
}
