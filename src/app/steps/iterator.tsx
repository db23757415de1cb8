import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { VariableInput } from '../editor/VariableInput';
import { text } from '../editor/formWidgets';
import type { StepFormProps, StepUi } from './types';

export const iteratorUi: StepUi<'ITERATOR'> = {
  get label() {
    return t`Iterator`;
  },
  group: 'Flow',
  get description() {
    return t`Run steps once for each item of a list`;
  },
  defaultInput: () => ({ items: '', initialLoopStepIds: [], shouldContinueOnIterationFailure: false }),
  Form: IteratorForm,
  problems: (step) =>
    step.settings.input.items === '' || step.settings.input.items === undefined
      ? [{ field: t`Items`, message: t`choose the list to go through` }]
      : [],
};

function IteratorForm({ step, setInput, options }: StepFormProps<'ITERATOR'>) {
  const input = step.settings.input;
  return (
    <>
      <VariableInput
        label={t`Items`}
        placeholder="{{search.all}}"
        value={text(input.items)}
        options={options}
        onChange={(items) => setInput({ ...input, items })}
      />
      <label className="inline">
        <input
          type="checkbox"
          checked={input.shouldContinueOnIterationFailure}
          onChange={(e) => setInput({ ...input, shouldContinueOnIterationFailure: e.target.checked })}
        />
        <Trans>Continue with the next item when one fails</Trans>
      </label>
    </>
  );
}
