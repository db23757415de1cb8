import type { Trigger, TriggerType } from '../../schema/workflow';
import { cronTrigger } from './cron';
import { databaseEventTrigger } from './databaseEvent';
import { manualTrigger } from './manual';
import type { TriggerDefinition } from './types';
import { webhookTrigger } from './webhook';

/** Every trigger type's definition (see `TriggerDefinition`), registered in one place. */
export const triggerDefinitions: { [T in TriggerType]: TriggerDefinition<T> } = {
  DATABASE_EVENT: databaseEventTrigger,
  MANUAL: manualTrigger,
  CRON: cronTrigger,
  WEBHOOK: webhookTrigger,
};

/** The definition of a trigger's type, typed for any trigger. */
export function triggerDefinition(type: TriggerType): TriggerDefinition<TriggerType> {
  return triggerDefinitions[type] as unknown as TriggerDefinition<TriggerType>;
}

/** What `{{trigger}}` holds when this trigger fires (for this record): test runs start with it. */
export function samplePayload(
  trigger: Trigger,
  record?: Parameters<TriggerDefinition<TriggerType>['samplePayload']>[1],
  now = Date.now(),
): unknown {
  return triggerDefinition(trigger.type).samplePayload(trigger, record, now);
}
