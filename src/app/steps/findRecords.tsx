import { FilterBuilder } from '../editor/FilterBuilder';
import type { StepFormProps, StepUi } from './types';
import { ObjectSelect, emptyFilter } from '../editor/formWidgets';

export const findRecordsUi: StepUi<'FIND_RECORDS'> = {
  label: 'Search records',
  group: 'Records',
  defaultInput: () => ({ objectName: 'person', filter: emptyFilter(), limit: 100 }),
  Form: FindRecordsForm,
};

function FindRecordsForm({ step, setInput, objects, byName, options }: StepFormProps<'FIND_RECORDS'>) {
  const input = step.settings.input;
  const meta = byName.get(input.objectName);
  const order = input.orderBy?.[0];
  return (
    <>
      <ObjectSelect
        value={input.objectName}
        objects={objects}
        onChange={(objectName) => setInput({ ...input, objectName, filter: emptyFilter(), orderBy: undefined })}
      />
      <FilterBuilder
        label="Conditions on the records"
        value={input.filter ?? emptyFilter()}
        object={meta}
        options={options}
        onChange={(filter) => setInput({ ...input, filter })}
      />
      <div className="inputs-row">
        <label className="stacked">
          Sort by
          <select
            value={order?.field ?? ''}
            onChange={(e) =>
              setInput({
                ...input,
                orderBy: e.target.value ? [{ field: e.target.value, direction: order?.direction ?? 'ASC' }] : undefined,
              })
            }
          >
            <option value="">Oldest first</option>
            {meta?.fields.map((f) => (
              <option key={f.name} value={f.name}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label className="stacked">
          Direction
          <select
            value={order?.direction ?? 'ASC'}
            disabled={!order}
            onChange={(e) =>
              setInput({ ...input, orderBy: [{ field: order!.field, direction: e.target.value as 'ASC' | 'DESC' }] })
            }
          >
            <option value="ASC">Ascending</option>
            <option value="DESC">Descending</option>
          </select>
        </label>
        <label className="stacked">
          Limit
          <input
            type="number"
            min={1}
            max={10000}
            value={input.limit}
            onChange={(e) => setInput({ ...input, limit: Number(e.target.value) || 1 })}
          />
        </label>
      </div>
    </>
  );
}
