import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { VariableInput } from '../editor/VariableInput';
import type { StepFormProps, StepUi } from './types';

export const delayUi: StepUi<'DELAY'> = {
  get label() {
    return t`Delay`;
  },
  group: 'Flow',
  get description() {
    return t`Wait for a time, or until a date`;
  },
  defaultInput: () => ({ delayType: 'DURATION', duration: { days: 0, hours: 0, minutes: 5, seconds: 0 } }),
  Form: DelayForm,
};

function DelayForm({ step, setInput, options }: StepFormProps<'DELAY'>) {
  const input = step.settings.input;
  return (
    <>
      <label className="stacked">
        <Trans>Wait</Trans>
        <select
          value={input.delayType}
          onChange={(e) =>
            setInput(
              e.target.value === 'DURATION'
                ? { delayType: 'DURATION', duration: { days: 0, hours: 0, minutes: 5, seconds: 0 } }
                : { delayType: 'SCHEDULED_DATE', scheduledDateTime: '' },
            )
          }
        >
          <option value="DURATION">{t`for a duration`}</option>
          <option value="SCHEDULED_DATE">{t`until a date`}</option>
        </select>
      </label>
      {input.delayType === 'DURATION' ? (
        <div className="inputs-row">
          {(['days', 'hours', 'minutes', 'seconds'] as const).map((unit) => (
            <label key={unit} className="stacked">
              {unit[0].toUpperCase() + unit.slice(1)}
              <input
                type={typeof input.duration?.[unit] === 'string' ? 'text' : 'number'}
                min={0}
                value={input.duration?.[unit] ?? 0}
                onChange={(e) =>
                  setInput({
                    ...input,
                    duration: {
                      ...input.duration,
                      [unit]: e.target.value.includes('{{') ? e.target.value : Math.max(0, Number(e.target.value) || 0),
                    },
                  })
                }
              />
            </label>
          ))}
        </div>
      ) : (
        <VariableInput
          label={t`Date and time`}
          placeholder={t`2027-01-31T09:00:00Z or a variable`}
          value={input.scheduledDateTime ?? ''}
          options={options}
          onChange={(scheduledDateTime) => setInput({ ...input, scheduledDateTime })}
        />
      )}
    </>
  );
}
