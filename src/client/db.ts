import { LocalflowDB } from '../db/database';
import { ObjectRepository } from '../db/objects';
import { RecordRepository } from '../db/records';
import { WorkflowRepository } from '../db/workflows';
import { engineClient } from './engineClient';
import { requestPersistence } from './workspace';

/** The main thread's database and repositories; writes wake the engine. */
export const db = new LocalflowDB();

/** A person's own write: the moment to ask the browser to keep the data (see workspace.ts). */
const ownData = () => void requestPersistence();
const wake = () => {
  void engineClient().kick();
  ownData();
};
export const records = new RecordRepository(db, (events) => {
  void engineClient().kick({ outbox: events > 0 });
  ownData();
});
export const workflows = new WorkflowRepository(db, wake);
export const objects = new ObjectRepository(db);
