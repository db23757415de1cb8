import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../client/db';
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
    const runs = await db.runs.where('status').equals('waiting').toArray();
    const out: PendingForm[] = [];
    for (const run of runs.sort((a, b) => a.createdAt - b.createdAt)) {
      for (const step of run.flow.steps) {
        if (step.type !== 'FORM' || run.state.stepInfos[step.id]?.status !== 'PENDING') continue;
        out.push({ run, step, form: run.state.stepInfos[step.id].input as PendingForm['form'] });
      }
    }
    return out;
  }, []);
}
