import { t } from '@lingui/core/macro';
import { StepError, type StepDefinition } from './types';

/** Names one call of a code step: its attempt, and how many times that attempt was cut off before. */
export function codeCallId(idempotencyKey: string, interrupted = 0): string {
  return `${idempotencyKey}:${interrupted}`;
}

/** Runs the person's JavaScript `main(params)` isolated from the app; its return value is the output. */
export const codeStep: StepDefinition<'CODE'> = {
  type: 'CODE',
  needsTab: true,
  outputs: () => [{ path: '', label: t`Returned object` }],
  external: true,
  async execute(ctx) {
    const { code, logicFunctionInput, timeoutMs = 10_000, logicFunctionId, twentyStep } = ctx.step.settings.input;
    if (!code?.trim())
      throw new StepError(
        twentyStep
          ? t`Twenty's ${twentyStep.type} step has no Localflow equivalent: write code that does it (or remove the step)`
          : logicFunctionId
            ? t`this step runs Twenty's logic function ${logicFunctionId}: paste that function's code in the editor`
            : t`there is no code to run`,
      );
    const resolved = ctx.resolve(logicFunctionInput) as Record<string, unknown>;
    const callId = codeCallId(ctx.idempotencyKey, ctx.state.stepInfos[ctx.step.id]?.interrupted);
    const result = await ctx.services.runCode({ code, params: resolved, timeoutMs, callId });
    if (!result.ok) {
      const line = result.line;
      const where = line ? ` ${t`(line ${line})`}` : '';
      const logs = result.logs.length ? `\n${t`Logs:`}\n${result.logs.join('\n')}` : '';
      throw new StepError(`${result.error}${where}${logs}`, { final: result.sandboxDied });
    }
    const value = result.value;
    const output = value !== null && typeof value === 'object' && !Array.isArray(value) ? value : { result: value };
    return { input: { params: resolved }, output, logs: result.logs };
  },
};
