import { formatDateTime, compareText } from '../../i18n/format';
import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { activateWorkflow } from '../activation';
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useDeferredValue, useState } from 'react';
import { db, workflows } from '../../client/db';
import { statusOf } from '../../db/workflows';
import { describeTrigger } from '../describe';
import { ConfirmDialog, Modal } from '../components/Modal';
import { StatusBadge } from '../components/StatusBadge';
import { useToast } from '../components/Toasts';
import { Link, navigate } from '../router';
import { useRunWorkflow } from '../useRunWorkflow';

// Reading and writing workflow files (with their schemas) loads when used, not with the list.
const ImportDialog = lazy(() => import('../components/ImportDialog').then((m) => ({ default: m.ImportDialog })));
const downloadWorkflow = (id: string) => import('../download').then((m) => m.downloadWorkflow(id));

/** All workflows: name, trigger, status, last run; activate, run, export, delete; import. */
export function WorkflowsPage() {
  const [importing, setImporting] = useState(false);
  // "/workflows?new" (the installed app's "New workflow" shortcut) opens the dialog at once.
  const [creating, setCreating] = useState(() => new URLSearchParams(location.search).has('new'));
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null);
  const toast = useToast();
  const runWorkflow = useRunWorkflow();
  // Drawn in a transition (React yields every few ms): the list arriving never blocks for long.
  const list = useDeferredValue(
    useLiveQuery(async () => {
      const [all, versions] = await Promise.all([db.workflows.toArray(), db.versions.toArray()]);
      return all
        .sort((a, b) => compareText(a.name, b.name))
        .map((w) => {
          const own = versions.filter((v) => v.workflowId === w.id);
          const current =
            own.find((v) => v.id === (w.draftVersionId ?? w.activeVersionId)) ??
            own.sort((a, b) => b.number - a.number)[0];
          return { w, status: statusOf(w, own), current };
        });
    }, []),
  );

  const act = (fn: () => Promise<void>, done: string) => fn().then(() => toast.info(done), toast.error);

  return (
    <section className="page" aria-labelledby="workflows-title">
      <header className="page-header">
        <h1 id="workflows-title">
          <Trans>Workflows</Trans>
        </h1>
        <div className="toolbar">
          <button type="button" onClick={() => setImporting(true)}>
            <Trans>Import…</Trans>
          </button>
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            <Trans>+ New workflow</Trans>
          </button>
        </div>
      </header>
      {list && list.length === 0 && (
        <p className="empty">
          <Trans>No workflows yet. Import one from a JSON file.</Trans>
        </p>
      )}
      {list && list.length > 0 && (
        <div className="table-wrap">
          <table className="workflows" aria-label={t`Workflows`}>
            <thead>
              <tr>
                <th>
                  <Trans>Name</Trans>
                </th>
                <th>
                  <Trans>Trigger</Trans>
                </th>
                <th>
                  <Trans>Status</Trans>
                </th>
                <th>
                  <Trans>Last run</Trans>
                </th>
                <th>
                  <span className="sr-only">
                    <Trans>Actions</Trans>
                  </span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map(({ w, status, current }) => (
                <tr key={w.id}>
                  <td>
                    <Link to={`/workflows/${w.id}`}>{w.name}</Link>
                  </td>
                  <td>{current ? describeTrigger(current.trigger) : '—'}</td>
                  <td>
                    <StatusBadge status={status} />
                    {w.activeVersionId && w.draftVersionId ? (
                      <span className="muted small">
                        {' '}
                        <Trans>+ draft</Trans>
                      </span>
                    ) : null}
                  </td>
                  <td>{w.lastRunAt ? formatDateTime(w.lastRunAt) : t`Never`}</td>
                  <td>
                    <div className="row-actions">
                      {status === 'active' ? (
                        <button
                          type="button"
                          onClick={() => act(() => workflows.deactivate(w.id), `“${w.name}” deactivated.`)}
                        >
                          <Trans>Deactivate</Trans>
                        </button>
                      ) : (
                        <button
                          type="button"
                          onClick={() => act(() => activateWorkflow(w.id), t`“${w.name}” is active.`)}
                        >
                          <Trans>Activate</Trans>
                        </button>
                      )}
                      {status === 'active' &&
                        current?.trigger.type === 'MANUAL' &&
                        current.trigger.settings.availability.type === 'GLOBAL' && (
                          <button type="button" onClick={() => void runWorkflow(w.id, w.name)}>
                            <Trans>▶ Run</Trans>
                          </button>
                        )}
                      <button
                        type="button"
                        aria-label={t`Export ${w.name}`}
                        onClick={() => downloadWorkflow(w.id).catch(toast.error)}
                      >
                        <Trans>Export</Trans>
                      </button>
                      <button
                        type="button"
                        className="danger"
                        aria-label={t`Delete ${w.name}`}
                        onClick={() => setDeleting({ id: w.id, name: w.name })}
                      >
                        <Trans>Delete</Trans>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {importing && (
        <Suspense fallback={null}>
          <ImportDialog open onClose={() => setImporting(false)} />
        </Suspense>
      )}
      <Modal open={creating} title={t`New workflow`} onClose={() => setCreating(false)}>
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const name = String(new FormData(e.currentTarget).get('name') ?? '');
            try {
              const id = await workflows.create(name);
              setCreating(false);
              navigate(`/workflows/${id}/edit?new=1`, { replace: false });
            } catch (error) {
              toast.error(error);
            }
          }}
        >
          <div className="form-row">
            <label htmlFor="new-workflow-name">
              <Trans>Name</Trans>
            </label>
            <input id="new-workflow-name" name="name" required autoFocus placeholder={t`Welcome new customers`} />
          </div>
          <div className="actions">
            <button type="button" onClick={() => setCreating(false)}>
              <Trans>Cancel</Trans>
            </button>
            <button type="submit" className="primary">
              <Trans>Create and edit</Trans>
            </button>
          </div>
        </form>
      </Modal>
      <ConfirmDialog
        open={!!deleting}
        title={t`Delete “${deleting?.name ?? ''}”?`}
        message={t`Its versions and run history are deleted too. Records it created stay.`}
        confirmLabel={t`Delete workflow`}
        onCancel={() => setDeleting(null)}
        onConfirm={() => {
          const d = deleting!;
          setDeleting(null);
          void act(() => workflows.remove(d.id), `“${d.name}” deleted.`);
        }}
      />
    </section>
  );
}
