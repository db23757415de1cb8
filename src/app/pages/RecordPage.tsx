import { formatDateTime } from '../../i18n/format';
import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { db, records } from '../../client/db';
import type { ObjectMetadata } from '../../schema/objectMetadata';
import type { RecordRow } from '../../schema/record';
import { recordTitle } from '../components/FieldValue';
import { ConfirmDialog } from '../components/Modal';
import { RecordForm } from '../components/RecordForm';
import { useToast } from '../components/Toasts';
import { readObjects, useObject } from '../hooks';
import { useManualWorkflows } from '../manualWorkflows';
import { Link, navigate } from '../router';
import { useRunWorkflow } from '../useRunWorkflow';

/** One record: its fields (editable), what links to it, and the workflows that run on it. */
export function RecordPage({ objectName, id }: { objectName: string; id: string }) {
  const meta = useObject(objectName);
  const row = useLiveQuery(async () => (await db.records.get(id)) ?? null, [id]);
  const [confirming, setConfirming] = useState(false);
  const toast = useToast();
  const runWorkflow = useRunWorkflow();
  const manual = useManualWorkflows(objectName);
  if (meta === undefined || row === undefined)
    return (
      <p className="loading">
        <Trans>Loading…</Trans>
      </p>
    );
  if (!meta || !row || row.object !== objectName) {
    return (
      <section className="page">
        <h1>
          <Trans>Record not found</Trans>
        </h1>
        <p role="alert">
          <Trans>This record does not exist (it may have been deleted).</Trans>
        </p>
        <Link to={`/objects/${objectName}`}>
          <Trans>Back to the list</Trans>
        </Link>
      </section>
    );
  }
  const title = recordTitle(meta, row);
  return (
    <section className="page record-page" aria-labelledby="record-title">
      <nav className="breadcrumbs" aria-label={t`Breadcrumbs`}>
        <Link to={`/objects/${objectName}`}>{meta.labelPlural}</Link> › <span>{title}</span>
      </nav>
      <header className="page-header">
        <h1 id="record-title">
          <span aria-hidden="true">{meta.icon}</span> {title}
        </h1>
        <div className="toolbar">
          {manual.map(({ workflow }) => (
            <button
              key={workflow.id}
              type="button"
              onClick={() => void runWorkflow(workflow.id, workflow.name, [row.id])}
            >
              <Trans>▶ Run “{workflow.name}”</Trans>
            </button>
          ))}
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            <Trans>Delete</Trans>
          </button>
        </div>
      </header>
      <div className="record-layout">
        <div className="card">
          <RecordForm
            key={row.updatedAt}
            meta={meta}
            initial={row.data}
            submitLabel={t`Save changes`}
            onSubmit={async (changes) => {
              await records.update(objectName, row.id, changes);
              toast.info(t`Saved.`);
            }}
          />
          <p className="muted small">
            <Trans>
              Created {formatDateTime(row.createdAt)} · updated {formatDateTime(row.updatedAt)}
            </Trans>
          </p>
        </div>
        <Related meta={meta} row={row} />
      </div>
      <ConfirmDialog
        open={confirming}
        title={t`Delete “${title}”?`}
        message={t`This cannot be undone. Workflows that watch deletions will run.`}
        confirmLabel={t`Delete`}
        onCancel={() => setConfirming(false)}
        onConfirm={async () => {
          setConfirming(false);
          try {
            await records.delete(objectName, row.id);
            toast.info(t`${meta.labelSingular} deleted.`);
            navigate(`/objects/${objectName}`, { replace: true });
          } catch (error) {
            toast.error(error);
          }
        }}
      />
    </section>
  );
}

/** Records of other objects whose relation fields point here (people of a company, tasks on a person). */
function Related({ meta, row }: { meta: ObjectMetadata; row: RecordRow }) {
  const groups = useLiveQuery(async () => {
    const objects = await readObjects();
    const out: { meta: ObjectMetadata; field: string; rows: RecordRow[] }[] = [];
    for (const other of objects) {
      for (const field of other.fields) {
        if (field.type !== 'RELATION' || !field.relation?.objects.includes(meta.name)) continue;
        const rows = await db.records
          .where('[object+createdAt]')
          .between([other.name, -Infinity], [other.name, Infinity])
          .filter((r) => {
            const v = r.data[field.name];
            return v === row.id || (Array.isArray(v) && v.some((t: { id?: string }) => t?.id === row.id));
          })
          .limit(50)
          .toArray();
        if (rows.length) out.push({ meta: other, field: field.label, rows });
      }
    }
    return out;
  }, [meta.name, row.id]);
  if (!groups?.length) return null;
  return (
    <aside className="card related" aria-label={t`Related records`}>
      {groups.map((g) => (
        <section key={`${g.meta.name}-${g.field}`}>
          <h2>
            {g.meta.labelPlural} <span className="muted">({g.field})</span>
          </h2>
          <ul>
            {g.rows.map((r) => (
              <li key={r.id}>
                <Link to={`/objects/${g.meta.name}/${r.id}`}>{recordTitle(g.meta, r)}</Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </aside>
  );
}
