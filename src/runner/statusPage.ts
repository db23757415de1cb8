import type { RunRow, StoredRunRow } from '../schema/run';
import type { WorkflowRow } from '../schema/workflowRows';
import type { SqlDatabase } from './sql/database';
import { readVersions } from './sql/rows';

/**
 * The runner's status page, rendered on the server: its workflows and their state, the recent
 * runs, and each run's steps. It shows no webhook token (the port may be reachable by others):
 * `npm run runner -- workflows` prints the URLs.
 */

const escape = (value: unknown) => String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const time = (ms: number | undefined) => (ms ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '');

function page(title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<title>${escape(title)} · Localflow runner</title><style>` +
    `body{font:15px system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#1f2328}` +
    `table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #d0d7de;vertical-align:top}` +
    `code,pre{background:#f3f4f6;padding:0 .25em;white-space:pre-wrap;word-break:break-word}.failed{color:#b42318}.completed{color:#1a7f37}` +
    `</style></head><body>${body}</body></html>`
  );
}

export async function statusPage(db: SqlDatabase, base: string): Promise<string> {
  const { workflows, active, runs } = await db.transaction(async (s) => ({
    workflows: (await s.query<{ body: WorkflowRow }>('SELECT body FROM workflows')).map((r) => r.body),
    active: await readVersions(s, "status = 'active'"),
    runs: (
      await s.query<{ body: StoredRunRow }>('SELECT body FROM runs ORDER BY created_at DESC, id DESC LIMIT 50')
    ).map((r) => r.body),
  }));
  workflows.sort((a, b) => a.name.localeCompare(b.name));
  const triggerOf = new Map(active.map((v) => [v.workflowId, v.trigger]));
  const rows = workflows
    .map((w) => {
      const trigger = triggerOf.get(w.id);
      const what =
        trigger?.type === 'WEBHOOK'
          ? `webhook: <code>${escape(`${base}hooks/${w.id}`)}?token=…</code> (${escape(trigger.settings.httpMethod)})`
          : trigger?.type === 'CRON'
            ? `schedule`
            : trigger?.type === 'DATABASE_EVENT'
              ? `record event: ${escape(trigger.settings.eventName)}`
              : escape(trigger?.type ?? '');
      return `<tr><td>${escape(w.name)}</td><td>${trigger ? 'active' : 'not active'}</td><td>${what}</td><td>${time(w.lastRunAt)}</td></tr>`;
    })
    .join('');
  const recent = runs
    .map(
      (r) =>
        `<tr><td><a href="/runs/${escape(r.id)}">${escape(r.workflowName)}</a></td><td class="${escape(r.status)}">${escape(r.status)}</td>` +
        `<td>${time(r.createdAt)}</td><td>${time(r.endedAt)}</td><td>${escape(r.error ?? '')}</td></tr>`,
    )
    .join('');
  return page(
    'Status',
    `<h1>Localflow runner</h1><p>Database: ${escape(db.kind === 'pglite' ? 'PGlite (in this process)' : 'Postgres server')} · <a href="/health">health</a></p>` +
      `<h2>Workflows (${workflows.length})</h2>` +
      (workflows.length
        ? `<table><thead><tr><th>Name</th><th>State</th><th>Starts on</th><th>Last run</th></tr></thead><tbody>${rows}</tbody></table>`
        : '<p>No workflows yet: <code>npm run runner -- install workflow.json</code>.</p>') +
      `<h2>Recent runs</h2>` +
      (runs.length
        ? `<table><thead><tr><th>Workflow</th><th>Status</th><th>Started</th><th>Ended</th><th>Error</th></tr></thead><tbody>${recent}</tbody></table>`
        : '<p>No runs yet.</p>'),
  );
}

export async function runPage(db: SqlDatabase, id: string): Promise<string | undefined> {
  const run = await db.transaction(async (s) => {
    const [row] = await s.query<{ body: StoredRunRow }>('SELECT body FROM runs WHERE id = $1', [id]);
    if (!row) return undefined;
    if (row.body.flow) return row.body as RunRow;
    const [version] = await readVersions(s, 'id = $1', [row.body.versionId]);
    return version ? ({ ...row.body, flow: { trigger: version.trigger, steps: version.steps } } as RunRow) : undefined;
  });
  if (!run) return undefined;
  const show = (value: unknown) => {
    if (value === undefined) return '';
    const text = JSON.stringify(value, null, 2) ?? '';
    return `<pre>${escape(text.length > 4000 ? `${text.slice(0, 4000)}\n…` : text)}</pre>`;
  };
  const steps = run.flow.steps
    .map((step) => {
      const info = run.state.stepInfos[step.id];
      return (
        `<tr><td>${escape(step.name)}<br><small>${escape(step.type)}</small></td><td class="${escape(info?.status.toLowerCase())}">${escape(info?.status ?? 'NOT_STARTED')}</td>` +
        `<td>${escape(info?.error ?? '')}${show(info?.output)}</td></tr>`
      );
    })
    .join('');
  return page(
    `Run of ${run.workflowName}`,
    `<p><a href="/">All workflows</a></p><h1>Run of ${escape(run.workflowName)}</h1>` +
      `<p>Status: <strong class="${escape(run.status)}">${escape(run.status)}</strong> · started ${time(run.createdAt)}${run.endedAt ? ` · ended ${time(run.endedAt)}` : ''}</p>` +
      (run.error ? `<p class="failed">${escape(run.error)}</p>` : '') +
      `<h2>Trigger</h2>${show(run.triggerPayload)}<h2>Steps</h2><table><thead><tr><th>Step</th><th>Status</th><th>Output or error</th></tr></thead><tbody>${steps}</tbody></table>`,
  );
}
