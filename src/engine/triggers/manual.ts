import { t } from '@lingui/core/macro';
import type { TriggerDefinition } from './types';

/** Launched by a person: on nothing, on one record, or on each selected record (see `createManualRuns`). */
export const manualTrigger: TriggerDefinition<'MANUAL'> = {
  type: 'MANUAL',
  fires: 'manual',
  outputs: ({ settings: { availability } }) =>
    availability.type === 'GLOBAL'
      ? []
      : [{ path: 'record', label: t`Record`, record: availability.objectNameSingular }],
  sampleObject: ({ settings: { availability } }) =>
    availability.type === 'GLOBAL' ? undefined : availability.objectNameSingular,
  samplePayload: ({ settings: { availability } }, record) =>
    availability.type === 'GLOBAL' ? {} : { objectName: availability.objectNameSingular, record },
};
