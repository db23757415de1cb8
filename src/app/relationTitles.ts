import type { RelationIndex } from '../db/csvRecords';
import type { LocalflowDB } from '../db/database';
import type { ObjectMetadata } from '../schema/objectMetadata';
import type { RecordRow } from '../schema/record';
import { recordTitle } from './components/FieldValue';

/** Record id → the related record's title, for the relation values of these rows. */
import { relationIds, relationTargets, type Titles } from '../schema/fieldTypes';

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
  for (const field of meta.fields)
    if (field.type === 'RELATION')
      for (const row of rows) for (const id of relationIds(row.data[field.name])) ids.add(id);
  if (ids.size === 0) return NO_TITLES;
  const [related, objects] = await Promise.all([db.records.bulkGet([...ids]), db.objects.toArray()]);
  return titlesOf(related, objects);
}

/** Record id → title, for these records (their objects among `objects`). */
export function titlesOf(records: readonly (RecordRow | undefined)[], objects: readonly ObjectMetadata[]): Titles {
  const metas = new Map(objects.map((o) => [o.name, o]));
  const titles = new Map<string, string>();
  for (const row of records) if (row) titles.set(row.id, recordTitle(metas.get(row.object), row));
  return titles;
}

/**
 * Everything a CSV import needs to find related records by id or by title: the records of
 * every object this object's relation fields point to.
 */
export async function loadRelationIndex(db: LocalflowDB, meta: ObjectMetadata): Promise<RelationIndex> {
  const objects = new Map((await db.objects.toArray()).map((o) => [o.name, o]));
  const targets = relationTargets(meta);
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
