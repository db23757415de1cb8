import { readObject } from '../hooks';
import { plural, t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { db } from '../../client/db';
import { engineClient } from '../../client/engineClient';
import { describeError } from '../../client/errors';
import type { DryRunResult } from '../../engine/dryRun';
import { toRecordView } from '../../schema/record';
import type { StepInfo } from '../../schema/run';
import { formatDuration } from '../components/RunsTable';
import { recordTitle } from '../components/FieldValue';
import { StatusBadge } from '../components/StatusBadge';
import { Link } from '../router';
import type { Draft } from './graphEdits';
import { samplePayload, triggerDefinition } from '../../engine/triggers';

/**
 * Test: runs the draft for real with a sample record. Dry run: the same steps with every
 * record write staged and shown as a diff; nothing is written and no other workflow fires.
 */
export function TryPanel({
  draft,
  workflowId,
  saveForTest,
  onStepInfos,
}: {
  draft: Draft;
  workflowId: string;
  /** Saves the draft if it changed; resolves to the version a test runs. */
  saveForTest: () => Promise<string>;
  onStepInfos: (infos: Record<string, StepInfo> | null) => void;
}) {
  const object = triggerDefinition(draft.trigger.type).sampleObject(draft.trigger);
  const meta = useLiveQuery(async () => (object ? readObject(object) : undefined), [object]);
  const samples = useLiveQuery(
    async () =>
      object
        ? db.records
            .where('[object+createdAt]')
            .between([object, -Infinity], [object, Infinity])
            .reverse()
            .limit(200)
            .toArray()
        : [],
    [object],
    [],
  );
  const [sampleId, setSampleId] = useState('');
  const [testRunId, setTestRunId] = useState<string | null>(null);
  const [dry, setDry] = useState<DryRunResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const testRun = useLiveQuery(async () => (testRunId ? ((await db.runs.get(testRunId)) ?? null) : null), [testRunId]);
  const chosen = samples.find((r) => r.id === (sampleId || samples[0]?.id));
  const needsSample = !!object;
  // Webhook and schedule triggers carry data, not a record: the person may edit it as JSON.
  const editable = draft.trigger.type === 'WEBHOOK' || draft.trigger.type === 'CRON';
  const [payloadText, setPayloadText] = useState<string | null>(null);
  const defaultPayloadText = editable ? JSON.stringify(samplePayload(draft.trigger), null, 2) : '';
  const payload = () => {
    if (!editable || payloadText === null)
      return samplePayload(draft.trigger, chosen ? toRecordView(chosen) : undefined);
    try {
      return JSON.parse(payloadText) as unknown;
    } catch (e) {
      throw new Error(t`The trigger data is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  useEffect(() => {
    if (testRun) onStepInfos(testRun.state.stepInfos);
  }, [testRun, onStepInfos]);

  const start = async (kind: 'test' | 'dry') => {
    setBusy(true);
    setError(null);
    setDry(null);
    setTestRunId(null);
    try {
      if (needsSample && !chosen)
        throw new Error(t`There is no ${meta?.labelSingular.toLowerCase() ?? object} to test with: create one first.`);
      if (kind === 'test') {
        const versionId = await saveForTest();
        setTestRunId(await engineClient().testRun({ workflowId, versionId, payload: payload() }));
      } else {
        const result = await engineClient().dryRun({ trigger: draft.trigger, steps: draft.steps }, payload());
        setDry(result);
        onStepInfos(result.run.state.stepInfos);
      }
    } catch (e) {
      setError(describeError(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card try-panel" aria-label={t`Test the draft`}>
      <div className="inputs-row">
        {needsSample && (
          <label className="stacked">
            <Trans>Sample {meta?.labelSingular.toLowerCase() ?? t`record`}</Trans>
            <select value={chosen?.id ?? ''} onChange={(e) => setSampleId(e.target.value)}>
              {samples.map((r) => (
                <option key={r.id} value={r.id}>
                  {recordTitle(meta ?? undefined, r)}
                </option>
              ))}
            </select>
          </label>
        )}
        {editable && (
          <label className="stacked grow">
            <Trans>Trigger data (JSON, as</Trans>{' '}
            {draft.trigger.type === 'WEBHOOK' ? t`a webhook call` : t`a scheduled time`} <Trans>passes it)</Trans>
            <textarea
              rows={3}
              value={payloadText ?? defaultPayloadText}
              onChange={(e) => setPayloadText(e.target.value)}
            />
          </label>
        )}
        {editable && payloadText !== null && (
          <button type="button" onClick={() => setPayloadText(null)}>
            <Trans>Reset data</Trans>
          </button>
        )}
        <button type="button" disabled={busy} onClick={() => void start('test')} aria-describedby="test-writes">
          <Trans>▶ Test</Trans>
        </button>
        <button type="button" disabled={busy} onClick={() => void start('dry')}>
          <Trans>Dry run</Trans>
        </button>
        {(dry || testRunId) && (
          <button
            type="button"
            onClick={() => {
              setDry(null);
              setTestRunId(null);
              onStepInfos(null);
            }}
          >
            <Trans>Clear results</Trans>
          </button>
        )}
      </div>
      <p className="muted small" id="test-writes">
        <Trans>
          Test runs the steps for real: records are written, emails and requests are sent. Dry run writes and sends
          nothing.
        </Trans>
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {testRun && (
        <p role="status">
          <Trans>Test run</Trans> <StatusBadge status={testRun.status} />{' '}
          {testRun.endedAt ? t`in ${formatDuration(testRun.endedAt - (testRun.startedAt ?? testRun.createdAt))}` : ''}
          {testRun.error && <span className="error"> {testRun.error}</span>} ·{' '}
          <Link to={`/runs/${testRun.id}`}>
            <Trans>Open the run</Trans>
          </Link>
        </p>
      )}
      {dry && <DryRunReport result={dry} />}
    </section>
  );
}

function DryRunReport({ result }: { result: DryRunResult }) {
  const name = (id: string) => result.run.flow.steps.find((s) => s.id === id)?.name ?? id;
  const title = (v: Record<string, unknown> | null) =>
    String(
      v?.name && typeof v.name === 'object' ? Object.values(v.name).join(' ') : (v?.name ?? v?.title ?? v?.id ?? ''),
    );
  return (
    <div role="region" aria-label={t`Dry run results`}>
      <p>
        <Trans>Dry run</Trans> <StatusBadge status={result.run.status} />{' '}
        <Trans>
          — <strong>nothing was written</strong>; no email, request or other workflow was triggered.
        </Trans>
        {result.run.error && <span className="error"> {result.run.error}</span>}
      </p>
      {result.notCalled.length > 0 && (
        <p className="muted small">
          <Trans>Not called:</Trans> {result.notCalled.map((id) => `“${name(id)}”`).join(', ')}{' '}
          <Trans>(a dry run sends no request or email).</Trans>
        </p>
      )}
      {result.waits.length > 0 && (
        <p className="muted small">
          <Trans>Skipped over: </Trans>
          {result.waits
            .map((w) =>
              w.kind === 'delay'
                ? t`a wait of ${formatDuration(w.wouldWaitMs)} at “${name(w.stepId)}”`
                : t`a retry wait of ${formatDuration(w.wouldWaitMs)} at “${name(w.stepId)}”`,
            )
            .join('; ')}
          .
        </p>
      )}
      <h3>
        <Trans>Would change </Trans>
        {result.changes.length === 0
          ? t`no records`
          : plural(result.changes.length, { one: '# record', other: '# records' })}
      </h3>
      <ul className="diff" aria-label={t`Staged changes`}>
        {result.changes.map((c, i) => (
          <li key={i} className={`diff-${c.event}`}>
            <strong>{c.event === 'created' ? t`Create` : c.event === 'updated' ? t`Update` : t`Delete`}</strong>{' '}
            {c.object} “{title(c.after ?? c.before)}”
            {c.event === 'updated' && (
              <ul>
                {Object.keys(c.after ?? {})
                  .filter((k) => k !== 'updatedAt' && JSON.stringify(c.before?.[k]) !== JSON.stringify(c.after?.[k]))
                  .map((k) => (
                    <li key={k}>
                      <code>{k}</code>: {JSON.stringify(c.before?.[k] ?? null)} → {JSON.stringify(c.after?.[k] ?? null)}
                    </li>
                  ))}
              </ul>
            )}
            {c.event === 'created' && (
              <ul>
                {Object.entries(c.after ?? {})
                  .filter(([k, v]) => !['id', 'createdAt', 'updatedAt'].includes(k) && v !== null && v !== '')
                  .map(([k, v]) => (
                    <li key={k}>
                      <code>{k}</code>: {JSON.stringify(v)}
                    </li>
                  ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
