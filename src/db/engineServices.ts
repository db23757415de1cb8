import type { StepServices } from '../engine/steps/types';
import { aiSettingsReader } from './ai';
import type { LocalflowDB } from './database';
import { emailService } from './mail';
import { secretsReader } from './secrets';

/** What external steps reach through the database, the same in every engine host. */
export function engineServices(db: LocalflowDB): Partial<StepServices> {
  return { sendEmail: emailService(db), aiSettings: aiSettingsReader(db), secrets: secretsReader(db) };
}
