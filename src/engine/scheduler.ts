import { plural } from '@lingui/core/macro';
import { cronScheduleOf } from '../schema/cron';
import type { TimerRow } from '../schema/run';
import type { VersionRow } from '../schema/workflowRows';
import type { EngineTx } from './ports';
import { fireTimesBetween, nextFireTimes, scheduleProblem } from './schedule';
import { createRun } from './triggers/runs';

/** A schedule that fires more than this late was missed (the app was closed or asleep). */
export const MISSED_AFTER_MS = 60_000;
/** Sooner than this is on time; later, and a next fire time has passed too, times were missed. */
export const LATE_GRACE_MS = 5_000;

export function scheduleTimerId(versionId: string): string {
  return `schedule:${versionId}`;
}

/** The timer row for an active CRON version's next fire time (strictly after `now`), or null. */
export function nextScheduleTimer(version: VersionRow, now: number): TimerRow | null {
  const t = version.trigger;
  if (t.type !== 'CRON') return null;
  const schedule = cronScheduleOf(t.settings);
  if (scheduleProblem(schedule, t.settings.timezone)) return null;
  const [dueAt] = nextFireTimes(schedule, t.settings.timezone, now, 1);
  if (dueAt === undefined) return null;
  return {
    id: scheduleTimerId(version.id),
    dueAt,
    kind: 'schedule',
    workflowId: version.workflowId,
    runId: '',
    stepId: '',
    versionId: version.id,
  };
}

/**
 * A schedule is due: one run for it. If it is late (the app was closed), the missed times
 * follow the workflow's policy: one run for all of them, or a skipped run that lists them.
 * The next time is computed from now, so a clock jump or DST change never fires twice.
 */
export async function fireSchedule(tx: EngineTx, timer: TimerRow, now: number): Promise<void> {
  await tx.deleteTimer(timer.id);
  const version = timer.versionId ? await tx.getVersion(timer.versionId) : undefined;
  if (!version || version.status !== 'active' || version.trigger.type !== 'CRON') return;
  const workflow = await tx.getWorkflow(version.workflowId);
  if (!workflow) return;
  const { timezone, missedRuns } = version.trigger.settings;
  const schedule = cronScheduleOf(version.trigger.settings);
  const lateBy = now - timer.dueAt;
  const since = lateBy > LATE_GRACE_MS ? fireTimesBetween(schedule, timezone, timer.dueAt, now) : [];
  const late = lateBy > MISSED_AFTER_MS || since.length > 0;
  const times = late ? [timer.dueAt, ...since] : [timer.dueAt];
  const iso = (t: number) => new Date(t).toISOString();
  const payload = {
    scheduledAt: iso(times[times.length - 1]),
    firedAt: iso(now),
    missedTimes: late ? times.map(iso) : [],
  };
  const missed = `${times.slice(0, 5).map(iso).join(', ')}${times.length > 5 ? ', …' : ''}`;
  const skipReason =
    late && missedRuns === 'skip'
      ? plural(times.length, {
          one: `Skipped # scheduled time missed while Localflow was closed (${missed}), as the workflow's missed-runs policy says.`,
          other: `Skipped # scheduled times missed while Localflow was closed (${missed}), as the workflow's missed-runs policy says.`,
        })
      : undefined;
  await createRun(tx, { workflow, version, payload, depth: 0, now, skipReason });
  const next = nextScheduleTimer(version, now);
  if (next) await tx.addTimer(next);
}
