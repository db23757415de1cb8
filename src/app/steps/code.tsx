import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { CodeEditor } from '../editor/CodeEditor';
import { KeyValues, SecondsInput } from '../editor/formWidgets';
import type { StepFormProps, StepUi } from './types';

export const codeUi: StepUi<'CODE'> = {
  get label() {
    return t`Code`;
  },
  group: 'Core',
  get description() {
    return t`Run your own JavaScript on the data so far`;
  },
  defaultInput: () => ({
    code: 'export const main = async (params) => {\n  return { result: params };\n};\n',
    logicFunctionInput: {},
    timeoutMs: 10_000,
  }),
  Form: CodeForm,
  problems: ({ settings: { input } }) =>
    input.code?.trim()
      ? []
      : [
          {
            field: t`Code (JavaScript)`,
            message: input.twentyStep
              ? t`Twenty's ${input.twentyStep.type} step has no Localflow equivalent: write code that does it, or remove the step`
              : input.logicFunctionId
                ? t`this step ran Twenty's logic function ${input.logicFunctionId}: paste that function's code below`
                : t`write the code`,
          },
        ],
};

function CodeForm({ step, setInput, options }: StepFormProps<'CODE'>) {
  const input = step.settings.input;
  return (
    <>
      <KeyValues
        label={t`Parameters`}
        value={input.logicFunctionInput as Record<string, string>}
        options={options}
        onChange={(logicFunctionInput) => setInput({ ...input, logicFunctionInput })}
      />
      <CodeEditor
        label={t`Code (JavaScript)`}
        value={input.code ?? ''}
        onChange={(code) => setInput({ ...input, code })}
      />
      <SecondsInput
        label={t`Stop after (seconds)`}
        valueMs={input.timeoutMs ?? 10_000}
        fallbackMs={10_000}
        onChange={(timeoutMs) => setInput({ ...input, timeoutMs })}
      />
      <p className="muted small">
        <Trans>
          Runs isolated from Localflow (no access to its data, storage or page); <code>params</code> holds the
          parameters above; return an object. <code>console.log</code> lines show in the run. Tab indents; Escape leaves
          the editor.
        </Trans>
      </p>
    </>
  );
}
