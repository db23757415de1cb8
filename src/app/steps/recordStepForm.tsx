import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import type { StepOfType, StepType } from '../../schema/workflow';
import { VariableInput } from '../editor/VariableInput';
import type { StepFormProps } from './types';
import { ObjectSelect, RecordFields, text } from '../editor/formWidgets';

type RecordStepType = Extract<StepType, 'CREATE_RECORD' | 'UPDATE_RECORD' | 'UPSERT_RECORD' | 'DELETE_RECORD'>;

/** The form the four record-writing steps share: the object, which record, its fields, what to match on. */
export function RecordStepForm<T extends RecordStepType>(props: StepFormProps<T>) {
  const { setInput, objects, byName, options } = props;
  const step = props.step as StepOfType<RecordStepType>;
  const input = step.settings.input as {
    objectName: string;
    objectRecordId?: string;
    objectRecord?: Record<string, unknown>;
    matchFields?: string[];
  };
  const meta = byName.get(input.objectName);
  return (
    <>
      <ObjectSelect
        value={input.objectName}
        objects={objects}
        onChange={(objectName) =>
          setInput({ ...input, objectName, ...(step.type === 'DELETE_RECORD' ? {} : { objectRecord: {} }) })
        }
      />
      {(step.type === 'UPDATE_RECORD' || step.type === 'DELETE_RECORD') && (
        <VariableInput
          label={t`Record`}
          placeholder="{{trigger.recordId}}"
          value={text(input.objectRecordId)}
          options={options}
          onChange={(objectRecordId) => setInput({ ...input, objectRecordId })}
        />
      )}
      {step.type !== 'DELETE_RECORD' && (
        <RecordFields
          meta={meta}
          value={input.objectRecord ?? {}}
          options={options}
          onChange={(objectRecord) => setInput({ ...input, objectRecord })}
        />
      )}
      {step.type === 'UPSERT_RECORD' && (
        <label className="stacked">
          <Trans>Match on (comma-separated fields)</Trans>
          <input
            value={(input.matchFields ?? []).join(', ')}
            onChange={(e) =>
              setInput({
                ...input,
                matchFields: e.target.value
                  .split(',')
                  .map((s) => s.trim())
                  .filter(Boolean),
              })
            }
          />
        </label>
      )}
    </>
  );
}
