import { t } from '@lingui/core/macro';
import type { StepFormProps, StepUi } from './types';
import { FilterBuilder } from '../editor/FilterBuilder';
import { stepFilterTree, treeToStepFilters } from '../../schema/filterTree';

export const filterUi: StepUi<'FILTER'> = {
  get label() {
    return t`Filter`;
  },
  group: 'Flow',
  get description() {
    return t`Go on only when conditions hold`;
  },
  defaultInput: () => treeToStepFilters({ operator: 'AND', conditions: [] }),
  Form: FilterForm,
};

function FilterForm({ step, setInput, options }: StepFormProps<'FILTER'>) {
  return (
    <FilterBuilder
      label={t`Continue only if`}
      value={stepFilterTree(step.settings.input)}
      options={options}
      onChange={(tree) => setInput(treeToStepFilters(tree))}
    />
  );
}
