import { formatDateTime, formatNumber } from '../../i18n/format';
import { plural, t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense } from 'react';
import { db } from '../../client/db';
import { withFlow } from '../../db/storedShapes';
import { engineClient } from '../../client/engineClient';
import { TRIGGER_ID } from '../../engine/graph';
import { canRetry, canStop } from '../../engine/runMachine';
import { readStoredOutput } from '../../engine/runValues';
import { runValueOf, stepInput, type RunRow, type StepInfo } from '../../schema/run';
import type { Step } from '../../schema/workflow';
import { describeTrigger, missedTimesOf, orderedSteps } from '../describe';
import { stepTypeLabel } from '../steps';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { JsonView } from '../components/JsonView';
import { formatDuration, runDuration } from '../components/RunsTable';
import { StatusBadge } from '../components/StatusBadge';
import { useToast } from '../components/Toasts';
import { useNow } from '../hooks';
import { Link } from '../router';

const WorkflowCanvas = lazy(() => import('../editor/WorkflowCanvas'));

/** One run, live: every step's status, input, output and error. */
export function RunPage({ id }: { id: string }) {
  const run = useLiveQuery(async () => (await withFlow(db, await db.runs.get(id))) ?? null, [id]);
  const timers = useLiveQuery(() => db.timers.where('runId').equals(id).toArray(), [id], []);
  // Large outputs (a search's records) are stored once in their own rows.
  const values = useLiveQuery(
    async () => new Map((await db.runValues.where('runId').equals(id).toArray()).map((v) => [v.id, runValueOf(v)])),
    [id],
  );
  const withValue = (info?: StepInfo): StepInfo | undefined =>
    info && { ...info, output: readStoredOutput(info.output, (valueId) => values?.get(valueId) ?? '(loading…)') };
  const now = useNow();
  const toast = useToast();
  if (run === undefined)
    return (
      <p className="loading">
        <Trans>Loading…</Trans>
      </p>
    );
  if (run === null)
    return (
      <section className="page">
        <h1>
          <Trans>Run not found</Trans>
        </h1>
        <p role="alert">
          <Trans>It may have been deleted with its workflow.</Trans>
        </p>
        <Link to="/runs">
          <Trans>All runs</Trans>
        </Link>
      </section>
    );
  const steps = orderedSteps(run.flow.trigger, run.flow.steps);
  return (
    <section className="page" aria-labelledby="run-title">
      <nav className="breadcrumbs" aria-label={t`Breadcrumbs`}>
        <Link to="/runs">
          <Trans>Runs</Trans>
        </Link>{' '}
        › <Link to={`/workflows/${run.workflowId}`}>{run.workflowName}</Link>
      </nav>
      <header className="page-header">
        <h1 id="run-title">
          {run.test ? t`Test run` : t`Run`} <Trans>of “{run.workflowName}” </Trans>
          <span data-testid="run-status">
            <StatusBadge status={run.status} />
          </span>
        </h1>
        <div className="toolbar">
          {canRetry(run.status) && (
            <button
              type="button"
              className="primary"
              onClick={() =>
                engineClient()
                  .retryRun(run.id)
                  .then(() => toast.info(t`Retrying from the failed step.`), toast.error)
              }
            >
              <Trans>Retry from failed step</Trans>
            </button>
          )}
          {canStop(run.status) && (
            <button
              type="button"
              className="danger"
              onClick={() =>
                engineClient()
                  .stopRun(run.id)
                  .then(() => toast.info(t`Run stopped.`), toast.error)
              }
            >
              <Trans>Stop run</Trans>
            </button>
          )}
        </div>
      </header>
      <p className="muted">
        <Trans>Started {formatDateTime(run.startedAt ?? run.createdAt)} ·</Trans>{' '}
        {run.endedAt ? t`took` : t`running for`} {runDuration(run, now)}
        {run.depth > 0 && (
          <>
            {' '}
            <Trans>· caused by another workflow run ({run.depth} deep)</Trans>
          </>
        )}
      </p>
      {run.error && (
        <div className="error-box" role="alert">
          {run.error}
          {Object.values(run.state.stepInfos).some((i) => i.status === 'FAILED' && i.bug) ? (
            <p className="small">
              <Trans>
                This is a bug in Localflow, not a problem with your workflow or its settings: retrying will fail the
                same way.
              </Trans>
            </p>
          ) : (
            run.status === 'failed' && (
              <p className="small">
                <Trans>
                  Fix what the step says (its settings, the data it got, or the service it called), then retry from the
                  failed step.
                </Trans>
              </p>
            )
          )}
        </div>
      )}
      <MissedTimes run={run} />
      <Suspense
        fallback={
          <p className="loading">
            <Trans>Loading the canvas…</Trans>
          </p>
        }
      >
        <WorkflowCanvas
          trigger={run.flow.trigger}
          steps={run.flow.steps}
          stepInfos={run.state.stepInfos}
          label={t`Graph of this run, coloured by step status`}
          onSelect={(stepId) => {
            const card = document.getElementById(`step-${stepId}`);
            card?.querySelector('details')?.setAttribute('open', '');
            card?.focus();
            card?.scrollIntoView({ block: 'center' });
          }}
        />
      </Suspense>
      <ol className="run-steps" aria-label={t`Steps`}>
        <StepCard
          id={TRIGGER_ID}
          name={run.flow.trigger.name}
          kind={`${t`Trigger`} · ${describeTrigger(run.flow.trigger)}`}
          info={withValue(run.state.stepInfos[TRIGGER_ID])}
        />
        {steps.map((s) => (
          <StepCard
            key={s.id}
            id={s.id}
            name={s.name}
            kind={stepTypeLabel(s.type)}
            loop={s.type === 'ITERATOR'}
            info={withInput(s, withValue(run.state.stepInfos[s.id]))}
            waitingUntil={timers.find((t) => t.stepId === s.id)?.dueAt}
          />
        ))}
      </ol>
    </section>
  );
}

/** A step's info with the input it ran with (a run records it only where it differs from the settings). */
function withInput(step: Step, info: StepInfo | undefined): StepInfo | undefined {
  return info && { ...info, input: stepInput(step, info) };
}

function StepCard({
  id,
  name,
  kind,
  info,
  waitingUntil,
  loop,
}: {
  id: string;
  name: string;
  kind: string;
  info?: StepInfo;
  waitingUntil?: number;
  /** An iterator: its progress through the items is shown. */
  loop?: boolean;
}) {
  const status = info?.status ?? 'NOT_STARTED';
  return (
    <li
      className={`run-step status-${status.toLowerCase()}`}
      aria-label={`${name}: ${status}`}
      id={`step-${id}`}
      tabIndex={-1}
    >
      <div className="run-step-head">
        <strong>{name}</strong> <span className="muted">· {kind}</span> <StatusBadge status={status} />
        {info?.startedAt && info.endedAt && (
          <span className="muted small"> {formatDuration(info.endedAt - info.startedAt)}</span>
        )}
        {(info?.count ?? 0) > 1 && (
          <span className="muted small">
            {' '}
            <Trans>· ran {info!.count} times</Trans>
          </span>
        )}
        {(info?.attempt ?? 1) > 1 && (
          <span className="muted small">
            {' '}
            <Trans>· attempt {info!.attempt}</Trans>
          </span>
        )}
      </div>
      {loop && info && <LoopProgress info={info} />}
      {waitingUntil && (
        <p className="muted">
          <Trans>Waiting until {formatDateTime(waitingUntil)}</Trans>
        </p>
      )}
      {info?.waitingFor && status === 'NOT_STARTED' && (
        <p className="muted" role="note">
          <Trans>Waiting for {info.waitingFor}.</Trans>
        </p>
      )}
      {kind === 'Form' && status === 'PENDING' && (
        <p className="muted">
          <Trans>
            Waiting for an answer: <Link to="/inbox">open the Inbox</Link>.
          </Trans>
        </p>
      )}
      {info?.error && (
        <p className="error step-error" role="note">
          {info.bug ? t`A bug in Localflow: ` : ''}
          {info.error}
        </p>
      )}
      {info?.logs && info.logs.length > 0 && <JsonView label={t`Logs`} value={info.logs} />}
      {(info?.input !== undefined || info?.output !== undefined) && (
        <details>
          <summary>
            <Trans>Input and output</Trans>
          </summary>
          <ErrorBoundary what={t`This step's input and output`}>
            <div className="io">
              <JsonView label={t`Input`} value={info?.input} />
              <JsonView label={t`Output`} value={info?.output} />
            </div>
          </ErrorBoundary>
        </details>
      )}
    </li>
  );
}

/** A schedule's catch-up run says which fire times it stands for (missed while Localflow was closed). */
function MissedTimes({ run }: { run: RunRow }) {
  const missed = missedTimesOf(run);
  if (run.status === 'skipped' || missed.length === 0) return null;
  return (
    <p className="note" role="note">
      {plural(missed.length, {
        one: 'This run stands for # scheduled time missed while Localflow was closed (the workflow runs once for all of them):',
        other:
          'This run stands for # scheduled times missed while Localflow was closed (the workflow runs once for all of them):',
      })}{' '}
      {missed
        .slice(0, 10)
        .map((t) => formatDateTime(t))
        .join(', ')}
      {missed.length > 10 ? ', …' : ''}.
    </p>
  );
}

/** An iterator's progress: items done of the total, as a bar and in words (a live region while it runs). */
function LoopProgress({ info }: { info: StepInfo }) {
  const total = (info.input as { itemCount?: unknown } | undefined)?.itemCount;
  const output = info.output as { currentItemIndex?: unknown; hasProcessedAllItems?: unknown } | undefined;
  if (typeof total !== 'number' || typeof output?.currentItemIndex !== 'number') return null;
  const done = output.hasProcessedAllItems === true ? total : output.currentItemIndex;
  const words =
    done >= total
      ? `All ${formatNumber(total)} items done`
      : `${formatNumber(done)} of ${formatNumber(total)} items done (${Math.floor((done / total) * 100)} %)`;
  return (
    <div className="loop-progress">
      <progress value={done} max={Math.max(total, 1)} aria-label={`${words}`} />
      <span className="muted small" aria-live="polite">
        {words}
      </span>
    </div>
  );
}
