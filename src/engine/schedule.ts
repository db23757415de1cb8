import { t } from '@lingui/core/macro';
import { Cron } from 'croner';
import type { CronSchedule } from '../schema/cron';

/** The cron pattern of a schedule preset (or the custom pattern as written). */
export function cronPattern(schedule: CronSchedule): string {
  switch (schedule.type) {
    case 'MINUTES':
      return `*/${schedule.minutes} * * * *`;
    case 'HOURS':
      return `${schedule.minute} */${schedule.hours} * * *`;
    case 'DAYS':
      return `${schedule.minute} ${schedule.hour} */${schedule.days} * *`;
    case 'WEEKLY':
      return `${schedule.minute} ${schedule.hour} * * ${[...schedule.daysOfWeek].sort().join(',')}`;
    case 'CUSTOM':
      return schedule.pattern.trim();
  }
}

/** Why a schedule cannot be used, or null. */
export function scheduleProblem(schedule: CronSchedule, timezone: string): string | null {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    return t`“${timezone}” is not a time zone`;
  }
  const pattern = cronPattern(schedule);
  const parts = pattern.split(/\s+/).length;
  if (parts !== 5 && parts !== 6)
    return t`a cron pattern has 5 fields (minute hour day month weekday), or 6 with seconds first; “${pattern}” has ${parts}`;
  try {
    const next = new Cron(pattern, { timezone, paused: true }).nextRun();
    if (!next) return t`“${pattern}” never fires`;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return t`“${pattern}” is not a valid cron pattern: ${reason}`;
  }
  return null;
}

/** The next `count` fire times strictly after `after`, in the schedule's time zone. */
export function nextFireTimes(schedule: CronSchedule, timezone: string, after: number, count = 1): number[] {
  const cron = new Cron(cronPattern(schedule), { timezone, paused: true });
  const out: number[] = [];
  let from = new Date(after);
  for (let i = 0; i < count; i++) {
    const next = cron.nextRun(from);
    if (!next) break;
    out.push(next.getTime());
    from = next;
  }
  return out;
}

/** Fire times in (from, to], at most `limit` (to say which were missed). */
export function fireTimesBetween(
  schedule: CronSchedule,
  timezone: string,
  from: number,
  to: number,
  limit = 100,
): number[] {
  const out: number[] = [];
  const cron = new Cron(cronPattern(schedule), { timezone, paused: true });
  let cursor = new Date(from);
  while (out.length < limit) {
    const next = cron.nextRun(cursor);
    if (!next || next.getTime() > to) break;
    out.push(next.getTime());
    cursor = next;
  }
  return out;
}
