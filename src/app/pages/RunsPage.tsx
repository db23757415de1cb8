import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { db } from '../../client/db';
import { withFlows } from '../../db/storedShapes';
import { RUN_STATUSES, type RunStatus } from '../../schema/run';
import { RunsTable } from '../components/RunsTable';

const LIMIT = 200;

/** Every workflow's runs, newest first, filterable by status. */
export function RunsPage() {
  const [status, setStatus] = useState<RunStatus | ''>('');
  const runs = useLiveQuery(
    async () =>
      withFlows(
        db,
        status
          ? (await db.runs.where('status').equals(status).reverse().sortBy('createdAt')).slice(0, LIMIT)
          : await db.runs.orderBy('createdAt').reverse().limit(LIMIT).toArray(),
      ),
    [status],
  );
  return (
    <section className="page" aria-labelledby="runs-title">
      <header className="page-header">
        <h1 id="runs-title">
          <Trans>Runs</Trans>
        </h1>
        <div className="toolbar">
          <label htmlFor="run-status" className="inline-label">
            <Trans>Status</Trans>
          </label>
          <select id="run-status" value={status} onChange={(e) => setStatus(e.target.value as RunStatus | '')}>
            <option value="">{t`All`}</option>
            {RUN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
      </header>
      {runs && <RunsTable runs={runs} label={t`Runs`} />}
      {runs && runs.length === LIMIT && (
        <p className="muted small">
          <Trans>Showing the newest {LIMIT}.</Trans>
        </p>
      )}
    </section>
  );
}
