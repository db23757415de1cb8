import { formatDateTime, formatNumber } from '../../i18n/format';
import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import type { RunRow } from '../../schema/run';
import { useNow } from '../hooks';
import { Link } from '../router';
import { StatusBadge } from './StatusBadge';
import { missedTimesOf } from '../describe';

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${formatNumber(ms / 1000, { minimumFractionDigits: 1, maximumFractionDigits: 1 })} s`;
  const m = Math.floor(ms / 60_000);
  if (m < 60) return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function runDuration(run: RunRow, now: number): string {
  const start = run.startedAt ?? run.createdAt;
  return formatDuration((run.endedAt ?? now) - start);
}

/** Why a run was skipped, or which missed schedule times it stands for. */
function statusNote(run: RunRow) {
  // Only schedules skip missed times; a skip of any other run is the loop guard's.
  if (run.status === 'skipped')
    return (
      <span className="muted small" title={run.error}>
        {' '}
        {run.flow.trigger.type === 'CRON' ? t`missed schedule` : t`loop guard`}
      </span>
    );
  const missed = missedTimesOf(run).length;
  return missed > 0 ? (
    <span className="muted small">
      {' '}
      <Trans>for {missed} missed times</Trans>
    </span>
  ) : null;
}

/** Runs with status and duration; each links to its run page. */
export function RunsTable({
  runs,
  showWorkflow = true,
  label,
}: {
  runs: RunRow[];
  showWorkflow?: boolean;
  label: string;
}) {
  const now = useNow();
  if (runs.length === 0)
    return (
      <p className="empty">
        <Trans>No runs yet.</Trans>
      </p>
    );
  return (
    <div className="table-wrap">
      <table className="runs" aria-label={label}>
        <thead>
          <tr>
            <th>
              <Trans>Run</Trans>
            </th>
            {showWorkflow && (
              <th>
                <Trans>Workflow</Trans>
              </th>
            )}
            <th>
              <Trans>Status</Trans>
            </th>
            <th>
              <Trans>Started</Trans>
            </th>
            <th>
              <Trans>Duration</Trans>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td>
                <Link to={`/runs/${run.id}`}>#{run.id.slice(-6)}</Link>
              </td>
              {showWorkflow && <td>{run.workflowName}</td>}
              <td>
                <StatusBadge status={run.status} />
                {run.test && (
                  <span className="badge">
                    <Trans>Test</Trans>
                  </span>
                )}
                {statusNote(run)}
              </td>
              <td>{formatDateTime(run.createdAt)}</td>
              <td>{runDuration(run, now)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
