import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useState } from 'react';
import { db, records } from '../../client/db';
import {
  buildRecords,
  guessMapping,
  mappingChoices,
  parseCsv,
  problemsToCsv,
  type CsvTarget,
  type ParsedCsv,
  type RelationIndex,
} from '../../db/csvRecords';
import type { ObjectMetadata } from '../../schema/objectMetadata';
import { downloadBlob } from '../download';
import { loadRelationIndex } from '../relationTitles';
import { formatValue } from './FieldValue';
import { Modal } from './Modal';
import { useToast } from './Toasts';

const SHOWN_PROBLEMS = 50;
const PREVIEW_ROWS = 5;
const keyOf = (t: CsvTarget | null) => (t ? `${t.field}/${t.part ?? ''}` : '');

/**
 * Import records from a CSV file: columns mapped to fields (guessed from the headers,
 * editable), every row checked with its reason, a preview, then one transaction. Nothing is
 * written while a row has a problem, unless the person chooses to import the valid rows.
 */
export default function CsvImportDialog({ meta, onClose }: { meta: ObjectMetadata; onClose: () => void }) {
  const [file, setFile] = useState<{ name: string; parsed: ParsedCsv } | null>(null);
  const [mapping, setMapping] = useState<(CsvTarget | null)[]>([]);
  const [index, setIndex] = useState<RelationIndex | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const plural = meta.labelPlural.toLowerCase();
  const choices = useMemo(() => mappingChoices(meta), [meta]);
  const built = useMemo(
    () => (file && index ? buildRecords(meta, file.parsed, mapping, index) : null),
    [file, index, mapping, meta],
  );
  const reacting = useLiveQuery(async () => {
    const active = await db.versions.where('status').equals('active').toArray();
    const ids = active
      .filter(
        (v) =>
          v.trigger.type === 'DATABASE_EVENT' &&
          [`${meta.name}.created`, `${meta.name}.upserted`].includes(v.trigger.settings.eventName),
      )
      .map((v) => v.workflowId);
    return (await db.workflows.bulkGet(ids)).flatMap((w) => (w ? [w.name] : []));
  }, [meta.name]);

  const choose = async (chosen: File | undefined) => {
    setError(null);
    setFile(null);
    if (!chosen) return;
    try {
      const parsed = parseCsv(await chosen.text());
      if (parsed.headers.length === 0 || parsed.rows.length === 0)
        throw new Error(parsed.problems[0] ?? 'This file has no rows to import.');
      setIndex(await loadRelationIndex(db, meta));
      setMapping(guessMapping(parsed.headers, meta));
      setFile({ name: chosen.name, parsed });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const ready = built?.records.length ?? 0;
  const problems = built?.problems ?? [];
  const nothingMapped = mapping.every((m) => m === null);
  const canImport = !!built && ready > 0 && !nothingMapped && (problems.length === 0 || skipInvalid) && !busy;

  const run = async () => {
    if (!built) return;
    setBusy(true);
    try {
      await records.createMany(meta.name, built.records);
      toast.info(
        `Imported ${ready.toLocaleString()} ${ready === 1 ? meta.labelSingular.toLowerCase() : plural}${problems.length ? ` (${problems.length} rows skipped)` : ''}.`,
      );
      onClose();
    } catch (e) {
      setError(`Nothing was imported: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={`Import ${plural} from CSV`} onClose={onClose} wide>
      <div className="stack csv-import">
        <label className="stacked">
          CSV file (first row: column names)
          <input type="file" accept=".csv,text/csv" onChange={(e) => void choose(e.target.files?.[0])} />
        </label>
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        {file && built && (
          <>
            {file.parsed.problems.length > 0 && <p className="warning">{file.parsed.problems.join(' ')}</p>}
            <h3>Columns</h3>
            <div className="table-wrap">
              <table aria-label="Column mapping">
                <thead>
                  <tr>
                    <th>Column in the file</th>
                    <th>Example</th>
                    <th>Imports into</th>
                  </tr>
                </thead>
                <tbody>
                  {file.parsed.headers.map((header, col) => (
                    <tr key={col}>
                      <td>{header || <em>(no name)</em>}</td>
                      <td className="muted">{file.parsed.rows[0]?.[col] ?? ''}</td>
                      <td>
                        <select
                          aria-label={`Import column “${header}” into`}
                          value={keyOf(mapping[col])}
                          onChange={(e) =>
                            setMapping((m) =>
                              m.map((t, i) =>
                                i === col ? (choices.find((c) => c.value === e.target.value)?.target ?? null) : t,
                              ),
                            )
                          }
                        >
                          <option value="">— Don’t import —</option>
                          {choices.map((c) => (
                            <option key={c.value} value={c.value}>
                              {c.label}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p role="status">
              {file.parsed.rows.length.toLocaleString()} rows in {file.name}:{' '}
              <strong>{ready.toLocaleString()} ready</strong>
              {problems.length > 0 && (
                <>
                  , <strong>{problems.length.toLocaleString()} with problems</strong>
                </>
              )}
              .
            </p>
            {problems.length > 0 && (
              <section aria-label="Rows with problems" className="stack">
                <ul className="problems">
                  {problems.slice(0, SHOWN_PROBLEMS).map((p) => (
                    <li key={p.row}>
                      Row {p.row}: {p.message}
                    </li>
                  ))}
                  {problems.length > SHOWN_PROBLEMS && (
                    <li>…and {problems.length - SHOWN_PROBLEMS} more (in the download).</li>
                  )}
                </ul>
                <div>
                  <button
                    type="button"
                    onClick={() =>
                      downloadBlob(
                        new Blob([problemsToCsv(file.parsed.headers, problems)], { type: 'text/csv;charset=utf-8' }),
                        `${file.name.replace(/\.csv$/i, '')}-problems.csv`,
                      )
                    }
                  >
                    Download the rows with problems
                  </button>
                </div>
                <label>
                  <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />{' '}
                  {ready === 1 ? 'Import the valid row' : `Import the ${ready.toLocaleString()} valid rows`} and skip
                  the others
                </label>
              </section>
            )}
            {ready > 0 && <Preview meta={meta} rows={built.records.slice(0, PREVIEW_ROWS)} index={index!} />}
            {reacting && reacting.length > 0 && (
              <p className="warning" role="note">
                Importing is like creating each {meta.labelSingular.toLowerCase()} by hand:{' '}
                {reacting.map((n) => `“${n}”`).join(', ')}
                {reacting.length === 1 ? ' runs' : ' run'} once for each of the {ready.toLocaleString()} new {plural}.
              </p>
            )}
          </>
        )}
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" disabled={!canImport} onClick={() => void run()}>
            {busy
              ? 'Importing…'
              : `Import ${ready.toLocaleString()} ${ready === 1 ? meta.labelSingular.toLowerCase() : plural}`}
          </button>
        </div>
      </div>
    </Modal>
  );
}

function Preview({
  meta,
  rows,
  index,
}: {
  meta: ObjectMetadata;
  rows: Record<string, unknown>[];
  index: RelationIndex;
}) {
  const fields = meta.fields.filter((f) => rows.some((r) => r[f.name] !== undefined && r[f.name] !== null));
  return (
    <div className="table-wrap">
      <table aria-label="Preview">
        <caption className="muted small">The first {rows.length} as they will be saved</caption>
        <thead>
          <tr>
            {fields.map((f) => (
              <th key={f.name}>{f.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {fields.map((f) => (
                <td key={f.name}>{formatValue(f, r[f.name], index.titles)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
