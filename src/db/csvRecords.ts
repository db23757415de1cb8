import { t } from '@lingui/core/macro';
import Papa from 'papaparse';
import { fieldType, type CsvPart } from '../schema/fieldTypes';
import type { FieldMetadata, ObjectMetadata } from '../schema/objectMetadata';
import type { RecordRow } from '../schema/record';
import { normaliseRecordData } from './recordValues';

/**
 * Records to and from CSV, the way a CRM user moves data (Twenty, HubSpot, spreadsheets):
 * one column per field, composite fields split into sub-columns ("Name / First name"),
 * relations as the related record's title plus its id ("Company", "Company / Id").
 */

/** A CSV column: a field, or one part of a composite field. */
export interface CsvTarget {
  field: string;
  part?: string;
}
export interface CsvColumn extends CsvTarget {
  header: string;
}

/** A field's CSV sub-columns, from its type's definition (see `schema/fieldTypes.ts`). */
export function partsOf(field: FieldMetadata): readonly CsvPart[] | undefined {
  return fieldType(field.type).csvParts;
}

/** The columns of an object's CSV, in field order. */
export function csvColumns(meta: ObjectMetadata): CsvColumn[] {
  return meta.fields.flatMap((f) => {
    const parts = partsOf(f);
    if (!parts) return [{ header: f.label, field: f.name }];
    return parts.map((p) => ({ header: p.label ? `${f.label} / ${p.label}` : f.label, field: f.name, part: p.key }));
  });
}

/** Id → title of related records, and the objects (for multi-object relation labels). */
export interface RelationIndex {
  titles: ReadonlyMap<string, string>;
  objects: ReadonlyMap<string, ObjectMetadata>;
  /** object → lower-cased title → ids with that title. */
  byTitle?: ReadonlyMap<string, ReadonlyMap<string, string[]>>;
  /** object → its record ids. */
  ids?: ReadonlyMap<string, ReadonlySet<string>>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function cellOf(field: FieldMetadata, value: unknown, part: string | undefined, index: RelationIndex): string {
  if (value === null || value === undefined) return '';
  if (field.type === 'RELATION') {
    const targets = Array.isArray(value)
      ? (value as { object: string; id: string }[])
      : [{ object: field.relation?.objects[0] ?? '', id: String(value) }];
    const multi = Array.isArray(value);
    if (part === 'id') return targets.map((t) => (multi ? `${t.object}:${t.id}` : t.id)).join('; ');
    return targets
      .map((t) => {
        const title = index.titles.get(t.id) ?? '';
        return multi ? `${index.objects.get(t.object)?.labelSingular ?? t.object}: ${title}` : title;
      })
      .join('; ');
  }
  if (part) {
    if (!isObj(value)) return '';
    if (field.type === 'CURRENCY' && part === 'amount')
      return value.amountMicros === null || value.amountMicros === undefined
        ? ''
        : String(Number(value.amountMicros) / 1e6);
    const v = value[part];
    const spec = partsOf(field)?.find((p) => p.key === part);
    if (Array.isArray(v)) return spec?.list === 'json' ? (v.length ? JSON.stringify(v) : '') : v.join(', ');
    return v === null || v === undefined ? '' : String(v);
  }
  switch (field.type) {
    case 'SELECT':
      return field.options?.find((o) => o.value === value)?.label ?? String(value);
    case 'MULTI_SELECT':
      return Array.isArray(value)
        ? value.map((v) => field.options?.find((o) => o.value === v)?.label ?? v).join(', ')
        : String(value);
    case 'RAW_JSON':
      return JSON.stringify(value);
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

/** The rows as CSV text (RFC 4180, via Papa Parse), with a header row. */
export function recordsToCsv(meta: ObjectMetadata, rows: readonly RecordRow[], index: RelationIndex): string {
  const columns = csvColumns(meta);
  const fields = new Map(meta.fields.map((f) => [f.name, f]));
  return Papa.unparse({
    fields: columns.map((c) => c.header),
    data: rows.map((r) => columns.map((c) => cellOf(fields.get(c.field)!, r.data[c.field], c.part, index))),
  });
}

/** Parsed CSV: the header row and the data rows (each an array of cells). */
export interface ParsedCsv {
  headers: string[];
  rows: string[][];
  problems: string[];
}

export function parseCsv(text: string): ParsedCsv {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const [headers = [], ...rows] = result.data;
  const problems = result.errors.slice(0, 20).map((e) => t`Row ${(e.row ?? 0) + 1}: ${e.message}`);
  if (headers.length === 0) problems.unshift(t`The file has no header row.`);
  return { headers: headers.map((h) => h.trim()), rows, problems };
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The mapping target that keeps a row's id as the record's id. */
export const RECORD_ID = 'id';

/**
 * Twenty writes cells a spreadsheet would read as a formula (starting with = + - @) behind a
 * quote; read without it.
 */
const unquote = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);

/** Guesses which field (part) each column fills, from its header; null: not imported. */
export function guessMapping(headers: readonly string[], meta: ObjectMetadata): (CsvTarget | null)[] {
  const names = new Map<string, CsvTarget>();
  const add = (name: string, target: CsvTarget) => {
    const key = squash(name);
    if (key && !names.has(key)) names.set(key, target);
  };
  for (const c of csvColumns(meta)) add(c.header, c);
  for (const f of meta.fields) {
    const parts = partsOf(f);
    add(f.name, { field: f.name, part: parts?.[0].key });
    add(f.label, { field: f.name, part: parts?.[0].key });
    for (const p of parts ?? []) {
      add(`${f.name}.${p.key}`, { field: f.name, part: p.key });
      add(`${f.name} ${p.key}`, { field: f.name, part: p.key });
      if (p.twentyLabel) add(`${f.label} / ${p.twentyLabel}`, { field: f.name, part: p.key });
    }
  }
  // Twenty's CSV starts with the record's id ("Id"): kept, so the "Company Id" of another file still finds it.
  add('Id', { field: RECORD_ID });
  // Part labels alone ("First name", "City") when only one field has them.
  const partOwners = new Map<string, CsvTarget[]>();
  for (const f of meta.fields)
    for (const p of partsOf(f) ?? [])
      if (p.label)
        partOwners.set(squash(p.label), [...(partOwners.get(squash(p.label)) ?? []), { field: f.name, part: p.key }]);
  for (const [label, owners] of partOwners) if (owners.length === 1) add(label, owners[0]);
  add('email', { field: meta.fields.find((f) => f.type === 'EMAILS')?.name ?? '', part: 'primaryEmail' });
  add('phone', { field: meta.fields.find((f) => f.type === 'PHONES')?.name ?? '', part: 'primaryPhoneNumber' });
  const used = new Set<string>();
  return headers.map((h) => {
    const target = names.get(squash(h));
    if (!target || !target.field) return null;
    const key = `${target.field}/${target.part ?? ''}`;
    if (used.has(key)) return null;
    used.add(key);
    return { field: target.field, part: target.part };
  });
}

/** Every choice a column can take, for the mapping step. */
export function mappingChoices(meta: ObjectMetadata): { value: string; label: string; target: CsvTarget }[] {
  return [
    ...csvColumns(meta).map((c) => ({
      value: `${c.field}/${c.part ?? ''}`,
      label: c.header,
      target: { field: c.field, part: c.part },
    })),
    { value: `${RECORD_ID}/`, label: t`Id (kept as the record's id)`, target: { field: RECORD_ID } },
  ];
}

export interface RowProblem {
  row: number;
  message: string;
  cells: string[];
}
export interface BuiltRows {
  records: Record<string, unknown>[];
  problems: RowProblem[];
  rowNumbers: number[];
}

/**
 * Turns CSV rows into record values, each checked the way a write would check it, with the
 * related records found by id or by title. `row` numbers are the file's line numbers (the
 * header is row 1).
 */
export function buildRecords(
  meta: ObjectMetadata,
  parsed: ParsedCsv,
  mapping: readonly (CsvTarget | null)[],
  index: RelationIndex,
): BuiltRows {
  const fields = new Map(meta.fields.map((f) => [f.name, f]));
  const records: Record<string, unknown>[] = [];
  const rowNumbers: number[] = [];
  const problems: RowProblem[] = [];
  parsed.rows.forEach((cells, i) => {
    const row = i + 2;
    try {
      const data: Obj = {};
      const relations = new Map<string, { id?: string; title?: string }>();
      mapping.forEach((target, col) => {
        if (!target) return;
        const cell = unquote((cells[col] ?? '').trim());
        if (cell === '') return;
        if (target.field === RECORD_ID) {
          data.id = cell;
          return;
        }
        const field = fields.get(target.field);
        if (!field) return;
        if (field.type === 'RELATION') {
          const r = relations.get(field.name) ?? {};
          if (target.part === 'id') r.id = cell;
          else r.title = cell;
          relations.set(field.name, r);
          return;
        }
        if (target.part) {
          const composite = (data[field.name] as Obj | undefined) ?? {};
          composite[target.part] = partValue(field, target.part, cell);
          if (field.type === 'CURRENCY' && target.part === 'amount') {
            delete composite.amount;
            const amount = Number(cell.replace(/[\s,]/g, ''));
            if (!Number.isFinite(amount)) throw new Error(t`"${field.label} / Amount" expects a number, got "${cell}"`);
            composite.amountMicros = Math.round(amount * 1e6);
          }
          data[field.name] = composite;
          return;
        }
        data[field.name] = cell;
      });
      for (const [name, ref] of relations) data[name] = resolveRelation(fields.get(name)!, ref, index);
      records.push({ ...normaliseRecordData(meta, data), ...(data.id ? { id: data.id } : {}) });
      rowNumbers.push(row);
    } catch (error) {
      problems.push({ row, message: error instanceof Error ? error.message : String(error), cells });
    }
  });
  return { records, problems, rowNumbers };
}

function partValue(field: FieldMetadata, part: string, cell: string): unknown {
  const spec = partsOf(field)?.find((p) => p.key === part);
  // Twenty writes lists as JSON (`["a@b.c"]`, phones as `[{"number": …, "callingCode": …}]`).
  if (spec?.list === 'comma' && cell.startsWith('[')) {
    try {
      const parsed = JSON.parse(cell) as unknown;
      if (Array.isArray(parsed))
        return parsed
          .map((v) =>
            v && typeof v === 'object'
              ? `${(v as { callingCode?: string }).callingCode ?? ''}${(v as { number?: string }).number ?? ''}`
              : String(v),
          )
          .filter(Boolean);
    } catch {
      /* a list written with commas */
    }
  }
  if (spec?.list === 'comma')
    return cell
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (spec?.list === 'json') {
    try {
      const parsed = JSON.parse(cell) as unknown;
      if (Array.isArray(parsed)) return parsed;
    } catch {
      /* fall through */
    }
    throw new Error(t`"${field.label} / ${spec.label}" expects a JSON list, got "${cell}"`);
  }
  return cell;
}

function resolveRelation(field: FieldMetadata, ref: { id?: string; title?: string }, index: RelationIndex): unknown {
  const objects = field.relation?.objects ?? [];
  const multi = field.relation?.multiple || objects.length > 1;
  const find = (object: string, text: string): string => {
    if (index.ids?.get(object)?.has(text)) return text;
    const matches = index.byTitle?.get(object)?.get(text.toLowerCase()) ?? [];
    const label = index.objects.get(object)?.labelSingular.toLowerCase() ?? object;
    if (matches.length === 1) return matches[0];
    if (matches.length > 1)
      throw new Error(
        t`${field.label}: ${matches.length} ${label} records are called "${text}"; use the id column to say which`,
      );
    throw new Error(t`${field.label}: no ${label} is called "${text}" or has that id`);
  };
  if (!multi) return find(objects[0], ref.id || ref.title!);
  const entries = (ref.id || ref.title!)
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
  return entries.map((entry) => {
    const sep = entry.indexOf(':');
    const head = sep > 0 ? entry.slice(0, sep).trim() : '';
    const object = objects.find(
      (o) => o === head || index.objects.get(o)?.labelSingular.toLowerCase() === head.toLowerCase(),
    );
    if (!object)
      throw new Error(t`${field.label}: write each entry as "Object: title" or "object:id" (got "${entry}")`);
    return { object, id: find(object, entry.slice(sep + 1).trim()) };
  });
}

/** The rows that failed, as CSV with their reason in a last column (to fix and import again). */
export function problemsToCsv(headers: readonly string[], problems: readonly RowProblem[]): string {
  return Papa.unparse({
    fields: ['Row', ...headers, 'Error'],
    data: problems.map((p) => [String(p.row), ...headers.map((_, i) => p.cells[i] ?? ''), p.message]),
  });
}
