import type { MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import { lazy, type ReactNode } from 'react';
import { RecordPage } from './pages/RecordPage';
import { RecordsPage } from './pages/RecordsPage';
import { match } from './router';

// Records pages load with the shell; the rest load when first opened.
const RunPage = lazy(() => import('./pages/RunPage').then((m) => ({ default: m.RunPage })));
const RunsPage = lazy(() => import('./pages/RunsPage').then((m) => ({ default: m.RunsPage })));
const SettingsPage = lazy(() => import('./pages/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const WorkflowPage = lazy(() => import('./pages/WorkflowPage').then((m) => ({ default: m.WorkflowPage })));
const InboxPage = lazy(() => import('./pages/InboxPage').then((m) => ({ default: m.InboxPage })));
const OutboxPage = lazy(() => import('./pages/OutboxPage').then((m) => ({ default: m.OutboxPage })));
const EditorPage = lazy(() => import('./editor/EditorPage'));
const ImportLinkPage = lazy(() => import('./pages/ImportLinkPage').then((m) => ({ default: m.ImportLinkPage })));
const WorkflowsPage = lazy(() => import('./pages/WorkflowsPage').then((m) => ({ default: m.WorkflowsPage })));

/**
 * A page the app can show: where it is and what it renders; `nav` puts it in the sidebar and
 * Ctrl+K (its label read in the UI's language with `i18n._`).
 */
export interface Page {
  pattern: string;
  render(params: Record<string, string>): ReactNode;
  nav?: { label: MessageDescriptor; icon: string; section: 'automation' | 'bottom'; badge?: 'waitingForms' };
}

/**
 * Every page, in one list read by the routes, the sidebar and the command menu (records pages,
 * one per object, are listed from the data model).
 */
export const PAGES: readonly Page[] = [
  { pattern: '/objects/:object/:id', render: (m) => <RecordPage key={m.id} objectName={m.object} id={m.id} /> },
  { pattern: '/objects/:object', render: (m) => <RecordsPage objectName={m.object} /> },
  {
    pattern: '/workflows',
    render: () => <WorkflowsPage />,
    nav: {
      label: msg`Workflows`,
      icon: '⚡',
      section: 'automation',
    },
  },
  { pattern: '/workflows/:id', render: (m) => <WorkflowPage id={m.id} /> },
  { pattern: '/workflows/:id/edit', render: (m) => <EditorPage key={m.id} id={m.id} /> },
  {
    pattern: '/inbox',
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
    render: () => <RunsPage />,
    nav: {
      label: msg`Runs`,
      icon: '▤',
      section: 'automation',
    },
  },
  { pattern: '/runs/:id', render: (m) => <RunPage id={m.id} /> },
  {
    pattern: '/outbox',
    render: () => <OutboxPage />,
    nav: {
      label: msg`Outbox`,
      icon: '✉',
      section: 'automation',
    },
  },
  {
    pattern: '/settings',
    render: () => <SettingsPage />,
    nav: {
      label: msg`Settings`,
      icon: '⚙',
      section: 'bottom',
    },
  },
  { pattern: '/import', render: () => <ImportLinkPage /> },
];

/** The page at `path`, rendered; null when there is none. */
export function renderPage(path: string): ReactNode | null {
  for (const page of PAGES) {
    const params = match(page.pattern, path);
    if (params) return page.render(params);
  }
  return null;
}
