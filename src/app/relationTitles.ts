import type { RelationIndex } from '../db/csvRecords';
import type { LocalflowDB } from '../db/database';
import type { ObjectMetadata } from '../schema/objectMetadata';
import type { RecordRow } from '../schema/record';
import { recordTitle } from './components/FieldValue';

/** Record id → the related record's title, for the relation values of these rows. */
import type { Titles } from '../schema/fieldTypes';

export type { Titles };

/** Rows without relations share one (empty) map: a table redraws only rows that changed. */
const NO_TITLES: Titles = new Map();

/** Reads the titles of every record the rows' relation fields point to (one bulk read). */
export async function loadRelationTitles(
  db: LocalflowDB,
  meta: ObjectMetadata,
  rows: readonly RecordRow[],
): Promise<Titles> {
  const ids = new Set<string>();
  for (const field of meta.fields) {
    if (field.type !== 'RELATION') continue;
    for (const row of rows) {
      const value = row.data[field.name];
      if (typeof value === 'string' && value) ids.add(value);
      else if (Array.isArray(value))
        for (const t of value as { id?: unknown }[]) if (typeof t?.id === 'string') ids.add(t.id);
    }
  }
  if (ids.size === 0) return NO_TITLES;
  const list = [...ids];
  const [related, objects] = await Promise.all([db.records.bulkGet(list), db.objects.toArray()]);
  const metas = new Map(objects.map((o) => [o.name, o]));
  const titles = new Map<string, string>();
  related.forEach((row) => {
    if (row) titles.set(row.id, recordTitle(metas.get(row.object), row));
  });
  return titles;
}

/**
 * Everything a CSV import needs to find related records by id or by title: the records of
 * every object this object's relation fields point to.
 */
export async function loadRelationIndex(db: LocalflowDB, meta: ObjectMetadata): Promise<RelationIndex> {
  const objects = new Map((await db.objects.toArray()).map((o) => [o.name, o]));
  const targets = [...new Set(meta.fields.flatMap((f) => (f.type === 'RELATION' ? (f.relation?.objects ?? []) : [])))];
  const titles = new Map<string, string>();
  const byTitle = new Map<string, Map<string, string[]>>();
  const ids = new Map<string, Set<string>>();
  for (const object of targets) {
    const rows = await db.records
      .where('[object+createdAt]')
      .between([object, -Infinity], [object, Infinity])
      .toArray();
    const titleMap = new Map<string, string[]>();
    for (const row of rows) {
      const title = recordTitle(objects.get(object), row);
      titles.set(row.id, title);
      const key = title.toLowerCase();
      titleMap.set(key, [...(titleMap.get(key) ?? []), row.id]);
    }
    byTitle.set(object, titleMap);
    ids.set(object, new Set(rows.map((r) => r.id)));
  }
  return { titles, objects, byTitle, ids };
}
