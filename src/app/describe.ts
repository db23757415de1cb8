import { plural, t } from '@lingui/core/macro';
import { formatDate } from '../i18n/format';
import { objectWord } from './standardLabels';
import type { RunRow } from '../schema/run';
import { outletsOf } from '../schema/stepEdges';
import { cronScheduleOf, type CronSchedule } from '../schema/cron';
import type { Step, Trigger } from '../schema/workflow';

/**
 * "When a person is created", "Run by hand on one person"… (a switch over every trigger type: a new one must say how
 * it reads).
 */
export function describeTrigger(trigger: Trigger): string {
  switch (trigger.type) {
    case 'DATABASE_EVENT': {
      const [name, event] = trigger.settings.eventName.split('.');
      const object = objectWord(name);
      const article = /^[aeiou]/i.test(object) ? 'an' : 'a';
      const when =
        event === 'created'
          ? t`When ${article} ${object} is created`
          : event === 'updated'
            ? t`When ${article} ${object} is updated`
            : event === 'deleted'
              ? t`When ${article} ${object} is deleted`
              : t`When ${article} ${object} is created or updated`;
      return trigger.settings.fields?.length ? `${when} (${trigger.settings.fields.join(', ')})` : when;
    }
    case 'CRON': {
      const schedule = describeSchedule(cronScheduleOf(trigger.settings));
      const zone = trigger.settings.timezone ?? '';
      return t`On a schedule (${schedule}, ${zone})`;
    }
    case 'WEBHOOK': {
      const method = trigger.settings.httpMethod;
      return t`When its webhook URL is called (${method})`;
    }
    case 'MANUAL': {
      const a = trigger.settings.availability;
      if (a.type === 'GLOBAL') return t`Run by hand`;
      const object = objectWord(a.objectNameSingular);
      return a.type === 'SINGLE_RECORD'
        ? t`Run by hand on one ${object}`
        : t`Run by hand on selected ${object} records`;
    }
    default:
      return unreachable(trigger);
  }
}

function unreachable(value: never): never {
  throw new Error(`unknown trigger ${JSON.stringify(value)}`);
}

const hm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
/** Sunday = 0, as cron counts, in the UI's language ("Mon", "po"). */
const dayName = (d: number) => formatDate(Date.UTC(2023, 0, 1 + d), { weekday: 'short', timeZone: 'UTC' });

export function describeSchedule(s: CronSchedule): string {
  switch (s.type) {
    case 'MINUTES':
      return plural(s.minutes, { one: 'every minute', other: 'every # minutes' });
    case 'HOURS': {
      const minute = s.minute;
      return plural(s.hours, { one: `every hour at minute ${minute}`, other: `every # hours at minute ${minute}` });
    }
    case 'DAYS': {
      const time = hm(s.hour, s.minute);
      return plural(s.days, { one: `every day at ${time}`, other: `every # days at ${time}` });
    }
    case 'WEEKLY': {
      const days = s.daysOfWeek.map(dayName).join(', ');
      const time = hm(s.hour, s.minute);
      return t`${days} at ${time}`;
    }
    case 'CUSTOM': {
      const pattern = s.pattern;
      return t`cron “${pattern}”`;
    }
  }
}

/** Steps in the order they are reached from the trigger (breadth first), then any unreached. */
export function orderedSteps(trigger: Trigger, steps: Step[]): Step[] {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const out: Step[] = [];
  const queue = [...trigger.nextStepIds];
  while (queue.length) {
    const id = queue.shift()!;
    const s = byId.get(id);
    if (!s || seen.has(id)) continue;
    seen.add(id);
    out.push(s);
    for (const outlet of outletsOf(s)) queue.push(...outlet.targets);
  }
  for (const s of steps) if (!seen.has(s.id)) out.push(s);
  return out;
}

/** The scheduled times a run of a schedule stands for, when it caught up on missed ones. */
export function missedTimesOf(run: RunRow): string[] {
  const missed =
    run.flow.trigger.type === 'CRON'
      ? (run.triggerPayload as { missedTimes?: unknown } | null)?.missedTimes
      : undefined;
  return Array.isArray(missed) ? missed.filter((t): t is string => typeof t === 'string') : [];
}
