import type { TriggerType } from '../../schema/workflow';
import { cronUi } from './cron';
import { databaseEventUi } from './databaseEvent';
import { manualUi } from './manual';
import type { TriggerUi } from './types';
import { webhookUi } from './webhook';

/** What the app shows for every trigger type (see `TriggerUi`), in the order "Starts" offers them. */
export const triggerUis: { [T in TriggerType]: TriggerUi<T> } = {
  DATABASE_EVENT: databaseEventUi,
  MANUAL: manualUi,
  CRON: cronUi,
  WEBHOOK: webhookUi,
};

/** The UI definition of a trigger's type, typed for any trigger. */
export function triggerUi(type: TriggerType): TriggerUi<TriggerType> {
  return triggerUis[type] as unknown as TriggerUi<TriggerType>;
}

export const TRIGGER_TYPES = Object.keys(triggerUis) as TriggerType[];
