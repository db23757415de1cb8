import Dexie from 'dexie';
import { textOf } from '../engine/filter';
import { compareValues } from '../engine/steps/findRecords';
import { fieldType, relationIds, relationTargets } from '../schema/fieldTypes';
import type { FieldMetadata, ObjectMetadata } from '../schema/objectMetadata';
import type { RecordRow } from '../schema/record';
import type { LocalflowDB } from './database';
import { RESTORE_EPOCH } from './workspace';

/**
 * Search and sort over every record of an object, without the records: for each record its
 * search text and sort keys, kept up to date from IndexedDB's indexes (what changed since, not
 * a re-read). Runs in the table worker (worker/table.worker.ts), so a table of 100,000 rows
 * is searched and sorted off the page's thread and the page holds only the rows it shows.
 *
 * A row matches a search when its fields as a person reads them contain the text (ignoring
 * case), a relation by the related record's title: what the table shows.
 */

export type TableSort = { field: string; direction: 'ASC' | 'DESC' } | null;

export interface TableQuery {
  object: string;
  /** Lower-case search text ('' for none). */
  query: string;
  sort: TableSort;
  /** First row and how many (Infinity: all). */
  offset: number;
  limit: number;
  /**
   * Count the object's records first: the page counted another number than the index holds
   * (`size`), so records were deleted (their deletes leave no trace in the update index).
   */
  recount?: boolean;
}

/** A record whose title matched (Ctrl+K). */
export interface TitleMatch {
  object: string;
  id: string;
  title: string;
}

export interface TableAnswer {
  /** How many rows match, and the ids asked for. */
  total: number;
  ids: string[];
  /** How many records of the object the index holds. */
  size: number;
}

interface Entry {
  id: string;
  createdAt: number;
  updatedAt: number;
  /** The fields as a person reads them, lower case, relations left out (their titles can change). */
  text: string;
  /** The record's title (for the records that relate to it). */
  title: string;
  /** Per field (by position in the object's fields): what the field sorts by; relations: the ids. */
  keys: unknown[];
}

interface ObjectIndex {
  meta: ObjectMetadata;
  /** A stamp of the object's definition: fields changed means every entry is made again. */
  metaStamp: string;
  entries: Map<string, Entry>;
  /** Newest first (as the table lists), made again after a change. */
  order: Entry[] | null;
  /** The latest `updatedAt` seen: what changed since is read by the [object+updatedAt] index. */
  seenUpdatedAt: number;
}

/**
 * What a value sorts by, read once per row (`compareValues` orders these as it orders the
 * values): numbers and currency amounts by value, the rest as their text.
 */
function sortKey(value: unknown): number | string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && 'amountMicros' in value) {
    const n = Number((value as { amountMicros: unknown }).amountMicros);
    if (!Number.isNaN(n)) return n;
  }
  const text = textOf(value);
  return text === '' ? null : text;
}

const isText = (f: FieldMetadata) => f.type === 'SELECT' || f.type === 'MULTI_SELECT';

function entryOf(meta: ObjectMetadata, row: RecordRow): Entry {
  const parts: string[] = [];
  const keys: unknown[] = [];
  let title = '';
  for (const f of meta.fields) {
    const value = row.data[f.name];
    const empty = value === null || value === undefined || value === '';
    if (f.type === 'RELATION') {
      keys.push(relationIds(value));
      continue;
    }
    const shown = empty ? '' : fieldType(f.type).format(f, value, undefined);
    if (shown) parts.push(shown);
    if (f.name === meta.labelField) title = shown;
    keys.push(isText(f) ? (shown === '' ? null : shown) : sortKey(value));
  }
  return {
    id: row.id,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    text: parts.join('\u0000').toLowerCase(),
    title: title.trim() || 'Untitled',
    keys,
  };
}

export class TableIndex {
  private readonly objects = new Map<string, ObjectIndex>();
  /** Per object, the look at IndexedDB under way: looks at one object take turns (none is done twice). */
  private readonly looking = new Map<string, Promise<ObjectIndex | undefined>>();
  /** The restore epoch the index was made in (a restore brings rows back under the same ids and times). */
  private epoch: unknown;

  constructor(private readonly db: LocalflowDB) {}

  /** Forgets everything (the language changed: the text of dates, numbers and yes/no with it). */
  clear(): void {
    this.objects.clear();
  }

  /** Makes the object's index (and its related objects') ready for the first search or sort. */
  async warm(object: string): Promise<void> {
    const sync = this.syncer();
    const index = await sync(object);
    if (!index) return;
    ordered(index);
    for (const target of relationTargets(index.meta)) await sync(target);
  }

  /** The ids of the rows asked for, and how many rows match. */
  async query(q: TableQuery): Promise<TableAnswer> {
    const sync = this.syncer();
    const index = await sync(q.object, q.recount);
    if (!index) return { total: 0, ids: [], size: 0 };
    const fields = index.meta.fields;
    let rows = ordered(index);
    if (q.query) {
      // Relations match by the related record's title: the ids of related records whose title has the text.
      const related = new Set<string>();
      const relationFields = fields.flatMap((f, i) => (f.type === 'RELATION' ? [i] : []));
      for (const target of relationTargets(index.meta)) {
        const other = await sync(target);
        if (!other) continue;
        for (const e of other.entries.values()) if (e.title.toLowerCase().includes(q.query)) related.add(e.id);
      }
      const text = q.query;
      rows = rows.filter(
        (e) =>
          e.text.includes(text) ||
          (related.size > 0 && relationFields.some((i) => (e.keys[i] as string[]).some((id) => related.has(id)))),
      );
    }
    if (q.sort) {
      const i = fields.findIndex((f) => f.name === q.sort!.field);
      if (i >= 0) {
        const field = fields[i];
        let key = (e: Entry) => e.keys[i] as number | string | null;
        if (field.type === 'RELATION') {
          const titles = new Map<string, string>();
          for (const target of field.relation?.objects ?? []) {
            const other = await sync(target);
            if (other) for (const e of other.entries.values()) titles.set(e.id, e.title);
          }
          key = (e) => {
            const ids = e.keys[i] as string[];
            return ids.length ? ids.map((id) => titles.get(id) ?? id).join(', ') : null;
          };
        }
        const sign = q.sort.direction === 'ASC' ? 1 : -1;
        // Keys read once per row, not once per comparison; ties keep the table's order (newest first: sort is stable).
        const keyed = rows.map((e) => ({ e, k: key(e) }));
        keyed.sort((a, b) => sign * compareValues(a.k, b.k));
        rows = keyed.map((x) => x.e);
      }
    }
    const end = q.limit === Infinity ? rows.length : q.offset + q.limit;
    return { total: rows.length, ids: rows.slice(q.offset, end).map((e) => e.id), size: index.entries.size };
  }

  /**
   * Records of these objects whose title contains `query` (lower case), `limit` in all: what
   * Ctrl+K lists. Titles that are the query come first, then those that begin with it, then the
   * rest; each in the objects' order, each object's newest first. The objects are counted
   * first, so deleted records are not offered.
   */
  async titles(objects: string[], query: string, limit: number): Promise<TitleMatch[]> {
    const sync = this.syncer();
    const [same, starting, containing]: TitleMatch[][] = [[], [], []];
    // Every object brought up to date at once (one look each, in parallel), then searched in order.
    const indexes = await Promise.all(objects.map((object) => sync(object, true)));
    for (const [i, object] of objects.entries()) {
      const index = indexes[i];
      if (!index) continue;
      for (const e of ordered(index)) {
        const title = e.title.toLowerCase();
        const at = title.indexOf(query);
        if (at < 0) continue;
        const bucket = title.length === query.length ? same : at === 0 ? starting : containing;
        if (bucket.length < limit) bucket.push({ object, id: e.id, title: e.title });
      }
    }
    return [...same, ...starting, ...containing].slice(0, limit);
  }

  /** Brings objects up to date, each once (a query looks at a related object once). */
  private syncer(): (object: string, recount?: boolean) => Promise<ObjectIndex | undefined> {
    const seen = new Map<string, Promise<ObjectIndex | undefined>>();
    return (object, recount = false) => {
      let done = seen.get(object);
      if (!done) {
        // After the look under way, if any: it may have begun before the writes this call must see.
        const before = this.looking.get(object) ?? Promise.resolve(undefined);
        done = before.catch(() => undefined).then(() => this.sync(object, recount));
        this.looking.set(object, done);
        seen.set(object, done);
      }
      return done;
    };
  }

  /**
   * The object's index, brought up to date: records created or updated since the last look are
   * read by the [object+updatedAt] index (the first look reads every record once). Deletes leave
   * no trace there: with `recount` the records are counted, and when the count differs the ids
   * still there are read (keys only).
   */
  private async sync(object: string, recount: boolean): Promise<ObjectIndex | undefined> {
    const db = this.db;
    return db.transaction('r', [db.objects, db.records, db.meta], async () => {
      const [meta, epoch] = await Promise.all([db.objects.get(object), db.meta.get(RESTORE_EPOCH)]);
      if (epoch?.value !== this.epoch) {
        this.objects.clear();
        this.epoch = epoch?.value;
      }
      if (!meta) {
        this.objects.delete(object);
        return undefined;
      }
      const metaStamp = JSON.stringify(meta.fields) + meta.labelField;
      const known = this.objects.get(object);
      let index = known && known.metaStamp === metaStamp ? known : undefined;
      if (!index) {
        index = { meta, metaStamp, entries: new Map(), order: null, seenUpdatedAt: -Infinity };
        this.objects.set(object, index);
      }
      index.meta = meta;
      // Read in one request each, together (a cursor would cost a round trip per record).
      const first = index.seenUpdatedAt === -Infinity;
      const range = db.records.where('[object+createdAt]').between([object, Dexie.minKey], [object, Dexie.maxKey]);
      const [since, count] = await Promise.all([
        db.records
          .where('[object+updatedAt]')
          .between([object, index.seenUpdatedAt], [object, Dexie.maxKey], true, true)
          .toArray(),
        recount && !first ? range.count() : undefined,
      ]);
      let changed = false;
      for (const row of since) {
        const entry = entryOf(meta, row);
        const had = index.entries.get(row.id);
        index.seenUpdatedAt = Math.max(index.seenUpdatedAt, row.updatedAt);
        // The rows of the last time seen are read again (a write in the same millisecond): most are unchanged.
        if (had && had.updatedAt === entry.updatedAt && sameEntry(had, entry)) continue;
        index.entries.set(row.id, entry);
        changed = true;
      }
      if (count !== undefined && count !== index.entries.size) {
        const ids = new Set((await range.primaryKeys()) as string[]);
        for (const id of index.entries.keys()) if (!ids.has(id)) index.entries.delete(id);
        changed = true;
      }
      if (changed) index.order = null;
      return index;
    });
  }
}

function sameEntry(a: Entry, b: Entry): boolean {
  return (
    a.createdAt === b.createdAt &&
    a.text === b.text &&
    a.title === b.title &&
    JSON.stringify(a.keys) === JSON.stringify(b.keys)
  );
}

/** The index's rows newest first, as the table lists them (sorted again after a change). */
function ordered(index: ObjectIndex): Entry[] {
  return (index.order ??= [...index.entries.values()].sort(
    (a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
  ));
}
