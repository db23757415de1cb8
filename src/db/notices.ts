import { t } from '@lingui/core/macro';
import type { LocalflowDB } from './database';
import { withFlows } from './storedShapes';
import { readSetting } from './settings';

/** Settings key: whether the person opted in to system notifications. */
export const NOTIFICATIONS_KEY = 'notifications';

/** A system notification worth showing about a run. `tag` is unique per fact, so each is shown once. */
export interface RunNotice {
  tag: string;
  title: string;
  body: string;
  path: string;
}

export async function notificationsWanted(db: LocalflowDB): Promise<boolean> {
  return (await readSetting(db, NOTIFICATIONS_KEY)) === true;
}

/**
 * What changed in runs updated after `since` that a person away from Localflow should hear
 * about: a failed run, a form waiting for an answer, a code step waiting for a tab.
 */
export async function runNotices(db: LocalflowDB, since: number): Promise<RunNotice[]> {
  const runs = await withFlows(
    db,
    await db.runs
      .where('createdAt')
      .above(since - 24 * 3600_000)
      .filter((r) => r.updatedAt > since)
      .toArray(),
  );
  const out: RunNotice[] = [];
  for (const run of runs) {
    const path = `runs/${run.id}`;
    const name = run.workflowName;
    if (run.status === 'failed')
      out.push({
        tag: `${run.id}:failed`,
        title: t`“${name}” failed`,
        body: run.error ?? t`A step failed.`,
        path,
      });
    for (const step of run.flow.steps) {
      const info = run.state.stepInfos[step.id];
      if (step.type === 'FORM' && info?.status === 'PENDING') {
        out.push({
          tag: `${run.id}:${step.id}:form`,
          title: t`“${name}” is waiting for you`,
          body: t`${step.name}: answer it in the Inbox.`,
          path: 'inbox',
        });
      }
      if (info?.waitingFor && info.status === 'NOT_STARTED') {
        out.push({
          tag: `${run.id}:${step.id}:tab`,
          title: t`“${name}” waits for Localflow to open`,
          body: t`${step.name} is a code step: it runs when you open Localflow.`,
          path,
        });
      }
    }
  }
  return out;
}
