import type { LocalflowDB } from '../db/database';
import type { ObjectMetadata } from '../schema/objectMetadata';
import type { RecordRow } from '../schema/record';
import { recordTitle } from './components/FieldValue';

/** Record id → the related record's title, for the relation values of these rows. */
export type Titles = ReadonlyMap<string, string>;

/** Reads the titles of every record the rows' relation fields point to (one bulk read). */
export async function loadRelationTitles(db: LocalflowDB, meta: ObjectMetadata, rows: readonly RecordRow[]): Promise<Titles> {
  const ids = new Set<string>();
  for (const field of meta.fields) {
    if (field.type !== 'RELATION') continue;
    for (const row of rows) {
      const value = row.data[field.name];
      if (typeof value === 'string' && value) ids.add(value);
      else if (Array.isArray(value)) for (const t of value as { id?: unknown }[]) if (typeof t?.id === 'string') ids.add(t.id);
    }
  }
  if (ids.size === 0) return new Map();
  const list = [...ids];
  const [related, objects] = await Promise.all([db.records.bulkGet(list), db.objects.toArray()]);
  const metas = new Map(objects.map((o) => [o.name, o]));
  const titles = new Map<string, string>();
  related.forEach((row) => {
    if (row) titles.set(row.id, recordTitle(metas.get(row.object), row));
  });
  return titles;
}
