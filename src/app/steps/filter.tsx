import type { StepFormProps, StepUi } from './types';
import { FilterBuilder } from '../editor/FilterBuilder';
import { emptyFilter } from '../editor/formWidgets';

export const filterUi: StepUi<'FILTER'> = {
  label: 'Filter',
  group: 'Flow',
  defaultInput: () => ({ filter: emptyFilter() }),
  Form: FilterForm,
};

function FilterForm({ step, setInput, options }: StepFormProps<'FILTER'>) {
  return (
    <FilterBuilder
      label="Continue only if"
      value={step.settings.input.filter}
      options={options}
      onChange={(filter) => setInput({ filter })}
    />
  );
}
