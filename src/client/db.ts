import { LocalflowDB } from '../db/database';
import { ObjectRepository } from '../db/objects';
import { RecordRepository } from '../db/records';
import { WorkflowRepository } from '../db/workflows';
import { engineClient } from './engineClient';

/** The main thread's database and repositories; writes wake the engine. */
export const db = new LocalflowDB();
const wake = () => void engineClient().kick();
export const records = new RecordRepository(db, (events) => void engineClient().kick({ outbox: events > 0 }));
export const workflows = new WorkflowRepository(db, wake);
export const objects = new ObjectRepository(db);
