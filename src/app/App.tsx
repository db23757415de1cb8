import { i18n } from '@lingui/core';
import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { Suspense, useDeferredValue, useEffect, useRef, useState } from 'react';
import * as Comlink from 'comlink';
import { codeCutOffByUnload, runCode } from '../client/codeSandbox';
import { watchForNotifications } from '../client/notifications';
import { engineClient } from '../client/engineClient';
import { install, useInstallOffer } from '../client/install';
import { registerServiceWorker } from '../client/serviceWorker';
import { checkWorkspace, readMarker, watchInstall, type WorkspaceMarker } from '../client/workspace';
import { CommandMenu } from './components/CommandMenu';
import { ErrorBoundary } from './components/ErrorBoundary';
import { WorkspaceLost } from './components/WorkspaceLost';
import { ToastList, ToastProvider } from './components/Toasts';
import { NARROW, useEngineStatus, useMediaQuery, useObjects } from './hooks';
import { usePendingForms } from './inbox';
import { PAGES, preloadPage, renderPage } from './pages';
import { Link, navigate, useLocation } from './router';
import { useRouteFocus } from './routeFocus';

export function App() {
  return (
    <ToastProvider>
      <Shell />
    </ToastProvider>
  );
}

function Shell() {
  const path = useLocation();
  useRouteFocus(path.split('?')[0]);
  const [update, setUpdate] = useState<(() => void) | null>(null);
  useEffect(() => registerServiceWorker((apply) => setUpdate(() => apply)), []);
  // Code steps run in this tab's sandbox, whichever worker asks.
  useEffect(() => void engineClient().setCodeRunner(Comlink.proxy(runCode), Comlink.proxy(codeCutOffByUnload)), []);
  useEffect(() => watchForNotifications(), []);
  // A workspace new here gets the demo data; one the browser deleted is reported.
  const [workspace, setWorkspace] = useState<'checking' | 'ok' | WorkspaceMarker>('checking');
  // The page is shown once its code is here (fetching since main.tsx started: then it renders at
  // once). A workspace this browser knows is shown while it is checked; a new one (or one whose
  // marker was cleared) once checked, so a first start shows its demo data, not empty pages.
  const [known] = useState(() => readMarker() !== null);
  const [pageReady, setPageReady] = useState(false);
  useEffect(() => {
    void preloadPage(location.pathname).then(() => setPageReady(true));
    checkWorkspace().then(
      (check) => setWorkspace(check.state === 'lost' ? check.marker : 'ok'),
      (error) => {
        console.error(error);
        setWorkspace('ok');
      },
    );
    return watchInstall();
  }, []);
  useEffect(() => {
    if (path === '/' || path === '') navigate('/objects/person', { replace: true });
  }, [path]);
  const narrow = useMediaQuery(NARROW);
  const [navOpen, setNavOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  const drawer = narrow && navOpen;
  // A page change (a link in the drawer, Ctrl+K, Back) closes the drawer.
  useEffect(() => setNavOpen(false), [path]);
  useEffect(() => {
    if (!narrow) setNavOpen(false);
  }, [narrow]);
  // Closed by Escape or ✕, focus goes back to the Menu button (once the bar is no longer inert).
  const refocusMenu = useRef(false);
  const closeNav = (refocus: boolean) => {
    refocusMenu.current = refocus;
    setNavOpen(false);
  };
  useEffect(() => {
    if (navOpen || !refocusMenu.current) return;
    refocusMenu.current = false;
    menuButton.current?.focus();
  }, [navOpen]);
  return (
    <div className={drawer ? 'shell nav-open' : 'shell'}>
      <a className="skip-link" href="#main">
        <Trans>Skip to content</Trans>
      </a>
      {narrow && (
        <header className="topbar" inert={drawer}>
          <button
            ref={menuButton}
            type="button"
            className="menu-button"
            aria-expanded={navOpen}
            aria-controls="main-nav"
            onClick={() => setNavOpen(true)}
          >
            <Trans>
              <span aria-hidden="true">☰</span> Menu
            </Trans>
          </button>
          <span className="brand">
            <img src="/icons/icon.svg" alt="" width="20" height="20" /> <Trans>Localflow</Trans>
          </span>
        </header>
      )}
      <Sidebar path={path} narrow={narrow} open={navOpen} onClose={closeNav} />
      {drawer && <div className="nav-backdrop" onClick={() => closeNav(false)} />}
      <CommandMenu />
      <main id="main" tabIndex={-1} inert={drawer}>
        <ToastList />
        {update && (
          <div className="update-banner" role="alert" data-picture="omit">
            <Trans>A new version of Localflow is available.</Trans>
            <button type="button" className="primary" onClick={update}>
              <Trans>Reload</Trans>
            </button>
            <button type="button" onClick={() => setUpdate(null)}>
              <Trans>Later</Trans>
            </button>
          </div>
        )}
        <Suspense
          fallback={
            <p className="loading">
              <Trans>Loading…</Trans>
            </p>
          }
        >
          {!pageReady || (workspace === 'checking' && !known) ? (
            <p className="loading">
              <Trans>Loading…</Trans>
            </p>
          ) : (
            <ErrorBoundary key={path.split('?')[0]} what={t`This page`}>
              <Routes path={path} />
            </ErrorBoundary>
          )}
        </Suspense>
        {typeof workspace === 'object' && <WorkspaceLost marker={workspace} onResolved={() => setWorkspace('ok')} />}
      </main>
    </div>
  );
}

function Routes({ path }: { path: string }) {
  const page = renderPage(path);
  if (page) return page;
  if (path === '/' || path === '') return null;
  return (
    <section className="page">
      <h1>
        <Trans>Page not found</Trans>
      </h1>
      <p>
        <Trans>
          There is nothing at <code>{path}</code>.
        </Trans>
      </p>
      <Link to="/objects/person">
        <Trans>Go to People</Trans>
      </Link>
    </section>
  );
}

function Sidebar({
  path,
  narrow,
  open,
  onClose,
}: {
  path: string;
  narrow: boolean;
  open: boolean;
  onClose: (refocus: boolean) => void;
}) {
  // Drawn in a transition: the list arriving does not hold up the page's first paint.
  const objects = useDeferredValue(useObjects());
  const canInstall = useInstallOffer();
  const closeButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (narrow && open) closeButton.current?.focus();
  }, [narrow, open]);
  const engine = useEngineStatus();
  const waiting = usePendingForms()?.length ?? 0;
  const item = (to: string, label: string, icon: string, badge?: number) => {
    const current = path === to || path.startsWith(`${to}/`);
    return (
      <li key={to}>
        <Link to={to} aria-current={current ? 'page' : undefined}>
          <span aria-hidden="true">{icon}</span> {label}
          {badge ? (
            <span className="nav-badge" aria-label={t`${badge} waiting`} data-picture="omit">
              {badge}
            </span>
          ) : null}
        </Link>
      </li>
    );
  };
  return (
    <nav
      id="main-nav"
      className={open ? 'sidebar open' : 'sidebar'}
      aria-label={t`Main`}
      // Closed, the drawer is off screen and out of the tab order.
      inert={narrow && !open}
      onKeyDown={(e) => {
        if (narrow && e.key === 'Escape') {
          e.preventDefault();
          onClose(true);
        }
      }}
    >
      <div className="brand">
        <img src="/icons/icon.svg" alt="" width="24" height="24" /> <Trans>Localflow</Trans>
        {narrow && (
          <button
            ref={closeButton}
            type="button"
            className="icon-button nav-close"
            aria-label={t`Close menu`}
            onClick={() => onClose(true)}
          >
            ✕
          </button>
        )}
      </div>
      <h2 className="nav-heading">
        <Trans>Records</Trans>
      </h2>
      <ul>{objects?.map((o) => item(`/objects/${o.name}`, o.labelPlural, o.icon))}</ul>
      <h2 className="nav-heading">
        <Trans>Automation</Trans>
      </h2>
      <ul>
        {navPages('automation').map((p) =>
          item(p.pattern, i18n._(p.nav.label), p.nav.icon, p.nav.badge === 'waitingForms' ? waiting : undefined),
        )}
      </ul>
      <ul className="nav-bottom">{navPages('bottom').map((p) => item(p.pattern, i18n._(p.nav.label), p.nav.icon))}</ul>
      {canInstall && (
        <button type="button" className="install-button" onClick={() => void install()} data-picture="omit">
          <Trans>
            <span aria-hidden="true">⤓</span> Install Localflow
          </Trans>
        </button>
      )}
      <p className="shortcut-hint">
        <Trans>
          <kbd>Ctrl</kbd>+<kbd>K</kbd> to go anywhere
        </Trans>
      </p>
      <p
        className="engine-status"
        role="status"
        data-picture="blank"
        data-role={engine.role}
        title={engine.lastError ? t`Last engine error: ${engine.lastError}` : undefined}
      >
        <span className={`dot ${engine.role}`} aria-hidden="true" />
        {engine.role === 'leader'
          ? t`Engine running in this tab`
          : engine.role === 'standby'
            ? t`Engine running in another tab or in the background`
            : t`Engine starting…`}
      </p>
    </nav>
  );
}

function navPages(section: 'automation' | 'bottom') {
  return PAGES.filter((p): p is typeof p & { nav: NonNullable<typeof p.nav> } => p.nav?.section === section);
}
