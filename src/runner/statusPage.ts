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

/** A table; `rows` hold each cell's HTML (escaped by the caller), in the order of `headers`. */
function table(headers: string[], rows: string[][]): string {
  const head = headers.map((h) => `<th>${escape(h)}</th>`).join('');
  const body = rows
    .map((cells) => `<tr>${cells.map((c, i) => `<td data-label="${escape(headers[i])}">${c}</td>`).join('')}</tr>`)
    .join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function page(title: string, body: string): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<title>${escape(title)} · Localflow runner</title><style>` +
    `body{font:15px system-ui,sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem;color:#1f2328}` +
    `table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #d0d7de;vertical-align:top}` +
    `code,pre{background:#f3f4f6;padding:0 .25em;white-space:pre-wrap;word-break:break-word}.failed{color:#b42318}.completed{color:#1a7f37}` +
    // On a phone each row is a card, each cell named by its column.
    `@media (max-width:40rem){thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}table,tbody,tr,td{display:block}` +
    `tr{border-bottom:1px solid #d0d7de;padding:.5rem 0}td{border:0;padding:.15rem 0;overflow-wrap:anywhere}td[data-label]::before{content:attr(data-label) ": ";font-weight:600}td:empty{display:none}}` +
    `</style></head><body>${body}</body></html>`
  );
}

/** Runs listed on one page of the status page. */
export const RUNS_PER_PAGE = 50;

/** The status page: workflows, and the latest runs — or, with `before` (a run's id), those older than it. */
export async function statusPage(db: SqlDatabase, base: string, before?: string | null): Promise<string> {
  const { workflows, active, listed } = await db.transaction(async (s) => ({
    workflows: (await s.query<{ body: WorkflowRow }>('SELECT body FROM workflows')).map((r) => r.body),
    active: await readVersions(s, "status = 'active'"),
    listed: (
      await s.query<{ body: StoredRunRow }>(
        before
          ? `SELECT body FROM runs WHERE (created_at, id) < (SELECT created_at, id FROM runs WHERE id = $1)
             ORDER BY created_at DESC, id DESC LIMIT ${RUNS_PER_PAGE + 1}`
          : `SELECT body FROM runs ORDER BY created_at DESC, id DESC LIMIT ${RUNS_PER_PAGE + 1}`,
        before ? [before] : [],
      )
    ).map((r) => r.body),
  }));
  const runs = listed.slice(0, RUNS_PER_PAGE);
  const older = listed.length > RUNS_PER_PAGE ? runs[runs.length - 1].id : undefined;
  workflows.sort((a, b) => a.name.localeCompare(b.name));
  const triggerOf = new Map(active.map((v) => [v.workflowId, v.trigger]));
  const rows = workflows.map((w) => {
    const trigger = triggerOf.get(w.id);
    const what =
      trigger?.type === 'WEBHOOK'
        ? `webhook: <code>${escape(`${base}hooks/${w.id}`)}?token=…</code> (${escape(trigger.settings.httpMethod)})`
        : trigger?.type === 'CRON'
          ? `schedule`
          : trigger?.type === 'DATABASE_EVENT'
            ? `record event: ${escape(trigger.settings.eventName)}`
            : escape(trigger?.type ?? '');
    return [escape(w.name), trigger ? 'active' : 'not active', what, time(w.lastRunAt)];
  });
  const recent = runs.map((r) => [
    `<a href="/runs/${escape(r.id)}">${escape(r.workflowName)}</a>`,
    `<span class="${escape(r.status)}">${escape(r.status)}</span>`,
    time(r.createdAt),
    time(r.endedAt),
    escape(r.error ?? ''),
  ]);
  return page(
    'Status',
    `<h1>Localflow runner</h1><p>Database: ${escape(db.kind === 'pglite' ? 'PGlite (in this process)' : 'Postgres server')} · <a href="/health">health</a></p>` +
      `<h2>Workflows (${workflows.length})</h2>` +
      (workflows.length
        ? table(['Name', 'State', 'Starts on', 'Last run'], rows)
        : '<p>No workflows yet: <code>npm run runner -- install workflow.json</code>.</p>') +
      `<h2>${before ? 'Older runs' : 'Recent runs'}</h2>` +
      (runs.length
        ? table(['Workflow', 'Status', 'Started', 'Ended', 'Error'], recent)
        : `<p>${before ? 'No older runs.' : 'No runs yet.'}</p>`) +
      (before || older
        ? `<nav aria-label="Pages of runs"><p>${before ? '<a href="/">Latest runs</a>' : ''}${before && older ? ' · ' : ''}` +
          `${older ? `<a href="/?before=${encodeURIComponent(older)}">Older runs</a>` : ''}</p></nav>`
        : ''),
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
  const steps = run.flow.steps.map((step) => {
    const info = run.state.stepInfos[step.id];
    return [
      `${escape(step.name)}<br><small>${escape(step.type)}</small>`,
      `<span class="${escape(info?.status.toLowerCase())}">${escape(info?.status ?? 'NOT_STARTED')}</span>`,
      `${escape(info?.error ?? '')}${show(info?.output)}`,
    ];
  });
  return page(
    `Run of ${run.workflowName}`,
    `<p><a href="/">All workflows</a></p><h1>Run of ${escape(run.workflowName)}</h1>` +
      `<p>Status: <strong class="${escape(run.status)}">${escape(run.status)}</strong> · started ${time(run.createdAt)}${run.endedAt ? ` · ended ${time(run.endedAt)}` : ''}</p>` +
      (run.error ? `<p class="failed">${escape(run.error)}</p>` : '') +
      `<h2>Trigger</h2>${show(run.triggerPayload)}<h2>Steps</h2>` +
      table(['Step', 'Status', 'Output or error'], steps),
  );
}
