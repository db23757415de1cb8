import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { FilterBuilder } from '../editor/FilterBuilder';
import type { StepFormProps, StepUi } from './types';
import { ObjectSelect } from '../editor/formWidgets';
import { recordFilterTree, treeToRecordFilters } from '../../schema/filterTree';
import type { StepOfType } from '../../schema/workflow';

type Input = StepOfType<'FIND_RECORDS'>['settings']['input'];
type Sort = { field: string; direction: 'ASC' | 'DESC' };

/** The first sort, by field name (Twenty's GraphQL order, else its sorts). */
function firstSort(orderBy: Input['orderBy']): Sort | undefined {
  const gql = orderBy?.gqlOperationOrderBy?.[0];
  if (gql) {
    const [field, how] = Object.entries(gql)[0] ?? [];
    if (field) return { field, direction: String(how).toLowerCase().startsWith('desc') ? 'DESC' : 'ASC' };
  }
  const sort = orderBy?.recordSorts?.find((s) => s.fieldName);
  return sort ? { field: sort.fieldName!, direction: sort.direction === 'desc' ? 'DESC' : 'ASC' } : undefined;
}

/** A sort as Twenty writes it: by field (its id when known) and as a GraphQL order. */
function orderByOf(sort: Sort | undefined, current: Input['orderBy']): Input['orderBy'] {
  if (!sort) return undefined;
  const known = current?.recordSorts?.find((s) => s.fieldName === sort.field);
  return {
    recordSorts: [{ ...known, fieldName: sort.field, direction: sort.direction === 'DESC' ? 'desc' : 'asc' }],
    gqlOperationOrderBy: [{ [sort.field]: sort.direction === 'DESC' ? 'DescNullsLast' : 'AscNullsFirst' }],
  };
}

/** Conditions from a Twenty workspace that name a field only by its id there. */
export function unmatchedConditions(input: Input): string[] {
  return (input.filter?.recordFilters ?? []).filter((f) => !f.fieldName).map((f) => f.label || f.id);
}

export const findRecordsUi: StepUi<'FIND_RECORDS'> = {
  get label() {
    return t`Search records`;
  },
  group: 'Records',
  get description() {
    return t`Find records that match conditions`;
  },
  defaultInput: () => ({ objectName: 'person', limit: 100 }),
  Form: FindRecordsForm,
  problems: (step) =>
    unmatchedConditions(step.settings.input).map((label) => ({
      field: t`Conditions on the records`,
      message: t`the condition on “${label}” names a field of a Twenty workspace: choose the field again`,
    })),
};

function FindRecordsForm({ step, setInput, objects, byName, options }: StepFormProps<'FIND_RECORDS'>) {
  const input = step.settings.input;
  const meta = byName.get(input.objectName);
  const order = firstSort(input.orderBy);
  return (
    <>
      <ObjectSelect
        value={input.objectName}
        objects={objects}
        onChange={(objectName) => setInput({ ...input, objectName, filter: undefined, orderBy: undefined })}
      />
      <FilterBuilder
        label={t`Conditions on the records`}
        value={recordFilterTree(input.filter ?? { recordFilterGroups: [], recordFilters: [] })}
        object={meta}
        options={options}
        onChange={(tree) =>
          setInput({ ...input, filter: tree.conditions.length ? treeToRecordFilters(tree) : undefined })
        }
      />
      <div className="inputs-row">
        <label className="stacked">
          <Trans>Sort by</Trans>
          <select
            value={order?.field ?? ''}
            onChange={(e) =>
              setInput({
                ...input,
                orderBy: orderByOf(
                  e.target.value ? { field: e.target.value, direction: order?.direction ?? 'ASC' } : undefined,
                  input.orderBy,
                ),
              })
            }
          >
            <option value="">{t`Oldest first`}</option>
            {meta?.fields.map((f) => (
              <option key={f.name} value={f.name}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label className="stacked">
          <Trans>Direction</Trans>
          <select
            value={order?.direction ?? 'ASC'}
            disabled={!order}
            onChange={(e) =>
              setInput({
                ...input,
                orderBy: orderByOf({ field: order!.field, direction: e.target.value as 'ASC' | 'DESC' }, input.orderBy),
              })
            }
          >
            <option value="ASC">{t`Ascending`}</option>
            <option value="DESC">{t`Descending`}</option>
          </select>
        </label>
        <label className="stacked">
          <Trans>Limit</Trans>
          <input
            type="number"
            min={1}
            max={10000}
            value={typeof input.limit === 'number' ? input.limit : 100}
            onChange={(e) => setInput({ ...input, limit: Number(e.target.value) || 1 })}
          />
        </label>
      </div>
    </>
  );
}
