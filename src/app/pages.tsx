import type { MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import { lazy, type ComponentType, type ReactNode } from 'react';
import { match } from './router';

/**
 * A page loaded when first opened, whose code can also be fetched ahead (`preload`): the page a
 * tab starts on is fetched while the workspace is checked, not after. A page whose code is here
 * renders at once: React reveals what a lazy component suspended no sooner than 300 ms after its
 * fallback showed.
 */
function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>) {
  let loading: Promise<ComponentType<P>> | undefined;
  let loaded: ComponentType<P> | undefined;
  // A failed fetch (offline, a new version deployed) is tried again the next time.
  const preload = () =>
    (loading ??= load().then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    ));
  const Lazy = lazy(() => preload().then((component) => ({ default: component })));
  const Page = (props: P) => {
    const Loaded = loaded;
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  };
  return Object.assign(Page, { preload });
}

// Each page's code loads when it is first opened (or preloaded).
const RecordsPage = lazyPage(() => import('./pages/RecordsPage').then((m) => m.RecordsPage));
const RecordPage = lazyPage(() => import('./pages/RecordPage').then((m) => m.RecordPage));
const RunPage = lazyPage(() => import('./pages/RunPage').then((m) => m.RunPage));
const RunsPage = lazyPage(() => import('./pages/RunsPage').then((m) => m.RunsPage));
const SettingsPage = lazyPage(() => import('./pages/SettingsPage').then((m) => m.SettingsPage));
const WorkflowPage = lazyPage(() => import('./pages/WorkflowPage').then((m) => m.WorkflowPage));
const InboxPage = lazyPage(() => import('./pages/InboxPage').then((m) => m.InboxPage));
const OutboxPage = lazyPage(() => import('./pages/OutboxPage').then((m) => m.OutboxPage));
const EditorPage = lazyPage(() => import('./editor/EditorPage').then((m) => m.default));
const ImportLinkPage = lazyPage(() => import('./pages/ImportLinkPage').then((m) => m.ImportLinkPage));
const WorkflowsPage = lazyPage(() => import('./pages/WorkflowsPage').then((m) => m.WorkflowsPage));

/**
 * A page the app can show: where it is and what it renders; `nav` puts it in the sidebar and
 * Ctrl+K (its label read in the UI's language with `i18n._`).
 */
export interface Page {
  pattern: string;
  render(params: Record<string, string>): ReactNode;
  /** Fetches the page's code without showing it (pages loaded on demand). */
  preload?: () => Promise<unknown>;
  nav?: { label: MessageDescriptor; icon: string; section: 'automation' | 'bottom'; badge?: 'waitingForms' };
}

/**
 * Every page, in one list read by the routes, the sidebar and the command menu (records pages,
 * one per object, are listed from the data model).
 */
export const PAGES: readonly Page[] = [
  {
    pattern: '/objects/:object/:id',
    preload: RecordPage.preload,
    render: (m) => <RecordPage key={m.id} objectName={m.object} id={m.id} />,
  },
  { pattern: '/objects/:object', preload: RecordsPage.preload, render: (m) => <RecordsPage objectName={m.object} /> },
  {
    pattern: '/workflows',
    preload: WorkflowsPage.preload,
    render: () => <WorkflowsPage />,
    nav: {
      label: msg`Workflows`,
      icon: '⚡',
      section: 'automation',
    },
  },
  { pattern: '/workflows/:id', preload: WorkflowPage.preload, render: (m) => <WorkflowPage id={m.id} /> },
  { pattern: '/workflows/:id/edit', preload: EditorPage.preload, render: (m) => <EditorPage key={m.id} id={m.id} /> },
  {
    pattern: '/inbox',
    preload: InboxPage.preload,
    render: () => <InboxPage />,
    nav: {
      label: msg`Inbox`,
      icon: '⚑',
      section: 'automation',
      badge: 'waitingForms',
    },
  },
  {
    pattern: '/runs',
    preload: RunsPage.preload,
    render: () => <RunsPage />,
    nav: {
      label: msg`Runs`,
      icon: '▤',
      section: 'automation',
    },
  },
  { pattern: '/runs/:id', preload: RunPage.preload, render: (m) => <RunPage id={m.id} /> },
  {
    pattern: '/outbox',
    preload: OutboxPage.preload,
    render: () => <OutboxPage />,
    nav: {
      label: msg`Outbox`,
      icon: '✉',
      section: 'automation',
    },
  },
  {
    pattern: '/settings',
    preload: SettingsPage.preload,
    render: () => <SettingsPage />,
    nav: {
      label: msg`Settings`,
      icon: '⚙',
      section: 'bottom',
    },
  },
  { pattern: '/import', preload: ImportLinkPage.preload, render: () => <ImportLinkPage /> },
];

/** Fetches the code of the page at `path`, when it loads on demand; resolves when it is here (or failed). */
export async function preloadPage(path: string): Promise<void> {
  await PAGES.find((page) => match(page.pattern, path))
    ?.preload?.()
    .catch(() => {});
}

/** The page at `path`, rendered; null when there is none. */
export function renderPage(path: string): ReactNode | null {
  for (const page of PAGES) {
    const params = match(page.pattern, path);
    if (params) return page.render(params);
  }
  return null;
}
