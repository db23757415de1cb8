import type { RecordView } from '../../schema/record';
import type { Trigger, TriggerType } from '../../schema/workflow';
import type { OutputSpec } from '../steps/types';

export type TriggerOfType<T extends TriggerType> = Extract<Trigger, { type: T }>;

/**
 * Everything the engine knows about one trigger type, in its own file (`triggers/<type>.ts`),
 * registered in `triggers/index.ts` (a mapped type over the trigger types). What the app shows
 * for it (label, defaults, form) is its other half, in `app/triggers/`.
 */
export interface TriggerDefinition<T extends TriggerType> {
  type: T;
  /**
   * How its runs start: `outbox` (a record event, consumed by the leader engine), `manual`
   * (a person, `createManualRuns`), `scheduler` (a timer row, `fireSchedule`), `webhook`
   * (the service worker's /hooks/ handler, `receiveWebhook`).
   */
  fires: 'outbox' | 'manual' | 'scheduler' | 'webhook';
  /** What `{{trigger.…}}` holds, for the variable picker (paths under `trigger`). */
  outputs(trigger: TriggerOfType<T>): OutputSpec[];
  /** The object whose record a test run needs as sample data, if any. */
  sampleObject(trigger: TriggerOfType<T>): string | undefined;
  /** What `{{trigger}}` holds when it fires (for this record), as a real run would see it: test runs use it. */
  samplePayload(trigger: TriggerOfType<T>, record: RecordView | undefined, now: number): unknown;
}
