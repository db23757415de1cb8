import { FilterBuilder } from '../editor/FilterBuilder';
import type { StepFormProps, StepUi } from './types';
import { emptyFilter } from '../editor/formWidgets';

export const ifElseUi: StepUi<'IF_ELSE'> = {
  label: 'If / else',
  group: 'Flow',
  defaultInput: () => ({
    branches: [
      { id: 'if', filter: emptyFilter(), nextStepIds: [] },
      { id: 'else', nextStepIds: [] },
    ],
  }),
  Form: IfElseForm,
};

function IfElseForm({ step, setInput, options }: StepFormProps<'IF_ELSE'>) {
  const branches = step.settings.input.branches;
  return (
    <>
      {branches.map((b, i) =>
        b.filter ? (
          <div key={b.id} className="branch">
            <FilterBuilder
              label={i === 0 ? 'If' : `Else if (${i})`}
              value={b.filter}
              options={options}
              onChange={(filter) => setInput({ branches: branches.map((x) => (x.id === b.id ? { ...x, filter } : x)) })}
            />
            {i > 0 && (
              <button
                type="button"
                className="small danger"
                onClick={() => setInput({ branches: branches.filter((x) => x.id !== b.id) })}
              >
                Remove this branch
              </button>
            )}
          </div>
        ) : (
          <p key={b.id} className="muted">
            Else: when no branch above matches.
          </p>
        ),
      )}
      <button
        type="button"
        className="small"
        onClick={() => {
          let n = branches.length;
          while (branches.some((b) => b.id === `branch-${n}`)) n++;
          const elseAt = branches.findIndex((b) => !b.filter);
          const added = { id: `branch-${n}`, filter: emptyFilter(), nextStepIds: [] };
          setInput({
            branches:
              elseAt < 0 ? [...branches, added] : [...branches.slice(0, elseAt), added, ...branches.slice(elseAt)],
          });
        }}
      >
        + Else if
      </button>
    </>
  );
}
