import { formatNumber } from '../../i18n/format';
import { i18n } from '@lingui/core';
import { plural, t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useLiveQuery } from 'dexie-react-hooks';
import {
  lazy,
  memo,
  Suspense,
  useCallback,
  useDeferredValue,
  useEffect,
  useRef,
  useState,
  type FormEvent,
} from 'react';
import { db, records } from '../../client/db';
import { tableClient } from '../../client/tableClient';
import type { TableSort } from '../../db/tableIndex';
import type { FieldMetadata, ObjectMetadata } from '../../schema/objectMetadata';
import type { RecordRow } from '../../schema/record';
import { FieldInput } from '../components/FieldInput';
import { FieldValue, formatValue } from '../components/FieldValue';
import { relationTargets } from '../../schema/fieldTypes';
import { localizeObject } from '../standardLabels';
import { ConfirmDialog, Modal } from '../components/Modal';
import { RecordForm } from '../components/RecordForm';
import { useRovingGrid } from '../components/rovingGrid';
import { useToast } from '../components/Toasts';
import { useObject } from '../hooks';
import { usePagePicture } from '../pagePicture';
import { useManualWorkflows } from '../manualWorkflows';
import { Link, navigate } from '../router';
import { useRunWorkflow } from '../useRunWorkflow';
import { loadRelationTitles, titlesOf, type Titles } from '../relationTitles';

const CsvImportDialog = lazy(() => import('../components/CsvImportDialog'));

const PAGE_SIZE = 50;
type Sort = TableSort;

/**
 * The table's rows: one page (newest first), or with `page` 'all' every row, as searched and
 * sorted. Without search or sort the page is read by the creation index; with them the table
 * worker searches and sorts every row (off this thread) and names the rows to read.
 * Relations are searched, sorted and shown by the related record's title.
 */
/** Which search and sort a table's data answers (compared with what the person asks now). */
const askedOf = (query: string, sort: Sort) => JSON.stringify([query, sort]);

const range = (object: string) =>
  db.records.where('[object+createdAt]').between([object, -Infinity], [object, Infinity]);

/**
 * How many records the object has. Counted in a live query, they make it run again whenever
 * they change (related records too: their titles show).
 */
async function countRecords(meta: ObjectMetadata): Promise<{ count: number }> {
  const [count] = await Promise.all([...new Set([meta.name, ...relationTargets(meta)])].map((o) => range(o).count()));
  // A new object each time: whoever depends on it runs again even when the count is the same (an update).
  return { count };
}

/**
 * @param counted the object's count from a live query of its own (`countRecords`), so that a
 * search does not count every record at each key; without it, counted here.
 */
async function readTable(
  meta: ObjectMetadata,
  query: string,
  sort: Sort,
  page: number | 'all',
  counted?: { count: number },
): Promise<{ total: number; rows: RecordRow[]; titles: Titles; asked: string }> {
  const asked = askedOf(query, sort);
  if (!query && !sort && page !== 'all') {
    // A fresh query each time: Dexie's collection methods (reverse, offset, limit) change the collection in place.
    const [total, rows] = await Promise.all([
      range(meta.name).count(),
      range(meta.name)
        .reverse()
        .offset(page * PAGE_SIZE)
        .limit(PAGE_SIZE)
        .toArray(),
    ]);
    return { total, rows, titles: await loadRelationTitles(db, meta, rows), asked };
  }
  const ask = (recount: boolean) =>
    tableClient().query({
      object: meta.name,
      query,
      sort,
      offset: page === 'all' ? 0 : page * PAGE_SIZE,
      limit: page === 'all' ? Infinity : PAGE_SIZE,
      recount,
      locale: i18n.locale,
    });
  const [{ count }, first] = await Promise.all([counted ?? countRecords(meta), ask(false)]);
  // The worker saw another number of records: some were deleted since it last looked.
  const answer = first.size === count ? first : await ask(true);
  const rows = (await db.records.bulkGet(answer.ids)).filter((r): r is RecordRow => !!r);
  return { total: answer.total, rows, titles: await loadRelationTitles(db, meta, rows), asked };
}

/** Downloads rows as CSV (the CSV code loads only when used). */
async function exportCsv(meta: ObjectMetadata, rows: RecordRow[], titles: Titles, name: string) {
  const [{ recordsToCsv }, { downloadBlob }] = await Promise.all([
    import('../../db/csvRecords'),
    import('../download'),
  ]);
  const objects = new Map((await db.objects.toArray()).map((o) => [o.name, o]));
  const text = recordsToCsv(meta, rows, { titles, objects });
  downloadBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), `${name}.csv`);
}

type TableData = Awaited<ReturnType<typeof readTable>>;

/**
 * The first page of this object as the boot script read it (src/boot/firstRows.ts), taken
 * once: later visits read their own. Undefined when it read another page or nothing.
 */
function takeFirstRows(objectName: string): { meta: ObjectMetadata; data: TableData } | undefined {
  const first = window.localflowFirstRows;
  if (!first || first.object !== objectName) return undefined;
  window.localflowFirstRows = null;
  const meta = localizeObject(first.objects.find((o) => o.name === objectName)!);
  const titles = titlesOf(first.related, first.objects);
  return { meta, data: { total: first.total, rows: first.rows, titles, asked: askedOf('', null) } };
}

/** The table view of one object's records: sort, search, inline edit, pages of 50. */
export function RecordsPage({ objectName }: { objectName: string }) {
  const [first, setFirst] = useState(() => takeFirstRows(objectName));
  // The boot script still reading: its rows are shown if they come before the live query's.
  useEffect(() => {
    let on = true;
    void window.localflowFirstRowsRead?.then(() => on && setFirst((f) => f ?? takeFirstRows(objectName)));
    return () => {
      on = false;
    };
  }, [objectName]);
  const stored = useObject(objectName);
  const meta = useSame(stored === undefined ? first?.meta : stored);
  if (meta === undefined)
    return (
      <p className="loading">
        <Trans>Loading…</Trans>
      </p>
    );
  if (meta === null)
    return (
      <p role="alert">
        <Trans>There is no object named “{objectName}”.</Trans>
      </p>
    );
  return <RecordsTable key={objectName} meta={meta} first={first?.data} />;
}

function RecordsTable({ meta, first }: { meta: ObjectMetadata; first?: TableData }) {
  const [search, setSearch] = useState('');
  const [sort, setSort] = useState<Sort>(null);
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [creating, setCreating] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const toast = useToast();
  const runWorkflow = useRunWorkflow();
  const bulkWorkflows = useManualWorkflows(meta.name).filter((w) => w.availability === 'BULK_RECORDS');
  const [importing, setImporting] = useState(false);
  const grid = useRef<HTMLTableElement>(null);
  useRovingGrid(grid);
  const query = search.trim().toLowerCase();
  const slug = meta.labelPlural.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  /** Downloads these rows as CSV and says how many. */
  const exportRows = async (read: () => Promise<RecordRow[]>, name: string) => {
    try {
      const rows = await read();
      await exportCsv(meta, rows, await loadRelationTitles(db, meta, rows), name);
      toast.info(
        plural(rows.length, {
          one: `Exported # ${meta.labelSingular.toLowerCase()}.`,
          other: `Exported # ${meta.labelPlural.toLowerCase()}.`,
        }),
      );
    } catch (error) {
      toast.error(error);
    }
  };

  // Rows are drawn in a transition (React yields every few ms), so a page of rows arriving never
  // blocks typing or a phone's first paint for long.
  // Until the live query first answers, the first page the boot script read (if any); never
  // after (it would be out of date).
  // A search or sort: the records are counted apart (once per change, not once per key), and
  // every change runs the search again.
  const searching = !!(query || sort);
  const counted = useLiveQuery(() => (searching ? countRecords(meta) : undefined), [meta, searching]);
  const count = searching ? counted : undefined;
  const live = useLiveQuery(() => readTable(meta, query, sort, page, count), [meta, query, sort, page, count]);
  const boot = useRef(first);
  if (live) boot.current = undefined;
  const data = useDeferredValue(live ?? (page === 0 && !query && !sort ? boot.current : undefined));

  // A search or sort not answered yet (the first on a big table waits for the worker's index):
  // said after a moment, so quick answers do not flicker.
  const pending = !!data && data.asked !== askedOf(query, sort);
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!pending) return setSlow(false);
    const timer = window.setTimeout(() => setSlow(true), 400);
    return () => window.clearTimeout(timer);
  }, [pending]);

  useEffect(() => setPage(0), [query, sort]);
  // A table of many pages: the table worker makes its search and sort index while the page is read.
  const manyPages = (data?.total ?? 0) > PAGE_SIZE;
  useEffect(() => {
    if (!manyPages) return;
    const warm = () =>
      void tableClient()
        .warm(meta.name, i18n.locale)
        .catch(() => {});
    if (typeof requestIdleCallback !== 'function') {
      const timer = window.setTimeout(warm, 500);
      return () => window.clearTimeout(timer);
    }
    const handle = requestIdleCallback(warm, { timeout: 2000 });
    return () => cancelIdleCallback(handle);
  }, [manyPages, meta.name]);
  const pages = Math.max(1, Math.ceil((data?.total ?? 0) / PAGE_SIZE));
  usePagePicture(
    meta.name,
    data,
    !!live &&
      data === live &&
      page === 0 &&
      !query &&
      !sort &&
      selected.size === 0 &&
      !creating &&
      !importing &&
      !confirmDelete,
  );
  useEffect(() => {
    if (page >= pages) setPage(pages - 1);
  }, [page, pages]);

  const selectRow = useCallback(
    (id: string, on: boolean) =>
      setSelected((s) => {
        const next = new Set(s);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      }),
    [],
  );

  const toggleSort = (field: string) =>
    setSort((s) =>
      s?.field !== field ? { field, direction: 'ASC' } : s.direction === 'ASC' ? { field, direction: 'DESC' } : null,
    );
  const allOnPage = data?.rows.every((r) => selected.has(r.id)) && (data?.rows.length ?? 0) > 0;

  return (
    <section className="page" aria-labelledby="records-title">
      <header className="page-header">
        <h1 id="records-title">
          <span aria-hidden="true">{meta.icon}</span> {meta.labelPlural}
        </h1>
        <div className="toolbar">
          <input
            type="search"
            aria-label={t`Search ${meta.labelPlural.toLowerCase()}`}
            placeholder={t`Search…`}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <button type="button" onClick={() => setImporting(true)}>
            <Trans>Import CSV…</Trans>
          </button>
          <button
            type="button"
            onClick={() => void exportRows(async () => (await readTable(meta, query, sort, 'all')).rows, slug)}
          >
            <Trans>Export CSV</Trans>
          </button>
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            <Trans>+ New {meta.labelSingular.toLowerCase()}</Trans>
          </button>
        </div>
      </header>
      {selected.size > 0 && (
        <div className="selection-bar" role="region" aria-label={t`Selected records`}>
          <span>
            <Trans>{selected.size} selected</Trans>
          </span>
          {bulkWorkflows.map(({ workflow }) => (
            <button
              key={workflow.id}
              type="button"
              onClick={() => {
                void runWorkflow(workflow.id, workflow.name, [...selected]);
                setSelected(new Set());
              }}
            >
              <Trans>▶ Run “{workflow.name}”</Trans>
            </button>
          ))}
          <button
            type="button"
            onClick={() =>
              void exportRows(
                async () => (await db.records.bulkGet([...selected])).filter((r): r is RecordRow => !!r),
                `${slug}-selected`,
              )
            }
          >
            <Trans>Export CSV</Trans>
          </button>
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
            <Trans>Delete</Trans>
          </button>
          <button type="button" onClick={() => setSelected(new Set())}>
            <Trans>Clear selection</Trans>
          </button>
        </div>
      )}
      {/* Until the first rows are read the table is kept out of sight (mounted: the grid's keys
          attach to it), so rows arriving do not push the pages bar down. */}
      {!data && (
        <p className="loading">
          <Trans>Loading…</Trans>
        </p>
      )}
      <p className="table-status" role="status">
        {slow && (query ? t`Searching all rows…` : t`Sorting all rows…`)}
      </p>
      <div className="table-wrap" hidden={!data}>
        <table
          ref={grid}
          className="records"
          role="grid"
          aria-label={meta.labelPlural}
          aria-busy={pending}
          aria-rowcount={data ? data.total + 1 : undefined}
        >
          <thead>
            <tr>
              <th className="select-col">
                <input
                  type="checkbox"
                  aria-label={t`Select all on this page`}
                  checked={!!allOnPage}
                  onChange={(e) =>
                    setSelected((s) => {
                      const next = new Set(s);
                      data?.rows.forEach((r) => (e.target.checked ? next.add(r.id) : next.delete(r.id)));
                      return next;
                    })
                  }
                />
              </th>
              {meta.fields.map((f) => (
                <th
                  key={f.name}
                  aria-sort={sort?.field === f.name ? (sort.direction === 'ASC' ? 'ascending' : 'descending') : 'none'}
                >
                  <button type="button" className="th-button" onClick={() => toggleSort(f.name)}>
                    {f.label} {sort?.field === f.name ? (sort.direction === 'ASC' ? '▲' : '▼') : ''}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data?.rows.map((row) => (
              <Row
                key={row.id}
                meta={meta}
                row={row}
                titles={data.titles}
                selected={selected.has(row.id)}
                onSelect={selectRow}
                onError={toast.error}
              />
            ))}
          </tbody>
        </table>
        {data && data.total === 0 && (
          <p className="empty">
            {query ? t`No records match your search.` : t`No ${meta.labelPlural.toLowerCase()} yet.`}
          </p>
        )}
      </div>
      <nav className="pagination" aria-label={t`Pages`} hidden={!data}>
        <span>
          {data
            ? t`${data.total === 0 ? 0 : page * PAGE_SIZE + 1}–${Math.min((page + 1) * PAGE_SIZE, data.total)} of ${formatNumber(data.total)}`
            : '…'}
        </span>
        <button type="button" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
          <Trans>Previous</Trans>
        </button>
        <span>
          <Trans>
            Page {page + 1} of {pages}
          </Trans>
        </span>
        <button type="button" disabled={page >= pages - 1} onClick={() => setPage((p) => p + 1)}>
          <Trans>Next</Trans>
        </button>
      </nav>
      <Modal open={creating} title={t`New ${meta.labelSingular.toLowerCase()}`} onClose={() => setCreating(false)} wide>
        <RecordForm
          meta={meta}
          initial={{}}
          submitLabel={t`Create`}
          onCancel={() => setCreating(false)}
          onSubmit={async (values) => {
            const created = await records.create(meta.name, values);
            setCreating(false);
            toast.info(t`${meta.labelSingular} created.`);
            navigate(`/objects/${meta.name}/${created.id}`);
          }}
        />
      </Modal>
      {importing && (
        <Suspense fallback={null}>
          <CsvImportDialog meta={meta} onClose={() => setImporting(false)} />
        </Suspense>
      )}
      <ConfirmDialog
        open={confirmDelete}
        title={
          confirmDelete
            ? plural(selected.size, {
                one: `Delete # ${meta.labelSingular.toLowerCase()}?`,
                other: `Delete # ${meta.labelPlural.toLowerCase()}?`,
              })
            : ''
        }
        message={t`This cannot be undone. Workflows that watch deletions will run.`}
        confirmLabel={t`Delete`}
        onCancel={() => setConfirmDelete(false)}
        onConfirm={async () => {
          setConfirmDelete(false);
          try {
            await records.deleteMany(meta.name, [...selected]);
            toast.info(`Deleted ${selected.size}.`);
            setSelected(new Set());
          } catch (error) {
            toast.error(error);
          }
        }}
      />
    </section>
  );
}

/**
 * The value as last returned while it reads the same (as JSON): an object read again (any change
 * to the objects table, the boot script's copy replaced by the live query's) keeps its identity,
 * so what depends on it is not drawn or read again.
 */
function useSame<T>(value: T): T {
  const kept = useRef<{ value: T; json: string }>(undefined);
  const json = JSON.stringify(value) ?? '';
  if (!kept.current || kept.current.json !== json) kept.current = { value, json };
  return kept.current.value;
}

const sameTitles = (a: Titles, b: Titles) =>
  a === b || (a.size === b.size && [...a].every(([id, title]) => b.get(id) === title));

/** Rows that read the same: the same record with the same values (a live query reads new copies each time). */
const sameRow = (a: RowProps, b: RowProps) =>
  a.meta === b.meta &&
  a.selected === b.selected &&
  a.onSelect === b.onSelect &&
  a.onError === b.onError &&
  a.row.id === b.row.id &&
  (a.row === b.row || JSON.stringify(a.row) === JSON.stringify(b.row)) &&
  sameTitles(a.titles, b.titles);

interface RowProps {
  meta: ObjectMetadata;
  row: RecordRow;
  titles: Titles;
  selected: boolean;
  onSelect: (id: string, on: boolean) => void;
  onError: (e: unknown) => void;
}

/**
 * A row of the table. Drawn again only when its record, its selection or the titles change: a
 * search, a sort or a write redraws the rows that changed, not all fifty.
 */
const Row = memo(function Row({ meta, row, titles, selected, onSelect, onError }: RowProps) {
  const titleField = meta.fields.find((f) => f.name === meta.labelField)!;
  return (
    <tr aria-selected={selected}>
      <td className="select-col">
        <input
          type="checkbox"
          aria-label={t`Select ${formatValue(titleField, row.data[meta.labelField]) || 'record'}`}
          checked={selected}
          onChange={(e) => onSelect(row.id, e.target.checked)}
        />
      </td>
      {meta.fields.map((f) => (
        <Cell key={f.name} meta={meta} row={row} field={f} titles={titles} onError={onError} />
      ))}
    </tr>
  );
}, sameRow);

/** A cell: the title links to the record; other cells edit in place (Enter or click). */
function Cell({
  meta,
  row,
  field,
  titles,
  onError,
}: {
  meta: ObjectMetadata;
  row: RecordRow;
  field: FieldMetadata;
  titles: Titles;
  onError: (e: unknown) => void;
}) {
  const [editing, setEditingState] = useState(false);
  const [value, setValue] = useState<unknown>(row.data[field.name]);
  const isTitle = field.name === meta.labelField;
  const button = useRef<HTMLButtonElement>(null);
  const refocus = useRef(false);
  // Leaving the edit (Save, Cancel, Escape) puts focus back on the cell it came from.
  const setEditing = (on: boolean) => {
    refocus.current = !on;
    setEditingState(on);
  };
  useEffect(() => {
    if (!editing && refocus.current) {
      refocus.current = false;
      button.current?.focus();
    }
  }, [editing]);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await records.update(meta.name, row.id, { [field.name]: value });
      setEditing(false);
    } catch (error) {
      onError(error);
    }
  };
  if (editing) {
    return (
      <td className="editing">
        <form
          onSubmit={save}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setEditing(false);
            }
          }}
          aria-label={t`Edit ${field.label}`}
        >
          <label className="sr-only" htmlFor={`edit-${row.id}-${field.name}`}>
            {field.label}
          </label>
          <FieldInput field={field} id={`edit-${row.id}-${field.name}`} value={value} onChange={setValue} autoFocus />
          <div className="cell-actions">
            <button type="submit" className="primary small">
              <Trans>Save</Trans>
            </button>
            <button type="button" className="small" onClick={() => setEditing(false)}>
              <Trans>Cancel</Trans>
            </button>
          </div>
        </form>
      </td>
    );
  }
  return (
    <td>
      <div className={isTitle ? 'title-cell' : undefined}>
        {isTitle && (
          <Link to={`/objects/${meta.name}/${row.id}`} className="record-link">
            {formatValue(field, row.data[field.name]) || t`Untitled`}
          </Link>
        )}
        <button
          ref={button}
          type="button"
          className={isTitle ? 'cell-edit icon-button' : 'cell-button'}
          aria-label={t`Edit ${field.label}${isTitle ? '' : `: ${formatValue(field, row.data[field.name], titles) || 'empty'}`}`}
          onClick={() => {
            setValue(row.data[field.name]);
            setEditing(true);
          }}
        >
          {isTitle ? '✎' : <FieldValue field={field} value={row.data[field.name]} titles={titles} plain />}
        </button>
      </div>
    </td>
  );
}
