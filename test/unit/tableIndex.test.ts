import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LocalflowDB } from '../../src/db/database';
import { RecordRepository } from '../../src/db/records';
import { TableIndex, type TableQuery, type TableSort } from '../../src/db/tableIndex';
import { RESTORE_EPOCH } from '../../src/db/workspace';
import { compareValues } from '../../src/engine/steps/findRecords';
import { fieldType } from '../../src/schema/fieldTypes';
import type { RecordRow } from '../../src/schema/record';
import { freshDb, recordsOf } from './helpers';

/**
 * What the table showed before the table worker, as the oracle: every row read, each field as
 * a person reads it (relations by title) searched, sorted with compareValues, newest first.
 */
async function oracle(db: LocalflowDB, object: string, query: string, sort: TableSort): Promise<string[]> {
  const meta = (await db.objects.get(object))!;
  const all = await db.records.toArray();
  const objects = new Map((await db.objects.toArray()).map((o) => [o.name, o]));
  const titles = new Map<string, string>();
  for (const r of all) {
    const m = objects.get(r.object)!;
    const f = m.fields.find((x) => x.name === m.labelField)!;
    const v = r.data[m.labelField];
    titles.set(
      r.id,
      (v === null || v === undefined || v === '' ? '' : fieldType(f.type).format(f, v)).trim() || 'Untitled',
    );
  }
  const show = (f: (typeof meta.fields)[number], v: unknown) =>
    v === null || v === undefined || v === '' ? '' : fieldType(f.type).format(f, v, titles);
  let rows = (await recordsOf(db, object)).reverse();
  if (query) rows = rows.filter((r) => meta.fields.some((f) => show(f, r.data[f.name]).toLowerCase().includes(query)));
  if (sort) {
    const field = meta.fields.find((f) => f.name === sort.field)!;
    const byText = ['RELATION', 'SELECT', 'MULTI_SELECT'].includes(field.type);
    const key = (r: RecordRow) => (byText ? show(field, r.data[sort.field]) : r.data[sort.field]);
    rows.sort((a, b) => (sort.direction === 'ASC' ? 1 : -1) * compareValues(key(a), key(b)));
  }
  return rows.map((r) => r.id);
}

const q = (object: string, query = '', sort: TableSort = null): TableQuery => ({
  object,
  query,
  sort,
  offset: 0,
  limit: Infinity,
});

afterEach(() => vi.useRealTimers());

describe('the table index: search and sort over every row, kept up to date', () => {
  it('finds and orders the rows as the table shows them (relations by title, selects by label, amounts by value)', async () => {
    const db = freshDb();
    const index = new TableIndex(db);
    const cases: [string, string, TableSort][] = [];
    for (const query of ['', 'a', 'ada', 'airbnb', 'paris', 'zzz-none'])
      for (const sort of [
        null,
        { field: 'name', direction: 'ASC' },
        { field: 'company', direction: 'DESC' },
        { field: 'city', direction: 'ASC' },
      ] as TableSort[])
        cases.push(['person', query, sort]);
    for (const sort of [
      { field: 'stage', direction: 'ASC' },
      { field: 'amount', direction: 'DESC' },
      { field: 'closeDate', direction: 'ASC' },
      { field: 'pointOfContact', direction: 'ASC' },
    ] as TableSort[])
      cases.push(['opportunity', '', sort], ['opportunity', 'o', sort]);
    for (const sort of [
      null,
      { field: 'employees', direction: 'ASC' },
      { field: 'idealCustomerProfile', direction: 'DESC' },
    ] as TableSort[])
      cases.push(['company', '', sort], ['company', 'e', sort]);
    let nonEmpty = 0;
    for (const [object, query, sort] of cases) {
      const expected = await oracle(db, object, query, sort);
      expect((await index.query(q(object, query, sort))).ids, `${object} “${query}” ${JSON.stringify(sort)}`).toEqual(
        expected,
      );
      if (expected.length > 1) nonEmpty++;
    }
    expect(nonEmpty).toBeGreaterThan(20);
    // A page of them, and the count of all.
    const all = await index.query(q('person', '', { field: 'name', direction: 'ASC' }));
    const page = await index.query({ ...q('person', '', { field: 'name', direction: 'ASC' }), offset: 2, limit: 3 });
    expect(page).toEqual({ total: all.total, ids: all.ids.slice(2, 5), size: all.size });
  });

  it('follows creates, updates (in the same millisecond too), deletes, renamed related records and a restore', async () => {
    const db = freshDb();
    const records = new RecordRepository(db);
    const index = new TableIndex(db);
    // As the page asks: again with `recount` when the index holds another number of records than it counted.
    const ask = async (query: TableQuery) => {
      const answer = await index.query(query);
      const count = (await recordsOf(db, query.object)).length;
      return answer.size === count ? answer : index.query({ ...query, recount: true });
    };
    const check = async (object: string, query: string, sort: TableSort = null) =>
      expect((await ask(q(object, query, sort))).ids).toEqual(await oracle(db, object, query, sort));
    await check('person', 'grace');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2030, 0, 1));
    const grace = await records.create('person', { name: 'Grace Hopper', city: 'Arlington' });
    await check('person', 'grace');
    expect((await index.query(q('person', 'arlington'))).ids).toEqual([grace.id]);
    // Two updates in the same millisecond: the second has the same updatedAt as the first.
    await records.update('person', grace.id, { city: 'Boston' });
    await index.query(q('person', 'boston'));
    await records.update('person', grace.id, { city: 'Nantucket' });
    expect((await index.query(q('person', 'nantucket'))).ids).toEqual([grace.id]);
    expect((await index.query(q('person', 'boston'))).ids).toEqual([]);
    vi.useRealTimers();
    // Sorted by company title; then the company is renamed: people sort and match by its new title.
    const [airbnb] = (await recordsOf(db, 'company')).filter((c) => c.data.name === 'Airbnb');
    await records.update('person', grace.id, { company: airbnb.id });
    await check('person', '', { field: 'company', direction: 'ASC' });
    await records.update('company', airbnb.id, { name: 'Zeppelin Works' });
    await check('person', '', { field: 'company', direction: 'ASC' });
    expect((await index.query(q('person', 'zeppelin'))).ids).toContain(grace.id);
    await records.delete('person', grace.id);
    // A delete leaves no trace in the update index: the index says how many it holds, the page sees one less.
    const stale = await index.query(q('person', 'zeppelin'));
    expect(stale.size).toBe((await recordsOf(db, 'person')).length + 1);
    await check('person', '');
    await check('person', 'zeppelin');
    // A restore brings a record back under the same id and times with other content.
    const [someone] = await recordsOf(db, 'person');
    await index.query(q('person', ''));
    await db.transaction('rw', db.records, db.meta, async () => {
      await db.records.put({ ...someone, data: { ...someone.data, city: 'Restored City' } });
      await db.meta.put({ key: RESTORE_EPOCH, value: 'another' });
    });
    expect((await ask(q('person', 'restored city'))).ids).toEqual([someone.id]);
  });
});

describe("Ctrl+K's record search (titles)", () => {
  it('finds records by title in the objects asked, newest first, as many as asked, never a deleted one', async () => {
    const db = freshDb();
    const records = new RecordRepository(db);
    const index = new TableIndex(db);
    // The oracle: every record read, its title as a person reads it.
    const expected = async (objects: string[], query: string, limit: number) => {
      const out: { object: string; id: string; title: string }[] = [];
      const rank = (title: string) =>
        title.toLowerCase() === query ? 0 : title.toLowerCase().startsWith(query) ? 1 : 2;
      for (const object of objects) {
        const meta = (await db.objects.get(object))!;
        const field = meta.fields.find((f) => f.name === meta.labelField)!;
        for (const r of (await recordsOf(db, object)).reverse()) {
          const v = r.data[meta.labelField];
          const title = (
            v === null || v === undefined || v === '' ? '' : fieldType(field.type).format(field, v)
          ).trim();
          if ((title || 'Untitled').toLowerCase().includes(query))
            out.push({ object, id: r.id, title: title || 'Untitled' });
        }
      }
      // Sort is stable: within a rank, the objects' order and newest first stay.
      return out.sort((a, b) => rank(a.title) - rank(b.title)).slice(0, limit);
    };
    const objects = ['company', 'person', 'opportunity'];
    for (const query of ['a', 'an', 'ada', 'airbnb', 'ada lovelace', 'zzz-none'])
      expect(await index.titles(objects, query, 8), query).toEqual(await expected(objects, query, 8));
    expect((await index.titles(objects, 'a', 3)).length).toBe(3);
    // A title that is what was typed comes first, then those beginning with it, the newest first.
    const adacore = await records.create('company', { name: 'AdaCore' });
    const ada = await records.create('person', { name: { firstName: 'Ada', lastName: '' } });
    const found = await index.titles(objects, 'ada', 8);
    expect(found.slice(0, 2).map((f) => f.id)).toEqual([ada.id, adacore.id]);
    expect(found).toEqual(await expected(objects, 'ada', 8));
    // Deleted: not offered again (the objects are counted before each search).
    await records.delete('company', adacore.id);
    expect((await index.titles(objects, 'adacore', 8)).length).toBe(0);
  });
});
