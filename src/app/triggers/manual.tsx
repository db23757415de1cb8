import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { ObjectSelect } from '../editor/formWidgets';
import type { TriggerFormProps, TriggerUi } from './types';

export const manualUi: TriggerUi<'MANUAL'> = {
  get label() {
    return t`By hand`;
  },
  create: () => ({
    type: 'MANUAL',
    name: t`Launch manually`,
    settings: { availability: { type: 'GLOBAL' }, outputSchema: {} },
  }),
  starts: [
    {
      get label() {
        return t`Launched by hand`;
      },
      get description() {
        return t`From the workflow’s page, a record’s page or Ctrl+K`;
      },
      create: (first) => manualUi.create(first),
    },
  ],
  Form: ManualForm,
};

function ManualForm({ trigger, onChange, objects }: TriggerFormProps<'MANUAL'>) {
  const a = trigger.settings.availability;
  const first = objects[0]?.name ?? 'person';
  return (
    <>
      <label className="stacked">
        <Trans>Available</Trans>
        <select
          value={a.type}
          onChange={(e) =>
            onChange({
              ...trigger,
              settings: {
                ...trigger.settings,
                availability:
                  e.target.value === 'GLOBAL'
                    ? { type: 'GLOBAL' }
                    : {
                        type: e.target.value as 'SINGLE_RECORD' | 'BULK_RECORDS',
                        objectNameSingular: a.type === 'GLOBAL' ? first : a.objectNameSingular,
                      },
              },
            })
          }
        >
          <option value="GLOBAL">{t`from the workflow`}</option>
          <option value="SINGLE_RECORD">{t`on one record`}</option>
          <option value="BULK_RECORDS">{t`on selected records`}</option>
        </select>
      </label>
      {a.type !== 'GLOBAL' && (
        <ObjectSelect
          value={a.objectNameSingular}
          objects={objects}
          onChange={(objectNameSingular) =>
            onChange({ ...trigger, settings: { ...trigger.settings, availability: { ...a, objectNameSingular } } })
          }
        />
      )}
    </>
  );
}
