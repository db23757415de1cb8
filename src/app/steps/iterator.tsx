import { VariableInput } from '../editor/VariableInput';
import { text } from '../editor/formWidgets';
import type { StepFormProps, StepUi } from './types';

export const iteratorUi: StepUi<'ITERATOR'> = {
  label: 'Iterator',
  group: 'Flow',
  description: 'Run steps once for each item of a list',
  defaultInput: () => ({ items: '', initialLoopStepIds: [], shouldContinueOnIterationFailure: false }),
  Form: IteratorForm,
  problems: (step) =>
    step.settings.input.items === '' || step.settings.input.items === undefined
      ? [{ field: 'Items', message: 'choose the list to go through' }]
      : [],
};

function IteratorForm({ step, setInput, options }: StepFormProps<'ITERATOR'>) {
  const input = step.settings.input;
  return (
    <>
      <VariableInput
        label="Items"
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
        Continue with the next item when one fails
      </label>
    </>
  );
}
