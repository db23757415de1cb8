import { formatNumber } from '../../i18n/format';
import { plural, t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
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
  const pluralLabel = meta.labelPlural.toLowerCase();
  const singularLabel = meta.labelSingular.toLowerCase();
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
        throw new Error(parsed.problems[0] ?? t`This file has no rows to import.`);
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
        problems.length
          ? plural(ready, {
              one: `Imported # ${singularLabel} (${problems.length} rows skipped).`,
              other: `Imported # ${pluralLabel} (${problems.length} rows skipped).`,
            })
          : plural(ready, { one: `Imported # ${singularLabel}.`, other: `Imported # ${pluralLabel}.` }),
      );
      onClose();
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      setError(t`Nothing was imported: ${reason}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t`Import ${pluralLabel} from CSV`} onClose={onClose} wide>
      <div className="stack csv-import">
        <label className="stacked">
          <Trans>CSV file (first row: column names)</Trans>
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
            <h3>
              <Trans>Columns</Trans>
            </h3>
            <div className="table-wrap">
              <table aria-label={t`Column mapping`}>
                <thead>
                  <tr>
                    <th>
                      <Trans>Column in the file</Trans>
                    </th>
                    <th>
                      <Trans>Example</Trans>
                    </th>
                    <th>
                      <Trans>Imports into</Trans>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {file.parsed.headers.map((header, col) => (
                    <tr key={col}>
                      <td>
                        {header || (
                          <em>
                            <Trans>(no name)</Trans>
                          </em>
                        )}
                      </td>
                      <td className="muted">{file.parsed.rows[0]?.[col] ?? ''}</td>
                      <td>
                        <select
                          aria-label={t`Import column “${header}” into`}
                          value={keyOf(mapping[col])}
                          onChange={(e) =>
                            setMapping((m) =>
                              m.map((t, i) =>
                                i === col ? (choices.find((c) => c.value === e.target.value)?.target ?? null) : t,
                              ),
                            )
                          }
                        >
                          <option value="">{t`— Don’t import —`}</option>
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
              <Trans>
                {formatNumber(file.parsed.rows.length)} rows in {file.name}:{' '}
                <strong>{formatNumber(ready)} ready</strong>
              </Trans>
              {problems.length > 0 && (
                <>
                  ,{' '}
                  <strong>
                    <Trans>{formatNumber(problems.length)} with problems</Trans>
                  </strong>
                </>
              )}
              .
            </p>
            {problems.length > 0 && (
              <section aria-label={t`Rows with problems`} className="stack">
                <ul className="problems">
                  {problems.slice(0, SHOWN_PROBLEMS).map((p) => (
                    <li key={p.row}>
                      <Trans>
                        Row {p.row}: {p.message}
                      </Trans>
                    </li>
                  ))}
                  {problems.length > SHOWN_PROBLEMS && (
                    <li>
                      <Trans>…and {problems.length - SHOWN_PROBLEMS} more (in the download).</Trans>
                    </li>
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
                    <Trans>Download the rows with problems</Trans>
                  </button>
                </div>
                <label>
                  <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />{' '}
                  {plural(ready, { one: 'Import the valid row', other: 'Import the # valid rows' })}{' '}
                  <Trans>and skip the others</Trans>
                </label>
              </section>
            )}
            {ready > 0 && <Preview meta={meta} rows={built.records.slice(0, PREVIEW_ROWS)} index={index!} />}
            {reacting && reacting.length > 0 && (
              <p className="warning" role="note">
                <Trans>Importing is like creating each {meta.labelSingular.toLowerCase()} by hand: </Trans>
                {reacting.map((n) => `“${n}”`).join(', ')}
                {plural(reacting.length, { one: ' runs', other: ' run' })}{' '}
                <Trans>
                  once for each of the {formatNumber(ready)} new {pluralLabel}.
                </Trans>
              </p>
            )}
          </>
        )}
        <div className="actions">
          <button type="button" onClick={onClose}>
            <Trans>Cancel</Trans>
          </button>
          <button type="button" className="primary" disabled={!canImport} onClick={() => void run()}>
            {busy
              ? t`Importing…`
              : plural(ready, { one: `Import # ${singularLabel}`, other: `Import # ${pluralLabel}` })}
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
      <table aria-label={t`Preview`}>
        <caption className="muted small">
          <Trans>The first {rows.length} as they will be saved</Trans>
        </caption>
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
