import type { VersionRow } from '../schema/workflowRows';
import type { EngineTables, KeyValue } from './database';
import type { NativeStores } from './nativeStores';
import { RESTORE_EPOCH } from './workspace';

/**
 * Versions that have left the draft state, per database, by id, with the epoch they were read
 * in. Their trigger and steps are fixed (only a draft is edited, and a draft becomes active,
 * never back), so each is read once; only a restore replaces them, and it moves the epoch.
 */
const frozenVersions = new WeakMap<object, { epoch: unknown; byId: Map<string, VersionRow> }>();

/**
 * The active versions: their ids from the status index, their rows from memory when read before
 * (a version of 100 steps is ~50 KB, read by every engine transaction and record write otherwise).
 */
export async function keptActiveVersions(
  t: Pick<EngineTables, 'versions'>,
  native: NativeStores,
): Promise<VersionRow[]> {
  const [ids, epoch] = await Promise.all([
    native.getAllKeys('versions', IDBKeyRange.only('active'), 'status') as Promise<string[]>,
    native.get<KeyValue>('meta', RESTORE_EPOCH).then((row) => row?.value),
  ]);
  let kept = frozenVersions.get(t.versions.db);
  if (!kept || kept.epoch !== epoch) frozenVersions.set(t.versions.db, (kept = { epoch, byId: new Map() }));
  const missing = ids.filter((id) => !kept.byId.has(id));
  if (missing.length > 0)
    for (const v of await t.versions.bulkGet(missing)) if (v && v.status !== 'draft') kept.byId.set(v.id, v);
  // Rows are shared between transactions: their readers only read them.
  return ids.flatMap((id) => {
    const v = kept.byId.get(id);
    if (!v) return [];
    // The same object each time (a run's flow and graph are worked out once per version object).
    let active = asActive.get(v);
    if (!active) asActive.set(v, (active = { ...v, status: 'active' }));
    return [active];
  });
}

const asActive = new WeakMap<VersionRow, VersionRow>();

/** A version that has left the draft state, from memory when read before (call after `keptActiveVersions`). */
export async function frozenVersion(t: Pick<EngineTables, 'versions'>, id: string): Promise<VersionRow | undefined> {
  const kept = frozenVersions.get(t.versions.db)?.byId;
  const known = kept?.get(id);
  if (known) return known;
  const v = await t.versions.get(id);
  if (v && v.status !== 'draft') kept?.set(v.id, v);
  return v;
}
