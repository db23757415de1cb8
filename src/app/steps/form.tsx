import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { VariableInput } from '../editor/VariableInput';
import { ObjectSelect, text } from '../editor/formWidgets';
import type { FormField } from '../../schema/workflow';
import { formFieldObject, formFieldOptions, formFieldRequired } from '../../schema/workflowValues';
import { newId } from '../../schema/filterTree';
import type { StepFormProps, StepUi } from './types';

export const formUi: StepUi<'FORM'> = {
  get label() {
    return t`Form`;
  },
  group: 'Human input',
  get description() {
    return t`Ask a person to fill in a form in the Inbox`;
  },
  defaultInput: () => [{ id: newId(), name: 'answer', label: t`Answer`, type: 'TEXT', settings: { required: true } }],
  Form: FormForm,
};

function FormForm({ step, setInput, setStep, objects, options }: StepFormProps<'FORM'>) {
  const fields = step.settings.input;
  const setField = (i: number, patch: Partial<FormField>) =>
    setInput(fields.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  const setSettings = (i: number, patch: NonNullable<FormField['settings']>) =>
    setField(i, { settings: { ...fields[i].settings, ...patch } });
  return (
    <>
      <p className="muted small">
        <Trans>The form's title in the Inbox is this step's name.</Trans>
      </p>
      <VariableInput
        label={t`Description`}
        multiline
        value={step.settings.description ?? ''}
        options={options}
        onChange={(description) =>
          setStep({ ...step, settings: { ...step.settings, description: description || undefined } })
        }
      />
      {fields.map((f, i) => (
        <fieldset key={i} className="record-fields" aria-label={t`Field ${i + 1}`}>
          <legend>
            <Trans>Field {i + 1}</Trans>
          </legend>
          <div className="inputs-row">
            <label className="stacked">
              <Trans>Label</Trans>
              <input value={f.label} onChange={(e) => setField(i, { label: e.target.value })} />
            </label>
            <label className="stacked">
              <Trans>Name</Trans>
              <input value={f.name} onChange={(e) => setField(i, { name: e.target.value })} />
            </label>
          </div>
          <div className="inputs-row">
            <label className="stacked">
              <Trans>Kind</Trans>
              <select value={f.type} onChange={(e) => setField(i, { type: e.target.value as FormField['type'] })}>
                <option value="TEXT">{t`Text`}</option>
                <option value="NUMBER">{t`Number`}</option>
                <option value="DATE">{t`Date`}</option>
                <option value="SELECT">{t`Select`}</option>
                <option value="MULTI_SELECT">{t`Multi-select`}</option>
                <option value="RECORD">{t`Record`}</option>
              </select>
            </label>
            <label className="inline">
              <input
                type="checkbox"
                checked={formFieldRequired(f)}
                onChange={(e) => setSettings(i, { required: e.target.checked })}
              />
              <Trans> Required</Trans>
            </label>
          </div>
          {(f.type === 'SELECT' || f.type === 'MULTI_SELECT') && (
            <label className="stacked">
              <Trans>Options (comma-separated)</Trans>
              <input
                value={formFieldOptions(f).join(', ')}
                onChange={(e) =>
                  setSettings(i, {
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
              value={formFieldObject(f) ?? objects[0]?.name ?? ''}
              objects={objects}
              onChange={(objectName) => setSettings(i, { objectName })}
            />
          )}
          <VariableInput
            label={t`Default for ${f.label || `field ${i + 1}`}`}
            value={text(f.value)}
            options={options}
            onChange={(v) => setField(i, { value: v || undefined })}
          />
          <button
            type="button"
            className="small danger"
            disabled={fields.length === 1}
            onClick={() => setInput(fields.filter((_, j) => j !== i))}
          >
            <Trans>Remove field {i + 1}</Trans>
          </button>
        </fieldset>
      ))}
      <button
        type="button"
        className="small"
        onClick={() =>
          setInput([
            ...fields,
            { id: newId(), name: `field${fields.length + 1}`, label: t`Field ${fields.length + 1}`, type: 'TEXT' },
          ])
        }
      >
        <Trans>+ Field</Trans>
      </button>
      <p className="muted small">
        <Trans>
          When a run reaches this step it waits; the form appears in the Inbox, and the answers become this step's
          output.
        </Trans>
      </p>
    </>
  );
}
