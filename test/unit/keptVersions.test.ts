import { describe, expect, it } from 'vitest';
import { boundTables } from '../../src/db/database';
import { NativeStores } from '../../src/db/nativeStores';
import { keptActiveVersions } from '../../src/db/keptVersions';
import { flowOfVersion } from '../../src/engine/graph';
import { freshDb, installWorkflow, onPersonCreated, setup, step, workflowFile } from './helpers';

describe('active versions kept in memory (db/keptVersions.ts)', () => {
  it('are the same objects from one transaction to the next, with one flow each, until the active ones change', async () => {
    const db = freshDb();
    const env = setup({ db });
    const id = await installWorkflow(
      env.workflows,
      workflowFile(onPersonCreated(['t']), [
        step('t', 'CREATE_RECORD', { objectName: 'task', objectRecord: { title: 'x' } }),
      ]),
    );
    const read = () =>
      db.transaction('r', [db.versions, db.meta], (trans) =>
        keptActiveVersions(boundTables(trans, ['versions', 'meta']), new NativeStores(trans)),
      );
    const [first] = await read();
    const [again] = await read();
    expect(again).toBe(first);
    expect(first.status).toBe('active');
    expect(flowOfVersion(again)).toBe(flowOfVersion(first));
    await env.workflows.deactivate(id);
    expect(await read()).toEqual([]);
  });
});
