import { VariableInput } from '../editor/VariableInput';
import { ObjectSelect, text } from '../editor/formWidgets';
import type { FormField } from '../../schema/workflow';
import type { StepFormProps, StepUi } from './types';

export const formUi: StepUi<'FORM'> = {
  label: 'Form',
  group: 'Human input',
  defaultInput: () => ({
    title: '',
    description: '',
    fields: [{ name: 'answer', label: 'Answer', type: 'TEXT', placeholder: '', options: [], required: true }],
  }),
  Form: FormForm,
};

function FormForm({ step, setInput, objects, options }: StepFormProps<'FORM'>) {
  const input = step.settings.input;
  const setField = (i: number, patch: Partial<FormField>) =>
    setInput({ ...input, fields: input.fields.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
  return (
    <>
      <VariableInput
        label="Form title"
        value={input.title}
        options={options}
        onChange={(title) => setInput({ ...input, title })}
      />
      <VariableInput
        label="Description"
        multiline
        value={input.description}
        options={options}
        onChange={(description) => setInput({ ...input, description })}
      />
      {input.fields.map((f, i) => (
        <fieldset key={i} className="record-fields" aria-label={`Field ${i + 1}`}>
          <legend>Field {i + 1}</legend>
          <div className="inputs-row">
            <label className="stacked">
              Label
              <input value={f.label} onChange={(e) => setField(i, { label: e.target.value })} />
            </label>
            <label className="stacked">
              Name
              <input value={f.name} onChange={(e) => setField(i, { name: e.target.value })} />
            </label>
          </div>
          <div className="inputs-row">
            <label className="stacked">
              Kind
              <select value={f.type} onChange={(e) => setField(i, { type: e.target.value as FormField['type'] })}>
                <option value="TEXT">Text</option>
                <option value="NUMBER">Number</option>
                <option value="DATE">Date</option>
                <option value="SELECT">Select</option>
                <option value="MULTI_SELECT">Multi-select</option>
                <option value="RECORD">Record</option>
              </select>
            </label>
            <label className="inline">
              <input
                type="checkbox"
                checked={f.required}
                onChange={(e) => setField(i, { required: e.target.checked })}
              />{' '}
              Required
            </label>
          </div>
          {(f.type === 'SELECT' || f.type === 'MULTI_SELECT') && (
            <label className="stacked">
              Options (comma-separated)
              <input
                value={f.options.join(', ')}
                onChange={(e) =>
                  setField(i, {
                    options: e.target.value
                      .split(',')
                      .map((o) => o.trim())
                      .filter(Boolean),
                  })
                }
              />
            </label>
          )}
          {f.type === 'RECORD' && (
            <ObjectSelect
              value={f.objectName ?? objects[0]?.name ?? ''}
              objects={objects}
              onChange={(objectName) => setField(i, { objectName })}
            />
          )}
          <VariableInput
            label={`Default for ${f.label || `field ${i + 1}`}`}
            value={text(f.defaultValue)}
            options={options}
            onChange={(v) => setField(i, { defaultValue: v || undefined })}
          />
          <button
            type="button"
            className="small danger"
            disabled={input.fields.length === 1}
            onClick={() => setInput({ ...input, fields: input.fields.filter((_, j) => j !== i) })}
          >
            Remove field {i + 1}
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="small"
        onClick={() =>
          setInput({
            ...input,
            fields: [
              ...input.fields,
              {
                name: `field${input.fields.length + 1}`,
                label: `Field ${input.fields.length + 1}`,
                type: 'TEXT',
                placeholder: '',
                options: [],
                required: false,
              },
            ],
          })
        }
      >
        + Field
      </button>
      <p className="muted small">
        When a run reaches this step it waits; the form appears in the Inbox, and the answers become this step's output.
      </p>
    </>
  );
}
