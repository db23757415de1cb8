import Dexie from 'dexie';
// The app's messages in English (its catalogue loads with this module), as the app speaks them.
import '../../src/i18n/core';
import { LocalflowDB } from '../../src/db/database';
import { STANDARD_OBJECTS } from '../../src/db/standardObjects';
import { WorkflowRepository } from '../../src/db/workflows';
import { readWorkflowFile } from '../../src/share/workflowFile';

/** A fresh database for one benchmark: Twenty's standard objects, no demo data. */
export async function emptyDb(name: string, durability?: 'relaxed' | 'strict'): Promise<LocalflowDB> {
  await Dexie.delete(name);
  const db = new LocalflowDB(name, { seed: false, durability });
  await db.objects.bulkAdd(STANDARD_OBJECTS);
  return db;
}

/** Imports each workflow file and activates it; returns their ids, in order. */
export async function activateWorkflows(db: LocalflowDB, ...files: unknown[]): Promise<string[]> {
  const workflows = new WorkflowRepository(db);
  const ids: string[] = [];
  for (const file of files) {
    const id = await workflows.importFile(readWorkflowFile(file), () => null); // the bench's own workflows
    await workflows.activate(id);
    ids.push(id);
  }
  return ids;
}
