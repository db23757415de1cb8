import { describe, expect, it, vi } from 'vitest';
import { STANDARD_OBJECTS } from '../../../src/db/standardObjects';
import { boundTables, type LocalflowDB } from '../../../src/db/database';
import { NativeStores } from '../../../src/db/nativeStores';
import { DexieRecordTx } from '../../../src/db/recordTx';
import { isoTime } from '../../../src/schema/isoTime';
import type { RecordRow } from '../../../src/schema/record';
import { freshWorkspace, ON_SQL } from '../workspaces';

const T0 = Date.UTC(2026, 0, 1);
const NOW = Date.UTC(2026, 0, 20, 12);

const row = (id: string, object: string, data: Record<string, unknown>): RecordRow => ({
  id,
  object,
  data,
  createdAt: T0,
  updatedAt: T0,
});

async function seeded(): Promise<LocalflowDB> {
  const db = (await freshWorkspace(false)).dexie!;
  await db.objects.bulkPut(STANDARD_OBJECTS);
  await db.records.bulkPut([
    row('c-1', 'company', { name: 'Acme', employees: 10 }),
    row('c-2', 'company', { name: 'Globex', employees: 20 }),
    row('p-1', 'person', { name: { firstName: 'Ada', lastName: 'Lovelace' }, company: 'c-1' }),
  ]);
  return db;
}

/** One transaction whose object definitions and rows were read first, as a loop's later updates find them. */
function inTransaction<T>(db: LocalflowDB, fn: (tx: DexieRecordTx, native: NativeStores) => Promise<T>) {
  return db.transaction('rw', [db.records, db.events, db.objects], async (trans) => {
    const native = new NativeStores(trans);
    const tx = new DexieRecordTx(boundTables(trans, ['records', 'events', 'objects']), native, 'all', () => NOW);
    await tx.find('company');
    await tx.find('person');
    await tx.object('company');
    await tx.object('person');
    const value = await fn(tx, native);
    await tx.flush();
    return value;
  });
}

// On IndexedDB, whose reads are watched here (the logic is RecordTxCore's, shared with SQL,
// where the engine's tests run it too).
describe.skipIf(ON_SQL)('an update whose object and row are already read', () => {
  it('is staged at once, reading nothing, and its event holds the record before and after', async () => {
    const db = await seeded();
    await inTransaction(db, async (tx, native) => {
      const get = vi.spyOn(native, 'get');
      const getAll = vi.spyOn(native, 'getAll');
      const updating = tx.update('company', 'c-1', { employees: 11 }, null);
      // Staged before anything is awaited.
      expect(tx.staged().map((e) => [e.event, e.recordId])).toEqual([['updated', 'c-1']]);
      expect(await updating).toMatchObject({ id: 'c-1', name: 'Acme', employees: 11, updatedAt: isoTime(NOW) });
      expect(get).not.toHaveBeenCalled();
      expect(getAll).not.toHaveBeenCalled();
    });
    const [event] = await db.events.toArray();
    expect(event.before).toMatchObject({ id: 'c-1', employees: 10, updatedAt: isoTime(T0) });
    expect(event.after).toMatchObject({ id: 'c-1', employees: 11, updatedAt: isoTime(NOW) });
    expect((await db.records.get('c-1'))?.data.employees).toBe(11);
  });

  it('fails as before for a record deleted in the same transaction, a bad value, or a missing relation', async () => {
    const db = await seeded();
    await inTransaction(db, async (tx) => {
      await tx.delete('company', 'c-2', null);
      await expect(tx.update('company', 'c-2', { employees: 1 }, null)).rejects.toThrow(
        'no company record has id "c-2"',
      );
      // The wrong object for that id.
      await expect(tx.update('person', 'c-1', { city: 'Paris' }, null)).rejects.toThrow(
        'no person record has id "c-1"',
      );
      await expect(tx.update('company', 'c-1', { nope: 1 }, null)).rejects.toThrow('has no field "nope"');
      await expect(tx.update('person', 'p-1', { company: 'c-404' }, null)).rejects.toThrow(
        'points to no company with id "c-404"',
      );
      // Named by its join column, as Twenty writes it, the relation is checked just the same.
      await expect(tx.update('person', 'p-1', { companyId: 'c-404' }, null)).rejects.toThrow(
        'points to no company with id "c-404"',
      );
      // A relation to a record this transaction deleted is missing too.
      await expect(tx.update('person', 'p-1', { company: 'c-2' }, null)).rejects.toThrow(
        'points to no company with id "c-2"',
      );
      expect(tx.staged().map((e) => [e.event, e.recordId])).toEqual([['deleted', 'c-2']]);
      // What needs a read is not made at once: a relation to check, an object not read yet.
      expect(tx.updateNow('person', 'p-1', { company: 'c-1' }, null)).toBeUndefined();
      expect(tx.updateNow('person', 'p-1', { companyId: 'c-1' }, null)).toBeUndefined();
      expect(tx.updateNow('opportunity', 'o-1', { name: 'Deal' }, null)).toBeUndefined();
      expect(() => tx.updateNow('company', 'c-1', { nope: 1 }, null)).toThrow('has no field "nope"');
      // A relation to a record that is there, and an update that changes nothing (no event).
      expect(await tx.update('person', 'p-1', { company: null }, null)).toMatchObject({ company: null });
      expect(await tx.update('company', 'c-1', { employees: 10 }, null)).toMatchObject({ employees: 10 });
      expect(tx.staged().map((e) => [e.event, e.recordId])).toEqual([
        ['deleted', 'c-2'],
        ['updated', 'p-1'],
      ]);
    });
    expect((await db.records.get('p-1'))?.data.company).toBeNull();
    expect(await db.records.get('c-2')).toBeUndefined();
  });

  it('writes an update only when a value would be stored differently', async () => {
    const db = await seeded();
    await inTransaction(db, async (tx) => {
      // The same values (a composite as an equal copy, text and a number as they are): no change.
      await tx.update('person', 'p-1', { name: { firstName: 'Ada', lastName: 'Lovelace' } }, null);
      await tx.update('company', 'c-1', { name: 'Acme', employees: 10 }, null);
      expect(tx.staged()).toEqual([]);
      // One field of several changed, then a composite's part.
      await tx.update('company', 'c-1', { name: 'Acme', employees: 11 }, null);
      await tx.update('person', 'p-1', { name: { firstName: 'Ada', lastName: 'King' } }, null);
      expect(tx.staged().map((e) => [e.event, e.recordId])).toEqual([
        ['updated', 'c-1'],
        ['updated', 'p-1'],
      ]);
    });
    expect((await db.records.get('c-1'))?.data.employees).toBe(11);
    expect((await db.records.get('p-1'))?.data.name).toEqual({ firstName: 'Ada', lastName: 'King' });
  });

  it('goes back to a savepoint whole', async () => {
    const db = await seeded();
    await inTransaction(db, async (tx) => {
      const mark = tx.savepoint();
      await tx.update('company', 'c-1', { employees: 12 }, null);
      tx.rollbackTo(mark);
      expect(tx.staged()).toEqual([]);
      expect(await tx.get('company', 'c-1')).toMatchObject({ employees: 10 });
    });
    expect(await db.events.count()).toBe(0);
    expect((await db.records.get('c-1'))?.data.employees).toBe(10);
  });
});
