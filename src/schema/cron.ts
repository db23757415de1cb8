import type { CronSettings } from './workflow';

/**
 * A schedule as the scheduler and the editor read it. Stored as Twenty's CRON settings
 * (`{type: 'DAYS', schedule: {day, hour, minute}}`, …, `{type: 'CUSTOM', pattern}`); a weekly
 * schedule, which Twenty lacks, is stored as a CUSTOM pattern and read back as weekly.
 */
export type CronSchedule =
  | { type: 'MINUTES'; minutes: number }
  | { type: 'HOURS'; hours: number; minute: number }
  | { type: 'DAYS'; days: number; hour: number; minute: number }
  | { type: 'WEEKLY'; daysOfWeek: number[]; hour: number; minute: number }
  | { type: 'CUSTOM'; pattern: string };

const WEEKLY = /^(\d{1,2}) (\d{1,2}) \* \* ([0-6](?:,[0-6])*)$/;

export function cronScheduleOf(settings: CronSettings): CronSchedule {
  switch (settings.type) {
    case 'MINUTES':
      return { type: 'MINUTES', minutes: settings.schedule.minute };
    case 'HOURS':
      return { type: 'HOURS', hours: settings.schedule.hour, minute: settings.schedule.minute };
    case 'DAYS':
      return {
        type: 'DAYS',
        days: settings.schedule.day,
        hour: settings.schedule.hour,
        minute: settings.schedule.minute,
      };
    case 'CUSTOM': {
      const weekly = WEEKLY.exec(settings.pattern.trim());
      if (weekly) {
        const [, minute, hour, days] = weekly;
        if (Number(minute) < 60 && Number(hour) < 24)
          return {
            type: 'WEEKLY',
            minute: Number(minute),
            hour: Number(hour),
            daysOfWeek: [...new Set(days.split(',').map(Number))].sort(),
          };
      }
      return { type: 'CUSTOM', pattern: settings.pattern };
    }
  }
}

/** The settings with a new schedule (time zone and missed-runs policy kept). */
export function withCronSchedule(settings: CronSettings, schedule: CronSchedule): CronSettings {
  const { timezone, missedRuns, outputSchema } = settings;
  const extras = { timezone, missedRuns, outputSchema };
  switch (schedule.type) {
    case 'MINUTES':
      return { type: 'MINUTES', schedule: { minute: schedule.minutes }, ...extras };
    case 'HOURS':
      return { type: 'HOURS', schedule: { hour: schedule.hours, minute: schedule.minute }, ...extras };
    case 'DAYS':
      return {
        type: 'DAYS',
        schedule: { day: schedule.days, hour: schedule.hour, minute: schedule.minute },
        ...extras,
      };
    case 'WEEKLY':
      return {
        type: 'CUSTOM',
        pattern: `${schedule.minute} ${schedule.hour} * * ${schedule.daysOfWeek.join(',')}`,
        ...extras,
      };
    case 'CUSTOM':
      return { type: 'CUSTOM', pattern: schedule.pattern, ...extras };
  }
}
