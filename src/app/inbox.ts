import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../client/db';
import { withFlows } from '../db/storedShapes';
import type { RunRow } from '../schema/run';
import type { FormField, StepOfType } from '../schema/workflow';

export interface PendingForm {
  run: RunRow;
  step: StepOfType<'FORM'>;
  form: { title: string; description: string; fields: FormField[] };
}

/** Forms that runs are waiting on, oldest first. */
export function usePendingForms(): PendingForm[] | undefined {
  return useLiveQuery(async () => {
    const runs = await withFlows(db, await db.runs.where('status').equals('waiting').toArray());
    const out: PendingForm[] = [];
    for (const run of runs.sort((a, b) => a.createdAt - b.createdAt)) {
      for (const step of run.flow.steps) {
        const info = run.state.stepInfos[step.id];
        if (step.type !== 'FORM' || info?.status !== 'PENDING') continue;
        // The form as the run resolved it, or its settings when they had no variable (`stepInput`).
        out.push({ run, step, form: (info.input ?? step.settings.input) as PendingForm['form'] });
      }
    }
    return out;
  }, []);
}
