import { t } from '@lingui/core/macro';
import type { TriggerDefinition } from './types';

/** On a schedule: fired by its timer row (see `fireSchedule`), catching up on missed times as its settings say. */
export const cronTrigger: TriggerDefinition<'CRON'> = {
  type: 'CRON',
  fires: 'scheduler',
  outputs: () => [
    { path: 'scheduledAt', label: t`Scheduled time` },
    { path: 'missedTimes', label: t`Missed times` },
  ],
  sampleObject: () => undefined,
  samplePayload: (_trigger, _record, now) => ({
    scheduledAt: new Date(now).toISOString(),
    firedAt: new Date(now).toISOString(),
    missedTimes: [],
  }),
};
