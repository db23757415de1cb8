import { t } from '@lingui/core/macro';
import { StepError, type StepDefinition } from './types';

export const delay: StepDefinition<'DELAY'> = {
  type: 'DELAY',
  outputs: () => [{ path: 'resumedAt', label: t`Resumed at` }],
  execute(ctx) {
    const input = ctx.step.settings.input;
    let until: number;
    if (input.delayType === 'DURATION') {
      // Each part may be a variable (Twenty allows it).
      const d = (ctx.resolve(input.duration ?? {}) ?? {}) as Record<string, unknown>;
      const part = (key: string) => {
        const v = d[key];
        if (v === undefined || v === null || v === '') return 0;
        const n = Number(v);
        const text = String(v);
        if (!Number.isFinite(n) || n < 0) throw new StepError(t`${key}: “${text}” is not a number of ${key}`);
        return n;
      };
      until = ctx.now + (((part('days') * 24 + part('hours')) * 60 + part('minutes')) * 60 + part('seconds')) * 1000;
    } else {
      if (!input.scheduledDateTime) throw new StepError(t`say when to go on (the date and time)`);
      const resolved = ctx.resolve(input.scheduledDateTime);
      until = typeof resolved === 'number' ? resolved : Date.parse(String(resolved));
      const text = String(resolved);
      if (Number.isNaN(until)) throw new StepError(t`"${text}" is not a date`);
    }
    return { input: { ...input, until: new Date(until).toISOString() }, waitUntil: Math.max(until, ctx.now) };
  },
  resume(ctx) {
    return { output: { resumedAt: new Date(ctx.now).toISOString() } };
  },
};
