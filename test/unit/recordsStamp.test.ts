import { describe, expect, it } from 'vitest';
import type { LocalflowDB } from '../../src/db/database';
import { ObjectRepository } from '../../src/db/objects';
import { RecordRepository } from '../../src/db/records';
import { RECORDS_STAMP } from '../../src/db/recordsStamp';
import type { RecordRow } from '../../src/schema/record';
import { freshDb } from './helpers';

const stamp = async (db: LocalflowDB) => (await db.meta.get(RECORDS_STAMP))?.value;

const row = (id: string, name: string): RecordRow => ({
  id,
  object: 'company',
  data: { name },
  createdAt: 1,
  updatedAt: 1,
});

/** Each way code can write records through Dexie, and whether it moves the stamp. */
const writes: [string, (db: LocalflowDB) => Promise<unknown>][] = [
  ['a put in its own (implicit) transaction', (db) => db.records.put(row('r-new', 'New'))],
  ['a bulkAdd', (db) => db.records.bulkAdd([row('r-1', 'One'), row('r-2', 'Two')])],
  ['an update of one row', (db) => db.records.update('company-1', { updatedAt: 5 })],
  [
    'a modify of a collection',
    (db) =>
      db.records
        .where('[object+createdAt]')
        .between(['company', -Infinity], ['company', Infinity])
        .modify((r) => {
          r.updatedAt = 7;
        }),
  ],
  ['a delete', (db) => db.records.delete('company-1')],
  ['a clear', (db) => db.records.clear()],
  [
    'a transaction over records alone',
    (db) => db.transaction('rw', db.records, () => db.records.bulkPut([row('r-3', 'Three')])),
  ],
  [
    "a custom object's deletion (its records go with it)",
    async (db) => {
      const objects = new ObjectRepository(db);
      const meta = await objects.createObject({ labelSingular: 'Robot', labelPlural: 'Robots' });
      await db.records.put({ ...row('robot-1', 'R2'), object: meta.name });
      const before = await stamp(db);
      await objects.deleteObject(meta.name);
      expect(await stamp(db)).not.toBe(before);
    },
  ],
  ['a repository write (a webhook, an import)', (db) => new RecordRepository(db).create('company', { name: 'Acme' })],
];

describe('the records stamp', () => {
  for (const [name, write] of writes) {
    it(`moves with ${name}`, async () => {
      const db = freshDb();
      await db.open();
      const before = await stamp(db);
      await write(db);
      const after = await stamp(db);
      expect(typeof after).toBe('string');
      expect(after).not.toBe(before);
      db.close();
    });
  }

  it('is there from the first start (the seed writes records), and reads or other tables leave it', async () => {
    const db = freshDb();
    const first = await stamp(db);
    expect(typeof first).toBe('string');
    await db.records.toArray();
    await db.transaction('rw', db.records, db.workflows, () => db.records.get('company-1'));
    await db.settings.put({ key: 'x', value: 1, version: 1 } as never);
    expect(await stamp(db)).toBe(first);
    db.close();
  });

  it('stays as it was when the writing transaction fails', async () => {
    const db = freshDb();
    const first = await stamp(db);
    await expect(
      db.transaction('rw', db.records, async () => {
        await db.records.put(row('r-9', 'Nine'));
        throw new Error('the tab closed');
      }),
    ).rejects.toThrow('the tab closed');
    expect(await stamp(db)).toBe(first);
    expect(await db.records.get('r-9')).toBeUndefined();
    db.close();
  });
});
