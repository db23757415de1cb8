import type { StepServices } from '../engine/steps/types';
import { aiSettingsReader } from './ai';
import { emailService, type MailSource } from './mail';
import { secretsReader } from './secrets';

/** What external steps reach through the database (the browser's or the runner's), the same in every engine host. */
export function engineServices(db: MailSource): Partial<StepServices> {
  return { sendEmail: emailService(db), aiSettings: aiSettingsReader(db), secrets: secretsReader(db) };
}
