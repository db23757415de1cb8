import { t } from '@lingui/core/macro';
import Dexie from 'dexie';
import { uuidv7 } from '../engine/ids';
import type { IndexedRange, RecordTx } from '../engine/ports';
import type { ObjectMetadata } from '../schema/objectMetadata';
import { toRecordView, type EventOrigin, type RecordEvent, type RecordRow, type RecordView } from '../schema/record';
import type { EngineTables } from './database';
import type { VersionRow } from '../schema/workflowRows';
import { normaliseRecordData, RecordValueError } from './recordValues';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * Record reads and writes inside one Dexie transaction. Writes are buffered (reads see
 * them) and flushed in bulk with their outbox events when the transaction ends: a group of
 * steps costs a few bulk writes, not one write per step.
 * Give it tables bound to a 'rw' transaction (`boundTables`) covering records, events and objects.
 */
export class DexieRecordTx implements RecordTx {
  private readonly overlay = new Map<string, RecordRow | null>();
  private undo: { id: string; prev: RecordRow | null | undefined }[] = [];
  private events: RecordEvent[] = [];
  private readonly marks: { undo: number; events: number }[] = [];
  private readonly metadata = new Map<string, ObjectMetadata | undefined>();
  /** Rows read in this transaction; no other writer can change them before it ends. */
  private readonly cache = new Map<string, RecordRow | undefined>();

  /**
   * @param listened the record events (`person.created`…) some active workflow listens to
   * (see `listenedBy`), or 'all'; other events need no outbox row. A promise is read in
   * parallel with the transaction's first requests: it is needed only at flush.
   */
  constructor(
    private readonly db: Pick<EngineTables, 'objects' | 'records' | 'events'>,
    private readonly listened: Promise<Set<string>> | 'all',
    private readonly now: () => number = Date.now,
  ) {
    if (listened !== 'all') listened.catch(() => {});
  }

  /** The active versions, read inside a write transaction (triggers and the outbox filter use them). */
  static activeVersions(db: Pick<EngineTables, 'versions'>): Promise<VersionRow[]> {
    return db.versions.where('status').equals('active').toArray();
  }

  /**
   * The record events these (active) versions listen to. A workflow reacts to changes made
   * after its activation only, and activation and writes are serialised by IndexedDB, so
   * events nobody listens to need no outbox row.
   */
  static listenedBy(versions: VersionRow[]): Set<string> {
    const keys = new Set<string>();
    for (const v of versions) {
      if (v.trigger.type !== 'DATABASE_EVENT') continue;
      const [object, kind] = v.trigger.settings.eventName.split('.');
      for (const e of kind === 'upserted' ? ['created', 'updated'] : [kind]) keys.add(`${object}.${e}`);
    }
    return keys;
  }

  async object(name: string): Promise<ObjectMetadata | undefined> {
    if (!this.metadata.has(name)) this.metadata.set(name, await this.db.objects.get(name));
    return this.metadata.get(name);
  }

  private async requireObject(name: string): Promise<ObjectMetadata> {
    const meta = await this.object(name);
    if (!meta) throw new RecordValueError(t`there is no object named "${name}"`);
    return meta;
  }

  /** The row with this id, of any object (this transaction's writes first). */
  private async rowById(id: string): Promise<RecordRow | undefined> {
    const buffered = this.overlay.get(id);
    if (buffered !== undefined) return buffered ?? undefined;
    if (this.cache.has(id)) return this.cache.get(id);
    const row = await this.db.records.get(id);
    this.cache.set(id, row);
    return row;
  }

  private async row(object: string, id: string): Promise<RecordRow | undefined> {
    const row = await this.rowById(id);
    return row && row.object === object ? row : undefined;
  }

  async normalise(object: string, data: Record<string, unknown>): Promise<Record<string, unknown>> {
    return normaliseRecordData(await this.requireObject(object), data);
  }

  private async requireRow(object: string, id: string): Promise<RecordRow> {
    const row = await this.row(object, id);
    if (!row) throw new RecordValueError(t`no ${object} record has id "${id}"`);
    return row;
  }

  private write(id: string, row: RecordRow | null, event: RecordEvent) {
    this.undo.push({ id, prev: this.overlay.get(id) });
    this.overlay.set(id, row);
    this.events.push(event);
  }

  async prefetch(firstId: string, ids: () => string[]): Promise<void> {
    if (this.overlay.has(firstId) || this.cache.has(firstId)) return;
    const missing = ids().filter((id) => !this.overlay.has(id) && !this.cache.has(id));
    if (missing.length === 0) return;
    // Ids made in sequence sit together in the primary key: one range read usually covers them.
    const sorted = [...missing].sort();
    const inRange = await this.db.records
      .where(':id')
      .between(sorted[0], sorted[sorted.length - 1], true, true)
      .limit(missing.length * 2)
      .toArray();
    for (const row of inRange) this.cache.set(row.id, row);
    const rest = missing.filter((id) => !this.cache.has(id));
    if (rest.length === 0) return;
    const rows = await this.db.records.bulkGet(rest);
    rest.forEach((id, i) => this.cache.set(id, rows[i]));
  }

  async get(object: string, id: string): Promise<RecordView | undefined> {
    const row = await this.row(object, id);
    return row ? toRecordView(row) : undefined;
  }

  async find(object: string, where?: (record: RecordView) => boolean, range?: IndexedRange): Promise<RecordView[]> {
    const stored = await this.db.records
      .where(range?.field === 'updatedAt' ? '[object+updatedAt]' : '[object+createdAt]')
      .between([object, range?.lower ?? Dexie.minKey], [object, range?.upper ?? Dexie.maxKey], true, true)
      .toArray();
    let rows: RecordRow[] = stored;
    for (const row of stored) this.cache.set(row.id, row);
    // This transaction's writes (none, most often): changed and deleted rows, rows new to the search.
    const written = [...this.overlay].filter(([, row]) => row === null || row.object === object);
    if (written.length > 0) {
      const storedIds = new Set(stored.map((r) => r.id));
      rows = [];
      for (const row of stored) {
        const buffered = this.overlay.get(row.id);
        if (buffered !== null) rows.push(buffered ?? row);
      }
      for (const [id, row] of written) if (row && !storedIds.has(id)) rows.push(row);
      // A write may have moved a row into the range or out of it.
      if (range) rows = rows.filter((r) => r[range.field] >= range.lower && r[range.field] <= range.upper);
    }
    // Oldest first, whichever index was read.
    if (range && (range.field !== 'createdAt' || written.length > 0))
      rows.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const views = rows.map(toRecordView);
    return where ? views.filter(where) : views;
  }

  /** Relations point to records that exist (written earlier in this transaction counts). */
  private async checkRelations(meta: ObjectMetadata, data: Record<string, unknown>): Promise<void> {
    for (const field of meta.fields) {
      if (field.type !== 'RELATION' || data[field.name] === undefined || data[field.name] === null) continue;
      const value = data[field.name];
      const targets = Array.isArray(value)
        ? (value as { object: string; id: string }[])
        : [{ object: field.relation?.objects[0] ?? '', id: String(value) }];
      for (const target of targets) {
        if (!(await this.row(target.object, target.id))) {
          const label = (await this.object(target.object))?.labelSingular.toLowerCase() ?? target.object;
          throw new RecordValueError(t`field "${field.label}" points to no ${label} with id "${target.id}"`);
        }
      }
    }
  }

  async create(object: string, data: Record<string, unknown>, origin: EventOrigin | null) {
    const meta = await this.requireObject(object);
    const at = this.now();
    const normalised = normaliseRecordData(meta, data);
    await this.checkRelations(meta, normalised);
    // A record may come with its id (as Twenty allows: a CSV from Twenty keeps its ids, so the
    // relations between its files still hold); else it gets a new one.
    const given = typeof data.id === 'string' && UUID.test(data.id.trim()) ? data.id.trim().toLowerCase() : undefined;
    if (given && (await this.rowById(given))) throw new RecordValueError(t`a record with id "${given}" already exists`);
    const row: RecordRow = { id: given ?? uuidv7(at), object, data: normalised, createdAt: at, updatedAt: at };
    const after = toRecordView(row);
    this.write(row.id, row, { object, event: 'created', recordId: row.id, before: null, after, at, origin });
    return after;
  }

  async update(object: string, id: string, patch: Record<string, unknown>, origin: EventOrigin | null) {
    const meta = await this.requireObject(object);
    const prev = await this.requireRow(object, id);
    const changes = normaliseRecordData(meta, patch, prev.data);
    await this.checkRelations(meta, changes);
    const before = toRecordView(prev);
    const unchanged = Object.entries(changes).every(
      ([k, v]) => JSON.stringify(prev.data[k] ?? null) === JSON.stringify(v ?? null),
    );
    if (unchanged) return { before, after: before };
    const at = Math.max(this.now(), prev.updatedAt);
    const row: RecordRow = { ...prev, data: { ...prev.data, ...changes }, updatedAt: at };
    const after = toRecordView(row);
    this.write(id, row, { object, event: 'updated', recordId: id, before, after, at, origin });
    return { before, after };
  }

  async delete(object: string, id: string, origin: EventOrigin | null) {
    const prev = await this.requireRow(object, id);
    const before = toRecordView(prev);
    this.write(id, null, { object, event: 'deleted', recordId: id, before, after: null, at: this.now(), origin });
    return before;
  }

  savepoint(): number {
    this.marks.push({ undo: this.undo.length, events: this.events.length });
    return this.marks.length - 1;
  }

  rollbackTo(savepoint: number): void {
    const mark = this.marks[savepoint];
    while (this.undo.length > mark.undo) {
      const { id, prev } = this.undo.pop()!;
      if (prev === undefined) this.overlay.delete(id);
      else this.overlay.set(id, prev);
    }
    this.events.length = mark.events;
    this.marks.length = savepoint;
  }

  /** The changes made so far and not flushed, in order (listened to or not). */
  staged(): RecordEvent[] {
    return [...this.events];
  }

  /** Writes the buffered records and their outbox events. Returns how many events. */
  async flush(): Promise<number> {
    const puts: RecordRow[] = [];
    const deletes: string[] = [];
    for (const [id, row] of this.overlay) {
      if (row) puts.push(row);
      else deletes.push(id);
    }
    // Issued together: IndexedDB keeps their order within the transaction.
    const writes: Promise<unknown>[] = [];
    if (puts.length) writes.push(this.db.records.bulkPut(puts));
    if (deletes.length) writes.push(this.db.records.bulkDelete(deletes));
    const listened = await this.listened;
    const events = listened === 'all' ? this.events : this.events.filter((e) => listened.has(`${e.object}.${e.event}`));
    const count = events.length;
    if (count) writes.push(this.db.events.bulkAdd(events));
    await Promise.all(writes);
    this.overlay.clear();
    this.undo = [];
    this.events = [];
    this.marks.length = 0;
    return count;
  }
}
