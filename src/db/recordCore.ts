import { t } from '@lingui/core/macro';
import { uuidv7 } from '../engine/ids';
import { withinRange, type IndexedRange, type RecordTx, type TextCondition } from '../engine/ports';
import type { FieldMetadata, ObjectMetadata } from '../schema/objectMetadata';
import { toRecordView, type EventOrigin, type RecordEvent, type RecordRow, type RecordView } from '../schema/record';
import type { VersionRow } from '../schema/workflowRows';
import { normaliseRecordData, RecordValueError } from './recordValues';
import { applyRecordWrite, RecordWrites, type RecordWrite, type RecordWriteResult } from '../engine/recordWrites';

/** A change as staged: an update keeps the row it replaced, made into its `before` view only when needed. */
type StagedEvent = Omit<RecordEvent, 'before'> & ({ before: RecordView | null } | { prev: RecordRow });

function recordEvent(staged: StagedEvent): RecordEvent {
  if (!('prev' in staged)) return staged;
  const { prev, ...event } = staged;
  return { ...event, before: toRecordView(prev) };
}

/** Whether these (normalised) changes point this field to some record, which must then exist. */
function setsRelation(field: FieldMetadata, data: Record<string, unknown>): boolean {
  return field.type === 'RELATION' && data[field.name] !== undefined && data[field.name] !== null;
}

/** Whether two field values store the same (as JSON: a missing value is null). Called for every change written. */
function sameStored(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const x = asJsonPrimitive(a);
  const y = asJsonPrimitive(b);
  if (x !== NOT_PRIMITIVE && y !== NOT_PRIMITIVE) return x === y;
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

const NOT_PRIMITIVE = Symbol('not primitive');

/** A value as JSON writes it when that is a primitive (NaN and undefined are null), else NOT_PRIMITIVE. */
function asJsonPrimitive(value: unknown): string | number | boolean | null | typeof NOT_PRIMITIVE {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  return NOT_PRIMITIVE;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/**
 * What one storage transaction offers the record logic: IndexedDB (db/recordTx.ts) and SQL
 * (runner/sql) each implement it; everything else about records (checks, relations, the
 * buffer of writes, savepoints, outbox events) is `RecordTxCore`'s and shared.
 */
export interface RecordStorage {
  object(name: string): Promise<ObjectMetadata | undefined>;
  get(id: string): Promise<RecordRow | undefined>;
  /** These rows (ids in any order; `undefined` where none), in one batch. */
  getMany(ids: string[]): Promise<(RecordRow | undefined)[]>;
  /**
   * The object's rows within `range` (all without one), ordered by the range's field
   * (`createdAt` without one), ties by id; rows less than a millisecond outside it may come too
   * (the search decides: see `IndexedRange`). With `text`, rows failing those conditions may be
   * left out (see `TextCondition`); a store that cannot check them returns them all.
   */
  scan(object: string, range?: IndexedRange, text?: TextCondition[]): Promise<RecordRow[]>;
  /** Stores these rows, deletes these ids and appends these outbox events, in that order. */
  write(puts: RecordRow[], deletes: string[], events: RecordEvent[]): Promise<void>;
}

/** Rows an earlier transaction read or wrote, usable while no record has been written since. */
export interface CarriedRows {
  rows: ReadonlyMap<string, RecordRow>;
  /** Whether they are still the stored rows (read in this transaction, before its own writes). */
  valid: Promise<boolean>;
}

export interface RecordTxOptions {
  /** Rows kept from an earlier transaction (see `CarriedRows`). */
  carried?: CarriedRows;
  /** Whether `writeAhead` may send writes before `flush` (the transaction is read-write and holds them). */
  writeAhead?: boolean;
}

/** How many buffered rows `writeAhead` waits for before sending them. */
const WRITE_AHEAD_ROWS = 250;

/**
 * Record reads and writes inside one storage transaction. Writes are buffered (reads see
 * them) and flushed in bulk with their outbox events when the transaction ends (an engine's
 * groups also send them every 250 rows: `writeAhead`): a group of steps costs a few bulk
 * writes, not one write per step.
 */
export class RecordTxCore implements RecordTx {
  private readonly overlay = new Map<string, RecordRow | null>();
  private undo: { id: string; prev: RecordRow | null | undefined }[] = [];
  /** Changes in order; an update's `before` view is made only if its event is written or staged. */
  private events: StagedEvent[] = [];
  private readonly marks: { undo: number; events: number }[] = [];
  /**
   * Object definitions, each read once: the read (shared while in flight) and, once it has
   * answered, the definition (what `updateNow` needs to go on without waiting).
   */
  private readonly metadata = new Map<
    string,
    { reading: Promise<ObjectMetadata | undefined>; read?: ObjectMetadata }
  >();
  /** Rows read in this transaction; no other writer can change them before it ends. */
  private readonly cache = new Map<string, RecordRow | undefined>();
  /** Writes sent by `writeAhead`, awaited by `flush`, and how many outbox events they held. */
  private readonly sent: Promise<void>[] = [];
  private sentEvents = 0;
  /** `listened` once known (`writeAhead` sends nothing before). */
  private listenedNow?: Set<string> | 'all';
  private readonly carried?: CarriedRows;
  private readonly mayWriteAhead: boolean;

  /**
   * @param listened the record events (`person.created`…) some active workflow listens to
   * (see `listenedBy`), or 'all'; other events need no outbox row. A promise is read in
   * parallel with the transaction's first requests: it is needed only at flush.
   */
  constructor(
    private readonly db: RecordStorage,
    private readonly listened: Promise<Set<string>> | 'all',
    private readonly now: () => number = Date.now,
    options: RecordTxOptions = {},
  ) {
    if (listened === 'all') this.listenedNow = 'all';
    else listened.then((keys) => (this.listenedNow = keys)).catch(() => {});
    this.carried = options.carried;
    this.carried?.valid.catch(() => {});
    this.mayWriteAhead = options.writeAhead ?? false;
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
    let entry = this.metadata.get(name);
    if (!entry) {
      const reading = this.db.object(name);
      const known: { reading: typeof reading; read?: ObjectMetadata } = { reading };
      this.metadata.set(name, (entry = known));
      reading.then((read) => (known.read = read)).catch(() => {});
    }
    return entry.reading;
  }

  private async requireObject(name: string): Promise<ObjectMetadata> {
    const meta = await this.object(name);
    if (!meta) throw new RecordValueError(t`there is no object named "${name}"`);
    return meta;
  }

  /**
   * The row with this id as this transaction already has it, its writes first (`null`: there is
   * none), without reading; `undefined` when it must be read.
   */
  private rowAtHand(id: string): RecordRow | null | undefined {
    const buffered = this.overlay.get(id);
    if (buffered !== undefined) return buffered;
    return this.cache.has(id) ? (this.cache.get(id) ?? null) : undefined;
  }

  /** The row with this id, of any object (this transaction's writes first). */
  private async rowById(id: string): Promise<RecordRow | undefined> {
    const atHand = this.rowAtHand(id);
    if (atHand !== undefined) return atHand ?? undefined;
    const carried = this.carried;
    if (carried?.rows.has(id) && (await carried.valid)) {
      const row = carried.rows.get(id);
      this.cache.set(id, row);
      return row;
    }
    const row = await this.db.get(id);
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

  private write(id: string, row: RecordRow | null, event: StagedEvent) {
    this.undo.push({ id, prev: this.overlay.get(id) });
    this.overlay.set(id, row);
    this.events.push(event);
  }

  prefetch(firstId: string, ids: () => string[]): Promise<void> | undefined {
    if (this.rowAtHand(firstId) !== undefined) return undefined;
    const carried = this.carried;
    if (!carried?.rows.has(firstId)) return this.readMissing(ids());
    return carried.valid.then((valid) => {
      const wanted = ids();
      if (valid)
        for (const id of wanted) {
          const row = carried.rows.get(id);
          if (row && this.rowAtHand(id) === undefined) this.cache.set(id, row);
        }
      return this.readMissing(wanted);
    });
  }

  /** Reads those of these rows not read yet, in one batch. */
  private readMissing(ids: string[]): Promise<void> | undefined {
    const missing = ids.filter((id) => this.rowAtHand(id) === undefined);
    if (missing.length === 0) return undefined;
    return this.db.getMany(missing).then((rows) => missing.forEach((id, i) => this.cache.set(id, rows[i])));
  }

  /**
   * The rows this transaction read or wrote, as they are stored once it commits (after
   * `flush`; `undefined`: no such row). What a host may keep for the next (`CarriedRows`).
   */
  known(): ReadonlyMap<string, RecordRow | undefined> {
    return this.cache;
  }

  async get(object: string, id: string): Promise<RecordView | undefined> {
    const row = await this.row(object, id);
    return row ? toRecordView(row) : undefined;
  }

  async find(
    object: string,
    where?: (record: RecordView) => boolean,
    range?: IndexedRange,
    text?: TextCondition[],
  ): Promise<RecordView[]> {
    // Rows this transaction changed are added below whether or not the store passed them.
    // Conditions that cannot all hold read nothing (IndexedDB refuses a range that ends before it starts).
    const stored = range && range.lower > range.upper ? [] : await this.db.scan(object, range, text);
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
    }
    // A write may have moved a row into the range or out of it, and the store may pass a row
    // less than a millisecond outside it.
    if (range) rows = rows.filter((r) => withinRange(range, r));
    // Oldest first, whichever index was read (a row the store held back for `text`, then changed
    // here, comes after the rest).
    if ((range && (range.field !== 'createdAt' || written.length > 0)) || (text?.length && written.length > 0))
      rows.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const views = rows.map(toRecordView);
    return where ? views.filter(where) : views;
  }

  /** Relations point to records that exist (written earlier in this transaction counts). */
  private async checkRelations(meta: ObjectMetadata, data: Record<string, unknown>): Promise<void> {
    for (const field of meta.fields) {
      if (!setsRelation(field, data)) continue;
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

  /**
   * The update made at once, when its object's definition and its row were read already and
   * it sets no relation (most updates of a long loop); undefined when it must read first. Throws
   * what `update` would reject with.
   */
  updateNow(object: string, id: string, patch: Record<string, unknown>, origin: EventOrigin | null) {
    const meta = this.metadata.get(object)?.read;
    const prev = this.rowAtHand(id);
    if (!meta || !prev || prev.object !== object) return undefined;
    // Decided on the changes as normalised: a relation may be named by its join column (`companyId`).
    const changes = normaliseRecordData(meta, patch, prev.data);
    if (meta.fields.some((f) => setsRelation(f, changes))) return undefined;
    return this.updateRow(prev, changes, origin);
  }

  /** The update, at once when it can be (`updateNow`), else once what it needs is read. */
  update(object: string, id: string, patch: Record<string, unknown>, origin: EventOrigin | null): Promise<RecordView> {
    try {
      const done = this.updateNow(object, id, patch, origin);
      if (done) return Promise.resolve(done);
    } catch (error) {
      return Promise.reject(error);
    }
    return this.updateRead(object, id, patch, origin);
  }

  private async updateRead(object: string, id: string, patch: Record<string, unknown>, origin: EventOrigin | null) {
    const meta = await this.requireObject(object);
    const prev = await this.requireRow(object, id);
    const changes = normaliseRecordData(meta, patch, prev.data);
    await this.checkRelations(meta, changes);
    return this.updateRow(prev, changes, origin);
  }

  /** The row with these (normalised) changes, staged unless they change nothing. */
  private updateRow(prev: RecordRow, changes: Record<string, unknown>, origin: EventOrigin | null): RecordView {
    let unchanged = true;
    for (const k in changes)
      if (Object.hasOwn(changes, k) && !sameStored(prev.data[k], changes[k])) {
        unchanged = false;
        break;
      }
    if (unchanged) return toRecordView(prev);
    const at = Math.max(this.now(), prev.updatedAt);
    const row: RecordRow = { ...prev, data: { ...prev.data, ...changes }, updatedAt: at };
    const after = toRecordView(row);
    this.write(prev.id, row, { object: prev.object, event: 'updated', recordId: prev.id, prev, after, at, origin });
    return after;
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
    return this.events.map(recordEvent);
  }

  /** The staged events some active workflow listens to, each given its id (most changes are listened to by no one). */
  private async listenedEvents(): Promise<RecordEvent[]> {
    return this.eventsFor(await this.listened);
  }

  private eventsFor(listened: Set<string> | 'all'): RecordEvent[] {
    return (listened === 'all' ? this.events : this.events.filter((e) => listened.has(`${e.object}.${e.event}`))).map(
      (e) => ({ ...recordEvent(e), id: uuidv7(e.at) }),
    );
  }

  async takeEvents(max: number): Promise<RecordEvent[] | undefined> {
    const events = await this.listenedEvents();
    if (events.length > max) return undefined;
    this.events = [];
    this.marks.length = 0;
    return events;
  }

  /**
   * Sends the buffered writes to storage without waiting, once there are enough of them:
   * storage stores them while the next steps run, and `flush` waits for them. Call it between
   * steps only: what is sent can no longer go back to a savepoint (the transaction still
   * commits or fails whole).
   */
  writeAhead(): void {
    if (!this.mayWriteAhead || this.overlay.size < WRITE_AHEAD_ROWS || !this.listenedNow) return;
    const writing = this.send(this.eventsFor(this.listenedNow));
    writing.catch(() => {});
    this.sent.push(writing);
  }

  /** Writes the buffered records and their outbox events (with those sent ahead). Returns how many events. */
  async flush(): Promise<number> {
    await this.send(await this.listenedEvents());
    await Promise.all(this.sent);
    return this.sentEvents;
  }

  /** Writes the buffered rows with these events, and empties the buffer. */
  private send(events: RecordEvent[]): Promise<void> {
    const puts: RecordRow[] = [];
    const deletes: string[] = [];
    this.overlay.forEach((row, id) => {
      if (row) puts.push(row);
      else deletes.push(id);
    });
    const writing =
      puts.length || deletes.length || events.length ? this.db.write(puts, deletes, events) : Promise.resolve();
    this.sentEvents += events.length;
    // Later reads in this transaction (and `known`) see the rows as stored.
    for (const row of puts) this.cache.set(row.id, row);
    for (const id of deletes) this.cache.set(id, undefined);
    this.overlay.clear();
    this.undo = [];
    this.events = [];
    this.marks.length = 0;
    return writing;
  }
}

/**
 * Record writes from outside a run (an import, a webhook's caller, a test), each in a transaction
 * of its own with its outbox events; hosts say how a transaction is made (`write`).
 */
export abstract class TxRecordWrites extends RecordWrites {
  protected abstract write<T>(fn: (tx: RecordTxCore) => Promise<T>): Promise<T>;

  apply<W extends RecordWrite>(write: W): Promise<RecordWriteResult<W>> {
    return this.write((tx) => applyRecordWrite(tx, write));
  }
}
