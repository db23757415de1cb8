import type { Transaction } from 'dexie';
import type { LocalflowDB } from './database';
import { seedDemoData } from './seed';
import { STANDARD_OBJECTS } from './standardObjects';

/**
 * The identity of this browser's database, in the `meta` table. A database the browser
 * deleted and the app re-created has a new id: the tab compares it with a marker kept in
 * another storage area (client/workspace.ts) to tell "new here" from "your data is gone".
 */
export interface WorkspaceIdentity {
  id: string;
  createdAt: number;
  /** Whether the demo data was written into this database. */
  demo: boolean;
}

export const WORKSPACE_KEY = 'workspace';
/**
 * The `meta` row a restore changes: versions and records come back under ids (and times) an
 * engine or a table index may have read with other content.
 */
export const RESTORE_EPOCH = 'versions-epoch';

export function newWorkspaceIdentity(now = Date.now()): WorkspaceIdentity {
  return { id: crypto.randomUUID(), createdAt: now, demo: false };
}

/** What a new database starts with: Twenty's standard objects, an identity and, for `demo`, the demo data. */
export async function populate(tx: Transaction, demo: boolean): Promise<void> {
  await tx.table('objects').bulkAdd(STANDARD_OBJECTS);
  const identity = { ...newWorkspaceIdentity(), demo };
  await tx.table('meta').put({ key: WORKSPACE_KEY, value: identity });
  if (demo) await seedDemoData(tx);
}

export async function workspaceIdentity(db: LocalflowDB): Promise<WorkspaceIdentity> {
  const row = await db.meta.get(WORKSPACE_KEY);
  if (row) return row.value as WorkspaceIdentity;
  // A database from before identities (or emptied by hand): give it one now.
  return db.transaction('rw', db.meta, async () => {
    const again = await db.meta.get(WORKSPACE_KEY);
    if (again) return again.value as WorkspaceIdentity;
    const identity = newWorkspaceIdentity();
    await db.meta.put({ key: WORKSPACE_KEY, value: identity });
    return identity;
  });
}

/**
 * Writes the demo data into a workspace that has no records and no workflows yet (once: two
 * tabs opening together seed once). Returns whether it did.
 */
export async function seedDemoIfEmpty(db: LocalflowDB): Promise<boolean> {
  return db.transaction('rw', [db.objects, db.records, db.workflows, db.versions, db.meta], async (tx) => {
    const identity = await workspaceIdentity(db);
    if (identity.demo || (await db.records.count()) > 0 || (await db.workflows.count()) > 0) return false;
    if ((await db.objects.count()) === 0) await db.objects.bulkAdd(STANDARD_OBJECTS);
    await seedDemoData(tx);
    await db.meta.put({ key: WORKSPACE_KEY, value: { ...identity, demo: true } });
    return true;
  });
}

/** How much the workspace holds (what a person would miss). */
export async function workspaceCounts(db: LocalflowDB): Promise<{ records: number; workflows: number }> {
  const [records, workflows] = await Promise.all([db.records.count(), db.workflows.count()]);
  return { records, workflows };
}
