import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../client/db';
import type { WorkflowRow } from '../schema/workflowRows';
import { compareText } from '../i18n/format';

export interface ManualWorkflow {
  workflow: WorkflowRow;
  availability: 'GLOBAL' | 'SINGLE_RECORD' | 'BULK_RECORDS';
  objectName?: string;
}

/** Active manual workflows; with `objectName`, those that run on its records. */
export function useManualWorkflows(objectName?: string): ManualWorkflow[] {
  return useLiveQuery(
    async () => {
      const versions = await db.versions.where('status').equals('active').toArray();
      const out: ManualWorkflow[] = [];
      for (const v of versions) {
        if (v.trigger.type !== 'MANUAL') continue;
        const a = v.trigger.settings.availability;
        const workflow = await db.workflows.get(v.workflowId);
        if (!workflow) continue;
        if (objectName ? a.type !== 'GLOBAL' && a.objectNameSingular === objectName : true) {
          out.push({
            workflow,
            availability: a.type,
            objectName: a.type === 'GLOBAL' ? undefined : a.objectNameSingular,
          });
        }
      }
      return out.sort((x, y) => compareText(x.workflow.name, y.workflow.name));
    },
    [objectName],
    [],
  );
}
