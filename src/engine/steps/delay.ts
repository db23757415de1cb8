import { StepError, type StepDefinition } from './types';

export const delay: StepDefinition<'DELAY'> = {
  type: 'DELAY',
  outputs: () => [{ path: 'resumedAt', label: 'Resumed at' }],
  async execute(ctx) {
    const input = ctx.step.settings.input;
    let until: number;
    if (input.delayType === 'DURATION') {
      const d = input.duration;
      until = ctx.now + (((d.days * 24 + d.hours) * 60 + d.minutes) * 60 + d.seconds) * 1000;
    } else {
      const resolved = ctx.resolve(input.scheduledDateTime);
      until = typeof resolved === 'number' ? resolved : Date.parse(String(resolved));
      if (Number.isNaN(until)) throw new StepError(`"${String(resolved)}" is not a date`);
    }
    return { input: { ...input, until: new Date(until).toISOString() }, waitUntil: Math.max(until, ctx.now) };
  },
  resume(ctx) {
    return { output: { resumedAt: new Date(ctx.now).toISOString() } };
  },
};
