import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { FilterBuilder } from '../editor/FilterBuilder';
import type { StepFormProps, StepUi } from './types';
import {
  newId,
  removeStepFilterSubtree,
  replaceStepFilterSubtree,
  stepFilterTree,
  treeToStepFilters,
} from '../../schema/filterTree';

export const ifElseUi: StepUi<'IF_ELSE'> = {
  get label() {
    return t`If / else`;
  },
  group: 'Flow',
  get description() {
    return t`Take one branch or another`;
  },
  defaultInput: () => {
    const lists = treeToStepFilters({ operator: 'AND', conditions: [] });
    return {
      ...lists,
      branches: [
        { id: newId(), filterGroupId: lists.stepFilterGroups[0].id, nextStepIds: [] },
        { id: newId(), nextStepIds: [] },
      ],
    };
  },
  Form: IfElseForm,
};

function IfElseForm({ step, setInput, options }: StepFormProps<'IF_ELSE'>) {
  const input = step.settings.input;
  const { branches } = input;
  return (
    <>
      {branches.map((b, i) =>
        b.filterGroupId ? (
          <div key={b.id} className="branch">
            <FilterBuilder
              label={i === 0 ? t`If` : t`Else if (${i})`}
              value={stepFilterTree(input, b.filterGroupId)}
              options={options}
              onChange={(tree) => setInput({ ...input, ...replaceStepFilterSubtree(input, b.filterGroupId!, tree) })}
            />
            {i > 0 && (
              <button
                type="button"
                className="small danger"
                onClick={() =>
                  setInput({
                    ...input,
                    ...removeStepFilterSubtree(input, b.filterGroupId!),
                    branches: branches.filter((x) => x.id !== b.id),
                  })
                }
              >
                <Trans>Remove this branch</Trans>
              </button>
            )}
          </div>
        ) : (
          <p key={b.id} className="muted">
            <Trans>Else: when no branch above matches.</Trans>
          </p>
        ),
      )}
      <button
        type="button"
        className="small"
        onClick={() => {
          const group = newId();
          const elseAt = branches.findIndex((b) => !b.filterGroupId);
          const added = { id: newId(), filterGroupId: group, nextStepIds: [] };
          setInput({
            ...input,
            stepFilterGroups: [...input.stepFilterGroups, { id: group, logicalOperator: 'AND' }],
            branches:
              elseAt < 0 ? [...branches, added] : [...branches.slice(0, elseAt), added, ...branches.slice(elseAt)],
          });
        }}
      >
        <Trans>+ Else if</Trans>
      </button>
    </>
  );
}
