import { formatDateTime } from '../../i18n/format';
import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { activateWorkflow } from '../activation';
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useState } from 'react';
import { ShareDialog } from '../components/ShareDialog';
import { TwentyExportDialog } from '../components/TwentyExportDialog';
import { db, workflows } from '../../client/db';
import { withFlows } from '../../db/storedShapes';
import { statusOf } from '../../db/workflows';
import { TRIGGER_ID } from '../../engine/graph';
import { hookUrl } from '../hookUrl';
import { describeTrigger, orderedSteps } from '../describe';
import { stepTypeLabel } from '../steps';
import { downloadWorkflow } from '../download';
import { JsonView } from '../components/JsonView';
import { RunsTable } from '../components/RunsTable';
import { StatusBadge } from '../components/StatusBadge';
import { useToast } from '../components/Toasts';
import { Link } from '../router';
import { useRunWorkflow } from '../useRunWorkflow';

const WorkflowCanvas = lazy(() => import('../editor/WorkflowCanvas'));

/** A workflow: its trigger and steps, versions, and runs. */
export function WorkflowPage({ id }: { id: string }) {
  const toast = useToast();
  const runWorkflow = useRunWorkflow();
  const [sharing, setSharing] = useState(false);
  const [exportingForTwenty, setExportingForTwenty] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const data = useLiveQuery(async () => {
    const w = await db.workflows.get(id);
    if (!w) return null;
    const versions = (await db.versions.where('workflowId').equals(id).toArray()).sort((a, b) => b.number - a.number);
    const runs = await withFlows(
      db,
      await db.runs
        .where('[workflowId+createdAt]')
        .between([id, -Infinity], [id, Infinity])
        .reverse()
        .limit(50)
        .toArray(),
    );
    return { w, versions, runs };
  }, [id]);
  if (data === undefined)
    return (
      <p className="loading">
        <Trans>Loading…</Trans>
      </p>
    );
  if (data === null)
    return (
      <section className="page">
        <h1>
          <Trans>Workflow not found</Trans>
        </h1>
        <p role="alert">
          <Trans>It may have been deleted.</Trans>
        </p>
        <Link to="/workflows">
          <Trans>All workflows</Trans>
        </Link>
      </section>
    );
  const { w, versions, runs } = data;
  const status = statusOf(w, versions);
  const current = versions.find((v) => v.id === (w.draftVersionId ?? w.activeVersionId)) ?? versions[0];
  const trigger = current?.trigger;
  const isGlobalManual = trigger?.type === 'MANUAL' && trigger.settings.availability.type === 'GLOBAL';
  const act = (fn: () => Promise<void>, done: string) => fn().then(() => toast.info(done), toast.error);

  return (
    <section className="page" aria-labelledby="workflow-title">
      <nav className="breadcrumbs" aria-label={t`Breadcrumbs`}>
        <Link to="/workflows">
          <Trans>Workflows</Trans>
        </Link>{' '}
        › <span>{w.name}</span>
      </nav>
      <header className="page-header">
        <h1 id="workflow-title">
          {w.name} <StatusBadge status={status} />
        </h1>
        <div className="toolbar">
          {status === 'active' && w.draftVersionId && (
            <button
              type="button"
              className="primary"
              title={t`Activate the draft: it replaces the version that runs now`}
              onClick={() => act(() => activateWorkflow(w.id), t`The draft is now the active version.`)}
            >
              <Trans>Activate</Trans>
            </button>
          )}
          {status === 'active' ? (
            <button type="button" onClick={() => act(() => workflows.deactivate(w.id), 'Deactivated.')}>
              <Trans>Deactivate</Trans>
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              onClick={() => act(() => activateWorkflow(w.id), t`Active: it now runs on its trigger.`)}
            >
              <Trans>Activate</Trans>
            </button>
          )}
          {status === 'active' && isGlobalManual && (
            <button type="button" onClick={() => void runWorkflow(w.id, w.name)}>
              <Trans>▶ Run</Trans>
            </button>
          )}
          <Link className="button-link" to={`/workflows/${w.id}/edit`}>
            {w.draftVersionId ? t`Edit draft` : t`Edit`}
          </Link>
          <button type="button" onClick={() => setSharing(true)}>
            <Trans>Share…</Trans>
          </button>
          <button type="button" onClick={() => downloadWorkflow(w.id).catch(toast.error)}>
            <Trans>Export JSON</Trans>
          </button>
          <button type="button" onClick={() => setExportingForTwenty(true)}>
            <Trans>Export for Twenty…</Trans>
          </button>
        </div>
      </header>
      {w.description && <p className="muted">{w.description}</p>}
      {current && trigger && (
        <Suspense
          fallback={
            <p className="loading">
              <Trans>Loading the canvas…</Trans>
            </p>
          }
        >
          <WorkflowCanvas
            trigger={trigger}
            steps={current.steps}
            selectedId={selected}
            onSelect={(id) => {
              setSelected(id);
              document.getElementById(`step-${id}`)?.querySelector('details')?.setAttribute('open', '');
              document.getElementById(`step-${id}`)?.focus();
            }}
            label={t`Graph of ${w.name}, version ${current.number}`}
          />
        </Suspense>
      )}
      {current && trigger && (
        <div className="card">
          <h2>
            <Trans>Version {current.number}</Trans> <StatusBadge status={current.status} />
          </h2>
          <ol className="step-list" aria-label={t`Trigger and steps`}>
            <li
              className={`step-item${selected === TRIGGER_ID ? ' selected' : ''}`}
              id={`step-${TRIGGER_ID}`}
              tabIndex={-1}
            >
              <div>
                <strong>{trigger.name}</strong>{' '}
                <span className="muted">
                  <Trans>· Trigger · {describeTrigger(trigger)}</Trans>
                </span>
              </div>
              {trigger.type === 'WEBHOOK' && w.hookToken && (
                <p className="small">
                  <Trans>Webhook URL</Trans>
                  {status === 'active' ? '' : t` (answers once the workflow is active)`}:{' '}
                  <code className="break-all">{hookUrl(w.id, w.hookToken)}</code>
                </p>
              )}
              <details>
                <summary>
                  <Trans>Settings</Trans>
                </summary>
                <JsonView label={t`Trigger settings`} value={trigger.settings} />
              </details>
            </li>
            {orderedSteps(trigger, current.steps).map((s) => (
              <li
                key={s.id}
                className={`step-item${selected === s.id ? ' selected' : ''}`}
                id={`step-${s.id}`}
                tabIndex={-1}
              >
                <div>
                  <strong>{s.name}</strong> <span className="muted">· {stepTypeLabel(s.type)}</span>
                </div>
                <details>
                  <summary>
                    <Trans>Settings</Trans>
                  </summary>
                  <JsonView label={t`${s.name} settings`} value={s.settings} />
                </details>
              </li>
            ))}
          </ol>
        </div>
      )}
      <div className="card">
        <h2>
          <Trans>Versions</Trans>
        </h2>
        <ul className="plain-list">
          {versions.map((v) => (
            <li key={v.id}>
              <Trans>Version {v.number}</Trans> <StatusBadge status={v.status} />{' '}
              <span className="muted small">{formatDateTime(v.updatedAt)}</span>
              {v.status !== 'draft' && (
                <button
                  type="button"
                  className="small"
                  aria-label={t`Use version ${v.number} as draft`}
                  onClick={() =>
                    act(
                      () => workflows.useAsDraft(w.id, v.id).then(() => undefined),
                      t`Version ${v.number} copied into the draft.`,
                    )
                  }
                >
                  <Trans>Use as draft</Trans>
                </button>
              )}
            </li>
          ))}
        </ul>
      </div>
      <ShareDialog open={sharing} workflowId={w.id} name={w.name} onClose={() => setSharing(false)} />
      {exportingForTwenty && <TwentyExportDialog workflowId={w.id} onClose={() => setExportingForTwenty(false)} />}
      <div className="card">
        <h2>
          <Trans>Runs</Trans>
        </h2>
        <RunsTable runs={runs} showWorkflow={false} label={t`Runs of ${w.name}`} />
      </div>
    </section>
  );
}
