import { StepError, type StepExecutor } from './types';

/** Runs the person's JavaScript `main(params)` isolated from the app; its return value is the output. */
export const codeStep: StepExecutor<'CODE'> = {
  type: 'CODE',
  external: true,
  async execute(ctx) {
    const { code, params, timeoutMs } = ctx.step.settings.input;
    const resolved = ctx.resolve(params) as Record<string, unknown>;
    const result = await ctx.services.runCode({ code, params: resolved, timeoutMs });
    if (!result.ok) {
      const where = result.line ? ` (line ${result.line})` : '';
      const logs = result.logs.length ? `\nLogs:\n${result.logs.join('\n')}` : '';
      throw new StepError(`${result.error}${where}${logs}`);
    }
    const value = result.value;
    const output = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : { result: value };
    return { input: { params: resolved }, output, logs: result.logs };
  },
};
