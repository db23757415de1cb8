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
      const [object, event] = trigger.settings.eventName.split('.');
      const fields = trigger.settings.fields?.length ? ` (${trigger.settings.fields.join(', ')})` : '';
      return `When ${/^[aeiou]/i.test(object) ? 'an' : 'a'} ${object} is ${event === 'upserted' ? 'created or updated' : event}${fields}`;
    }
    case 'CRON':
      return `On a schedule (${describeSchedule(cronScheduleOf(trigger.settings))}, ${trigger.settings.timezone})`;
    case 'WEBHOOK':
      return `When its webhook URL is called (${trigger.settings.httpMethod})`;
    case 'MANUAL': {
      const a = trigger.settings.availability;
      if (a.type === 'GLOBAL') return 'Run by hand';
      return a.type === 'SINGLE_RECORD'
        ? `Run by hand on one ${a.objectNameSingular}`
        : `Run by hand on selected ${a.objectNameSingular} records`;
    }
    default:
      return unreachable(trigger);
  }
}

function unreachable(value: never): never {
  throw new Error(`unknown trigger ${JSON.stringify(value)}`);
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const hm = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;

export function describeSchedule(s: CronSchedule): string {
  switch (s.type) {
    case 'MINUTES':
      return s.minutes === 1 ? 'every minute' : `every ${s.minutes} minutes`;
    case 'HOURS':
      return `every ${s.hours === 1 ? '' : `${s.hours} `}hour${s.hours === 1 ? '' : 's'} at minute ${s.minute}`;
    case 'DAYS':
      return `every ${s.days === 1 ? '' : `${s.days} `}day${s.days === 1 ? '' : 's'} at ${hm(s.hour, s.minute)}`;
    case 'WEEKLY':
      return `${s.daysOfWeek.map((d) => DAY_NAMES[d]).join(', ')} at ${hm(s.hour, s.minute)}`;
    case 'CUSTOM':
      return `cron “${s.pattern}”`;
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
