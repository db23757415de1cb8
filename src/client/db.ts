import { LocalflowDB } from '../db/database';
import { ObjectRepository } from '../db/objects';
import { WorkflowRepository } from '../db/workflows';
import { RecordWrites, type RecordWrite, type RecordWriteResult } from '../engine/recordWrites';
import { engineClient } from './engineClient';
import { requestPersistence } from './workspace';

/** The main thread's database and repositories; writes wake the engine. */
export const db = new LocalflowDB();

/** A person's own write: the moment to ask the browser to keep the data (see workspace.ts). */
const ownData = () => void requestPersistence();

/**
 * A person's record writes are made by the engine worker, which starts the runs they trigger
 * in the same transaction (see `Engine.writeRecords`).
 */
class EngineRecordWrites extends RecordWrites {
  async apply<W extends RecordWrite>(write: W): Promise<RecordWriteResult<W>> {
    const result = (await engineClient().writeRecords(write)) as RecordWriteResult<W>;
    ownData();
    return result;
  }
}

export const records = new EngineRecordWrites();
export const workflows = new WorkflowRepository(db, () => {
  void engineClient().kick();
  ownData();
});
export const objects = new ObjectRepository(db);
