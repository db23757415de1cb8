import { OPERANDS, type FilterCondition, type FilterGroup, type Operand } from '../../schema/filter';
import type { ObjectMetadata } from '../../schema/objectMetadata';
import { operandsForFieldType } from '../../engine/filter';
import { isFilterGroup } from '../../schema/filterTree';
import { VariableInput } from './VariableInput';
import type { VariableOption } from './variables';

const OPERAND_LABELS: Record<Operand, string> = {
  IS: 'is',
  IS_NOT: 'is not',
  CONTAINS: 'contains',
  DOES_NOT_CONTAIN: 'does not contain',
  STARTS_WITH: 'starts with',
  ENDS_WITH: 'ends with',
  GREATER_THAN: 'greater than',
  GREATER_THAN_OR_EQUAL: 'greater than or equal',
  LESS_THAN: 'less than',
  LESS_THAN_OR_EQUAL: 'less than or equal',
  IS_BEFORE: 'is before',
  IS_AFTER: 'is after',
  IS_EMPTY: 'is empty',
  IS_NOT_EMPTY: 'is not empty',
  IS_IN_PAST: 'is in the past',
  IS_IN_FUTURE: 'is in the future',
  IS_TODAY: 'is today',
  IS_NOT_NULL: 'has a value',
  IS_RELATIVE: 'is within',
};
const NO_RIGHT: Operand[] = ['IS_EMPTY', 'IS_NOT_EMPTY', 'IS_IN_PAST', 'IS_IN_FUTURE', 'IS_TODAY'];

/**
 * Nested AND/OR groups of conditions. With `object`, the left side is one of its fields
 * (record filters); otherwise it is a value or variable (step filters).
 */
export function FilterBuilder({
  value,
  onChange,
  options,
  object,
  label,
  depth = 0,
}: {
  value: FilterGroup;
  onChange: (v: FilterGroup) => void;
  options: VariableOption[];
  object?: ObjectMetadata;
  label: string;
  depth?: number;
}) {
  const set = (i: number, item: FilterCondition | FilterGroup | null) =>
    onChange({
      ...value,
      conditions: item
        ? value.conditions.map((c, j) => (j === i ? item : c))
        : value.conditions.filter((_, j) => j !== i),
    });
  return (
    <fieldset className="filter-group">
      <legend>{label}</legend>
      <label className="inline">
        Match
        <select
          aria-label={`${label}: match`}
          value={value.operator}
          onChange={(e) => onChange({ ...value, operator: e.target.value as 'AND' | 'OR' })}
        >
          <option value="AND">all conditions (AND)</option>
          <option value="OR">any condition (OR)</option>
        </select>
      </label>
      {value.conditions.map((c, i) =>
        isFilterGroup(c) ? (
          <div key={i} className="filter-nested">
            <FilterBuilder
              value={c}
              onChange={(g) => set(i, g)}
              options={options}
              object={object}
              label={`Group ${i + 1}`}
              depth={depth + 1}
            />
            <button type="button" className="small danger" onClick={() => set(i, null)}>
              Remove group {i + 1}
            </button>
          </div>
        ) : (
          <Condition
            key={i}
            index={i + 1}
            condition={c}
            onChange={(v) => set(i, v)}
            onRemove={() => set(i, null)}
            options={options}
            object={object}
            group={label}
          />
        ),
      )}
      <div className="toolbar">
        <button
          type="button"
          className="small"
          onClick={() =>
            onChange({
              ...value,
              conditions: [
                ...value.conditions,
                { left: object ? (object.fields[0]?.name ?? 'id') : '', operand: 'IS', right: '' },
              ],
            })
          }
        >
          + Condition
        </button>
        {depth < 2 && (
          <button
            type="button"
            className="small"
            onClick={() =>
              onChange({
                ...value,
                conditions: [
                  ...value.conditions,
                  { operator: value.operator === 'AND' ? 'OR' : 'AND', conditions: [] },
                ],
              })
            }
          >
            + Group
          </button>
        )}
      </div>
    </fieldset>
  );
}

function Condition({
  index,
  condition,
  onChange,
  onRemove,
  options,
  object,
  group,
}: {
  index: number;
  condition: FilterCondition;
  onChange: (c: FilterCondition) => void;
  onRemove: () => void;
  options: VariableOption[];
  object?: ObjectMetadata;
  group: string;
}) {
  const name = `${group}, condition ${index}`;
  const field = object?.fields.find((f) => f.name === condition.left.split('.')[0]);
  const operands = field ? operandsForFieldType(field.type) : [...OPERANDS];
  return (
    <div className="filter-condition" role="group" aria-label={name}>
      {object ? (
        <select
          aria-label={`${name}: field`}
          value={condition.left}
          onChange={(e) => onChange({ ...condition, left: e.target.value })}
        >
          <option value="id">Id</option>
          {object.fields.map((f) => (
            <option key={f.name} value={f.name}>
              {f.label}
            </option>
          ))}
        </select>
      ) : (
        <VariableInput
          label={`${name}: value`}
          value={condition.left}
          onChange={(v) => onChange({ ...condition, left: v })}
          options={options}
        />
      )}
      <select
        aria-label={`${name}: operand`}
        value={condition.operand}
        onChange={(e) => onChange({ ...condition, operand: e.target.value as Operand })}
      >
        {operands.map((o) => (
          <option key={o} value={o}>
            {OPERAND_LABELS[o]}
          </option>
        ))}
      </select>
      {!NO_RIGHT.includes(condition.operand) && (
        <VariableInput
          label={`${name}: compared with`}
          value={String(condition.right ?? '')}
          onChange={(v) => onChange({ ...condition, right: v })}
          options={options}
        />
      )}
      <button type="button" className="small danger" aria-label={`Remove ${name}`} onClick={onRemove}>
        ✕
      </button>
    </div>
  );
}
