import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { cronPattern, nextFireTimes, scheduleProblem } from '../../engine/schedule';
import { cronScheduleOf, withCronSchedule, type CronSchedule } from '../../schema/cron';
import type { TriggerFormProps, TriggerUi } from './types';

export const cronUi: TriggerUi<'CRON'> = {
  get label() {
    return t`On a schedule`;
  },
  create: () => ({
    type: 'CRON',
    name: t`On a schedule`,
    settings: {
      type: 'DAYS',
      schedule: { day: 1, hour: 9, minute: 0 },
      timezone: deviceTimeZone(),
      missedRuns: 'once',
      outputSchema: {},
    },
  }),
  starts: [
    {
      get label() {
        return t`On a schedule`;
      },
      get description() {
        return t`Every few minutes, hours or days, or a cron pattern`;
      },
      create: (first) => cronUi.create(first),
    },
  ],
  Form: ScheduleForm,
};

function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Presets as in Twenty, weekly, or a cron pattern; a time zone; the missed-runs policy; the next five times. */
function ScheduleForm({ trigger, onChange }: TriggerFormProps<'CRON'>) {
  const { timezone, missedRuns } = trigger.settings;
  const schedule = cronScheduleOf(trigger.settings);
  const set = (patch: { schedule?: CronSchedule; timezone?: string; missedRuns?: 'once' | 'skip' }) => {
    const { schedule: next, ...rest } = patch;
    const settings = next ? withCronSchedule(trigger.settings, next) : trigger.settings;
    onChange({ ...trigger, settings: { ...settings, ...rest } });
  };
  const num = (v: string, min: number, max: number) => Math.min(max, Math.max(min, Math.round(Number(v)) || min));
  const problem = scheduleProblem(schedule, timezone);
  const upcoming = problem ? [] : nextFireTimes(schedule, timezone, Date.now(), 5);
  const fmt = new Intl.DateTimeFormat(undefined, {
    dateStyle: 'medium',
    timeStyle: 'medium',
    timeZone: problem ? undefined : timezone,
  });
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return (
    <>
      <label className="stacked">
        <Trans>Repeat</Trans>
        <select
          value={schedule.type}
          onChange={(e) => {
            const t = e.target.value;
            set({
              schedule:
                t === 'MINUTES'
                  ? { type: 'MINUTES', minutes: 15 }
                  : t === 'HOURS'
                    ? { type: 'HOURS', hours: 1, minute: 0 }
                    : t === 'DAYS'
                      ? { type: 'DAYS', days: 1, hour: 9, minute: 0 }
                      : t === 'WEEKLY'
                        ? { type: 'WEEKLY', daysOfWeek: [1], hour: 9, minute: 0 }
                        : { type: 'CUSTOM', pattern: cronPattern(schedule) },
            });
          }}
        >
          <option value="MINUTES">{t`every N minutes`}</option>
          <option value="HOURS">{t`every N hours`}</option>
          <option value="DAYS">{t`every N days`}</option>
          <option value="WEEKLY">{t`on days of the week`}</option>
          <option value="CUSTOM">{t`cron pattern`}</option>
        </select>
      </label>
      <div className="inputs-row">
        {schedule.type === 'MINUTES' && (
          <label className="stacked">
            <Trans>Minutes</Trans>
            <input
              type="number"
              min={1}
              max={59}
              value={schedule.minutes}
              onChange={(e) => set({ schedule: { ...schedule, minutes: num(e.target.value, 1, 59) } })}
            />
          </label>
        )}
        {schedule.type === 'HOURS' && (
          <label className="stacked">
            <Trans>Hours</Trans>
            <input
              type="number"
              min={1}
              max={23}
              value={schedule.hours}
              onChange={(e) => set({ schedule: { ...schedule, hours: num(e.target.value, 1, 23) } })}
            />
          </label>
        )}
        {schedule.type === 'DAYS' && (
          <label className="stacked">
            <Trans>Days</Trans>
            <input
              type="number"
              min={1}
              max={31}
              value={schedule.days}
              onChange={(e) => set({ schedule: { ...schedule, days: num(e.target.value, 1, 31) } })}
            />
          </label>
        )}
        {(schedule.type === 'DAYS' || schedule.type === 'WEEKLY') && (
          <label className="stacked">
            <Trans>Hour</Trans>
            <input
              type="number"
              min={0}
              max={23}
              value={schedule.hour}
              onChange={(e) => set({ schedule: { ...schedule, hour: num(e.target.value, 0, 23) } })}
            />
          </label>
        )}
        {(schedule.type === 'HOURS' || schedule.type === 'DAYS' || schedule.type === 'WEEKLY') && (
          <label className="stacked">
            <Trans>Minute</Trans>
            <input
              type="number"
              min={0}
              max={59}
              value={schedule.minute}
              onChange={(e) => set({ schedule: { ...schedule, minute: num(e.target.value, 0, 59) } })}
            />
          </label>
        )}
      </div>
      {schedule.type === 'WEEKLY' && (
        <fieldset className="checks">
          <legend>
            <Trans>Days</Trans>
          </legend>
          {DAYS.map((d, i) => (
            <label key={d} className="inline">
              <input
                type="checkbox"
                checked={schedule.daysOfWeek.includes(i)}
                onChange={(e) =>
                  set({
                    schedule: {
                      ...schedule,
                      daysOfWeek: e.target.checked
                        ? [...schedule.daysOfWeek, i]
                        : schedule.daysOfWeek.filter((x) => x !== i),
                    },
                  })
                }
              />
              {d.slice(0, 3)}
            </label>
          ))}
        </fieldset>
      )}
      {schedule.type === 'CUSTOM' && (
        <label className="stacked">
          <Trans>Cron pattern</Trans>
          <input
            value={schedule.pattern}
            placeholder="*/15 * * * *"
            onChange={(e) => set({ schedule: { ...schedule, pattern: e.target.value } })}
          />
        </label>
      )}
      <label className="stacked">
        <Trans>Time zone</Trans>
        <input list="time-zones" value={timezone} onChange={(e) => set({ timezone: e.target.value })} />
        <datalist id="time-zones">
          {zones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </label>
      <label className="stacked">
        <Trans>Times missed while Localflow was closed</Trans>
        <select value={missedRuns} onChange={(e) => set({ missedRuns: e.target.value as 'once' | 'skip' })}>
          <option value="once">{t`run once for all of them`}</option>
          <option value="skip">{t`skip them (the history says which)`}</option>
        </select>
      </label>
      {problem ? (
        <p className="error" role="alert">
          {problem}
        </p>
      ) : (
        <div>
          <div className="muted small">
            <Trans>Next five times ({timezone}):</Trans>
          </div>
          <ol className="small" aria-label={t`Next five times`}>
            {upcoming.map((t) => (
              <li key={t}>{fmt.format(t)}</li>
            ))}
          </ol>
        </div>
      )}
      <p className="muted small">
        <Trans>
          Schedules fire on time while a Localflow tab is open. With every tab closed, they fire when the browser next
          wakes Localflow’s service worker (a webhook call, or — for the installed app — a periodic sync, at the
          browser’s discretion) or at the next start; the times missed meanwhile follow the policy above. Nothing runs
          while the browser itself is closed.
        </Trans>
      </p>
    </>
  );
}
