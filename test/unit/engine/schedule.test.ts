import { describe, expect, it } from 'vitest';
import { Engine } from '../../../src/engine/engine';
import { cronPattern, nextFireTimes, scheduleProblem } from '../../../src/engine/schedule';
import type { CronSchedule } from '../../../src/schema/cron';
import { ManualClock, step, workflowFile } from '../helpers';
import { setup } from './env';
import { freshWorkspace } from '../workspaces';

const iso = (ts: number[]) => ts.map((t) => new Date(t).toISOString());

describe('schedule maths', () => {
  it('turns presets into cron patterns', () => {
    expect(cronPattern({ type: 'MINUTES', minutes: 15 })).toBe('*/15 * * * *');
    expect(cronPattern({ type: 'HOURS', hours: 2, minute: 30 })).toBe('30 */2 * * *');
    expect(cronPattern({ type: 'DAYS', days: 1, hour: 9, minute: 5 })).toBe('5 9 */1 * *');
    expect(cronPattern({ type: 'WEEKLY', daysOfWeek: [5, 1], hour: 8, minute: 0 })).toBe('0 8 * * 1,5');
  });

  it('every day at 09:00 in Paris stays at 09:00 local across the end of summer time (UTC shifts by an hour)', () => {
    const daily: CronSchedule = { type: 'DAYS', days: 1, hour: 9, minute: 0 };
    const times = nextFireTimes(daily, 'Europe/Paris', Date.UTC(2026, 9, 23, 12), 4);
    expect(iso(times)).toEqual([
      '2026-10-24T07:00:00.000Z',
      '2026-10-25T08:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
      '2026-10-27T08:00:00.000Z',
    ]);
  });

  it('New York and Tokyo, and the skipped 02:30 on the spring-forward night never fires twice', () => {
    const at = (h: number, m: number): CronSchedule => ({ type: 'DAYS', days: 1, hour: h, minute: m });
    expect(iso(nextFireTimes(at(9, 0), 'America/New_York', Date.UTC(2026, 2, 7, 0), 2))).toEqual([
      '2026-03-07T14:00:00.000Z',
      '2026-03-08T13:00:00.000Z',
    ]);
    expect(iso(nextFireTimes(at(9, 0), 'Asia/Tokyo', Date.UTC(2026, 2, 6, 12), 1))).toEqual([
      '2026-03-07T00:00:00.000Z',
    ]);
    const spring = nextFireTimes(at(2, 30), 'America/New_York', Date.UTC(2026, 2, 7, 12), 3);
    expect(new Set(spring).size).toBe(3);
    expect(spring.every((t, i) => i === 0 || t > spring[i - 1])).toBe(true);
  });

  it('refuses invalid patterns and time zones with the reason', () => {
    expect(scheduleProblem({ type: 'CUSTOM', pattern: '* * *' }, 'UTC')).toContain('5 fields');
    expect(scheduleProblem({ type: 'CUSTOM', pattern: '99 * * * *' }, 'UTC')).toContain('is not a valid cron pattern');
    expect(scheduleProblem({ type: 'MINUTES', minutes: 5 }, 'Mars/Olympus')).toContain('is not a time zone');
    expect(scheduleProblem({ type: 'CUSTOM', pattern: '*/2 * * * * *' }, 'UTC')).toBeNull();
  });
});

const cron = (missedRuns: 'once' | 'skip', schedule: CronSchedule = { type: 'MINUTES', minutes: 5 }) =>
  workflowFile(
    { type: 'CRON', name: 'Every 5 minutes', settings: { schedule, timezone: 'UTC', missedRuns }, nextStepIds: ['n'] },
    [step('n', 'CREATE_RECORD', { objectName: 'note', objectRecord: { title: 'tick {{trigger.scheduledAt}}' } })],
  );

describe('scheduler', () => {
  it('activation arms the next time; the engine fires on time, once per time', async () => {
    const clock = new ManualClock(Date.UTC(2026, 10, 28, 12, 1));
    const env = await setup({ clock });
    const id = await env.install(cron('once'));
    const [timer] = await env.db.timers.toArray();
    expect(new Date(timer.dueAt).toISOString()).toBe('2026-11-28T12:05:00.000Z');
    env.engine.start();
    await env.engine.idle();
    clock.advance(4 * 60_000);
    await env.engine.idle();
    for (let i = 0; i < 2; i++) {
      clock.advance(5 * 60_000);
      await env.engine.idle();
    }
    const runs = await env.db.runs.toArray();
    expect(runs.map((r) => (r.triggerPayload as { scheduledAt: string }).scheduledAt).sort()).toEqual([
      '2026-11-28T12:05:00.000Z',
      '2026-11-28T12:10:00.000Z',
      '2026-11-28T12:15:00.000Z',
    ]);
    await env.db.deactivate(id, env.clock.now);
    expect(await env.db.timers.count()).toBe(0);
  });

  it('after the app was closed past several times: "once" runs once and lists them; "skip" records a skipped run', async () => {
    for (const policy of ['once', 'skip'] as const) {
      const db = await freshWorkspace();
      const clock = new ManualClock(Date.UTC(2026, 10, 28, 12, 1));
      const env = await setup({ db, clock });
      await env.install(cron(policy));
      clock.time = Date.UTC(2026, 10, 28, 12, 33); // closed from 12:01 to 12:33: 12:05 … 12:30 missed
      const engine = new Engine(db.engineStore(clock.now), { clock });
      engine.start();
      await engine.idle();
      const runs = await db.runs.toArray();
      expect(runs).toHaveLength(1);
      const payload = runs[0].triggerPayload as { missedTimes: string[]; scheduledAt: string };
      expect(payload.missedTimes).toHaveLength(6);
      expect(payload.scheduledAt).toBe('2026-11-28T12:30:00.000Z');
      if (policy === 'once') expect(runs[0].status).toBe('completed');
      else
        expect(runs[0]).toMatchObject({
          status: 'skipped',
          error: expect.stringContaining('Skipped 6 scheduled times missed while Localflow was closed'),
        });
      const [next] = await db.timers.toArray();
      expect(new Date(next.dueAt).toISOString()).toBe('2026-11-28T12:35:00.000Z');
    }
  });

  it('a short schedule less than a minute late: a few seconds is on time; past a next time, the times are missed', async () => {
    const every10s: CronSchedule = { type: 'CUSTOM', pattern: '*/10 * * * * *' };
    for (const [lateMs, missed] of [
      [3_000, 0],
      [25_000, 3],
    ] as const) {
      const db = await freshWorkspace();
      const clock = new ManualClock(Date.UTC(2026, 10, 28, 12, 0, 1));
      const env = await setup({ db, clock });
      await env.install(cron('skip', every10s));
      clock.time = Date.UTC(2026, 10, 28, 12, 0, 10) + lateMs;
      const engine = new Engine(db.engineStore(clock.now), { clock });
      engine.start();
      await engine.idle();
      const [run] = await db.runs.toArray();
      expect((run.triggerPayload as { missedTimes: string[] }).missedTimes).toHaveLength(missed);
      expect(run.status).toBe(missed ? 'skipped' : 'completed');
    }
  });

  it('two engines racing for the same due time fire it once', async () => {
    const db = await freshWorkspace();
    const clock = new ManualClock(Date.UTC(2026, 10, 28, 12, 1));
    const env = await setup({ db, clock });
    await env.install(cron('once'));
    clock.time = Date.UTC(2026, 10, 28, 12, 5, 10);
    const a = new Engine(db.engineStore(clock.now, 'a'), { clock });
    const b = new Engine(db.engineStore(clock.now, 'b'), { clock });
    a.start();
    b.start();
    await Promise.all([a.idle(), b.idle()]);
    expect(await db.runs.count()).toBe(1);
  });
});
