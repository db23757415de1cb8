import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { FilterBuilder } from '../editor/FilterBuilder';
import { ObjectSelect } from '../editor/formWidgets';
import { stepFilterTree, treeToStepFilters, isFilterGroup } from '../../schema/filterTree';
import type { FilterCondition, FilterGroup, StepFilters } from '../../schema/filter';
import type { TriggerFormProps, TriggerUi } from './types';

export const databaseEventUi: TriggerUi<'DATABASE_EVENT'> = {
  get label() {
    return t`When a record changes`;
  },
  create: (firstObject) => ({
    type: 'DATABASE_EVENT',
    name: t`Record is created`,
    settings: { eventName: `${firstObject}.created`, outputSchema: {} },
  }),
  get starts() {
    return (['created', 'updated', 'deleted', 'upserted'] as const).map((kind) => ({
      label:
        kind === 'created'
          ? t`A record is created`
          : kind === 'updated'
            ? t`A record is updated`
            : kind === 'deleted'
              ? t`A record is deleted`
              : t`A record is created or updated`,
      description:
        kind === 'updated'
          ? t`Runs when chosen fields of a record change`
          : kind === 'upserted'
            ? t`Runs on both`
            : kind === 'created'
              ? t`Runs for each record created`
              : t`Runs for each record deleted`,
      create: (firstObject: string) => ({
        type: 'DATABASE_EVENT' as const,
        name:
          kind === 'created'
            ? t`Record is created`
            : kind === 'updated'
              ? t`Record is updated`
              : kind === 'deleted'
                ? t`Record is deleted`
                : t`Record is created or updated`,
        settings: { eventName: `${firstObject}.${kind}`, outputSchema: {} },
      }),
    }));
  },
  Form: RecordEventForm,
};

function RecordEventForm({ trigger, onChange, objects }: TriggerFormProps<'DATABASE_EVENT'>) {
  const [object, kind] = trigger.settings.eventName.split('.');
  const meta = objects.find((o) => o.name === object);
  const set = (o: string, k: string) =>
    onChange({
      ...trigger,
      name: `${objects.find((x) => x.name === o)?.labelSingular ?? o} ${k === 'upserted' ? 'created or updated' : k}`,
      settings: { eventName: `${o}.${k}`, outputSchema: {} },
    });
  return (
    <>
      <ObjectSelect value={object} objects={objects} onChange={(o) => set(o, kind)} />
      <label className="stacked">
        <Trans>Event</Trans>
        <select value={kind} onChange={(e) => set(object, e.target.value)}>
          <option value="created">{t`is created`}</option>
          <option value="updated">{t`is updated`}</option>
          <option value="upserted">{t`is created or updated`}</option>
          <option value="deleted">{t`is deleted`}</option>
        </select>
      </label>
      {kind === 'updated' && meta && (
        <fieldset className="checks-column">
          <legend>
            <Trans>Only when these fields change (none: any field)</Trans>
          </legend>
          {meta.fields.map((f) => (
            <label key={f.name} className="inline">
              <input
                type="checkbox"
                checked={trigger.settings.fields?.includes(f.name) ?? false}
                onChange={(e) => {
                  const fields = new Set(trigger.settings.fields ?? []);
                  if (e.target.checked) fields.add(f.name);
                  else fields.delete(f.name);
                  onChange({ ...trigger, settings: { ...trigger.settings, fields: [...fields] } });
                }}
              />
              {f.label}
            </label>
          ))}
        </fieldset>
      )}
      <FilterBuilder
        label={t`Only records where`}
        value={triggerFilterTree(trigger.settings.filter, kind)}
        object={meta}
        options={[]}
        onChange={(tree) =>
          onChange({ ...trigger, settings: { ...trigger.settings, filter: triggerFilterLists(tree, kind) } })
        }
      />
    </>
  );
}

/** Trigger conditions name the event's record (`{{trigger.properties.after.stage}}`); the builder shows its fields. */
const recordSide = (kind: string) => `trigger.properties.${kind === 'deleted' ? 'before' : 'after'}.`;

function mapLeft(tree: FilterGroup, map: (left: string) => string): FilterGroup {
  return {
    ...tree,
    conditions: tree.conditions.map((c) =>
      isFilterGroup(c) ? mapLeft(c, map) : ({ ...c, left: map(c.left) } satisfies FilterCondition),
    ),
  };
}

function triggerFilterTree(filter: StepFilters | undefined, kind: string): FilterGroup {
  const prefix = `{{${recordSide(kind)}`;
  const tree = stepFilterTree(filter ?? { stepFilterGroups: [], stepFilters: [] });
  return mapLeft(tree, (left) =>
    left.startsWith(prefix) && left.endsWith('}}') ? left.slice(prefix.length, -2) : left,
  );
}

function triggerFilterLists(tree: FilterGroup, kind: string): StepFilters | undefined {
  if (tree.conditions.length === 0) return undefined;
  return treeToStepFilters(
    mapLeft(tree, (left) => (left && !left.includes('{{') ? `{{${recordSide(kind)}${left}}}` : left)),
  );
}
