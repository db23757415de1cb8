import { OPERANDS, type FilterCondition, type FilterGroup, type Operand } from '../../schema/filter';
import { FIELD_TYPES, type FieldMetadata, type FieldType, type ObjectMetadata } from '../../schema/objectMetadata';
import { fieldType } from '../../schema/fieldTypes';
import { isFilterGroup } from '../../schema/filterTree';
import { isVariableReference } from '../../engine/resolver';
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
              conditions: [...value.conditions, newCondition(object, options)],
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

/** A field (or a part of a composite field) a condition can compare, with what decides its operators. */
interface FilterChoice {
  /** The condition's left side: a field path (`amount.amountMicros`) or a variable (`{{…}}`). */
  left: string;
  label: string;
  group: string;
  type: string;
  subField?: string;
  field?: FieldMetadata;
}

/** Parts offered instead of the whole field (a currency's amount and code), else none. */
function filterParts(type: FieldType) {
  return (fieldType(type).parts ?? []).filter((p) => p.filter);
}

/** The fields of an object as filter choices (record searches and trigger conditions). */
function objectChoices(object: ObjectMetadata): FilterChoice[] {
  const out: FilterChoice[] = [{ left: 'id', label: 'Id', group: object.labelSingular, type: 'UUID' }];
  for (const f of object.fields) {
    const parts = filterParts(f.type);
    const part = (key: string, label: string) =>
      out.push({
        left: `${f.name}.${key}`,
        label: `${f.label} › ${label}`,
        group: object.labelSingular,
        type: f.type,
        subField: key,
        field: f,
      });
    if (parts.length > 0) {
      for (const p of parts) part(p.key, p.filter!.label);
      continue;
    }
    out.push({ left: f.name, label: f.label, group: object.labelSingular, type: f.type, field: f });
    // A composite's named parts as sub-choices (a name's first name, a link's URL…).
    for (const p of fieldType(f.type).parts ?? []) if (p.variable) part(p.key, p.variable);
  }
  return out;
}

/** The record fields among the variables (the trigger's record, found or created records) as filter choices. */
function variableChoices(options: VariableOption[]): FilterChoice[] {
  const out: FilterChoice[] = [];
  for (const o of options) {
    if (!o.fieldType) continue;
    const parts = o.field ? filterParts(o.field.type) : [];
    const part = o.subField ? parts.find((p) => p.key === o.subField) : undefined;
    if (parts.length > 0 && !part) continue; // the whole currency: its amount and code are offered instead
    out.push({
      left: `{{${o.path}}}`,
      label: part ? o.label.replace(/›[^›]*$/, `› ${part.filter!.label}`) : o.label,
      group: o.group,
      type: o.fieldType,
      subField: o.subField,
      field: o.field,
    });
  }
  return out;
}

/** The operators that fit a field (Twenty's sets, with Localflow's strict comparisons); any for a free value. */
export function operandsFor(type: string | undefined, subField?: string): readonly Operand[] {
  if (type === 'UUID') return ['IS', 'IS_NOT', 'IS_EMPTY', 'IS_NOT_EMPTY'];
  if (!type || !(FIELD_TYPES as readonly string[]).includes(type)) return OPERANDS;
  const def = fieldType(type as FieldType);
  return def.parts?.find((p) => p.key === subField)?.filter?.operands ?? def.operands;
}

function newCondition(object: ObjectMetadata | undefined, options: VariableOption[]): FilterCondition {
  const first = object ? objectChoices(object)[1] : variableChoices(options)[0];
  if (!first) return { left: '', operand: 'IS', right: '' };
  return withChoice({ left: '', operand: 'IS', right: '' }, first);
}

function withChoice(c: FilterCondition, choice: FilterChoice): FilterCondition {
  const operands = operandsFor(choice.type, choice.subField);
  const next: FilterCondition = {
    ...c,
    left: choice.left,
    type: choice.type,
    operand: operands.includes(c.operand) ? c.operand : operands[0],
    right: '',
  };
  if (choice.subField) next.subField = choice.subField;
  else delete next.subField;
  delete next.fieldMetadataId;
  if (choice.field) next.label = choice.field.label;
  return next;
}

const OTHER = '__other';
const RELATIVE = /^(PAST|NEXT|THIS)_(\d+)_([A-Z]+?)S?$/;
const UNITS = ['MINUTE', 'HOUR', 'DAY', 'WEEK', 'MONTH', 'YEAR'] as const;
const UNIT_WORDS: Record<string, string> = {
  MINUTE: 'minutes',
  HOUR: 'hours',
  DAY: 'days',
  WEEK: 'weeks',
  MONTH: 'months',
  YEAR: 'years',
};

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
  const choices = object ? objectChoices(object) : variableChoices(options);
  const chosen = choices.find((c) => c.left === condition.left.trim());
  const free = !object && !chosen;
  const operands = chosen ? operandsFor(chosen.type, chosen.subField) : operandsFor(condition.type, condition.subField);
  const groups = [...new Set(choices.map((c) => c.group))];
  return (
    <div className="filter-condition" role="group" aria-label={name}>
      <select
        aria-label={`${name}: field`}
        value={chosen ? chosen.left : OTHER}
        onChange={(e) => {
          const choice = choices.find((c) => c.left === e.target.value);
          if (choice) onChange(withChoice(condition, choice));
          else onChange({ ...condition, left: '', type: 'unknown', subField: undefined });
        }}
      >
        {!object && !chosen && <option value={OTHER}>A value or variable…</option>}
        {groups.map((g) => (
          <optgroup key={g} label={g}>
            {choices
              .filter((c) => c.group === g)
              .map((c) => (
                <option key={c.left} value={c.left}>
                  {object ? c.label : c.label.slice(g.length + 3) || c.label}
                </option>
              ))}
          </optgroup>
        ))}
        {!object && chosen && <option value={OTHER}>A value or variable…</option>}
      </select>
      {free && (
        <VariableInput
          label={`${name}: value`}
          labelHidden
          placeholder="A variable or a value"
          value={condition.left}
          onChange={(v) => onChange({ ...condition, left: v })}
          options={options}
        />
      )}
      <select
        aria-label={`${name}: operand`}
        value={condition.operand}
        onChange={(e) => onChange({ ...condition, operand: e.target.value as Operand, right: '' })}
      >
        {(operands.includes(condition.operand) ? operands : [condition.operand, ...operands]).map((o) => (
          <option key={o} value={o}>
            {OPERAND_LABELS[o]}
          </option>
        ))}
      </select>
      {!NO_RIGHT.includes(condition.operand) && (
        <ConditionValue
          name={name}
          condition={condition}
          choice={chosen}
          options={options}
          onChange={(right) => onChange({ ...condition, right })}
        />
      )}
      <button type="button" className="small danger" aria-label={`Remove ${name}`} onClick={onRemove}>
        ✕
      </button>
    </div>
  );
}

/** The right side, in the input that fits the field: its options, yes/no, an amount in units, a relative date. */
function ConditionValue({
  name,
  condition,
  choice,
  options,
  onChange,
}: {
  name: string;
  condition: FilterCondition;
  choice?: FilterChoice;
  options: VariableOption[];
  onChange: (right: string) => void;
}) {
  const label = `${name}: compared with`;
  const right = String(condition.right ?? '');
  const variable = isVariableReference(right);
  const part = choice?.field && fieldType(choice.field.type).parts?.find((p) => p.key === choice.subField);
  if (!variable && choice?.field?.options && (choice.type === 'SELECT' || choice.type === 'MULTI_SELECT'))
    return (
      <select aria-label={label} value={right} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose…</option>
        {choice.field.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  if (!variable && choice?.type === 'BOOLEAN')
    return (
      <select aria-label={label} value={right} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose…</option>
        <option value="true">Yes</option>
        <option value="false">No</option>
      </select>
    );
  if (!variable && part?.filter?.micros)
    return (
      <label className="inline">
        <input
          type="number"
          aria-label={label}
          step="any"
          value={right === '' ? '' : Number(right) / 1e6}
          onChange={(e) => onChange(e.target.value === '' ? '' : String(Math.round(Number(e.target.value) * 1e6)))}
        />
        <span className="muted small">in units of its currency</span>
      </label>
    );
  if (condition.operand === 'IS_RELATIVE') {
    const m = RELATIVE.exec(right) ?? [right, 'PAST', '7', 'DAY'];
    const set = (direction: string, count: string, unit: string) => onChange(`${direction}_${count}_${unit}`);
    return (
      <span className="inputs-row">
        <select aria-label={`${label}: direction`} value={m[1]} onChange={(e) => set(e.target.value, m[2], m[3])}>
          <option value="PAST">the past</option>
          <option value="NEXT">the next</option>
          <option value="THIS">this</option>
        </select>
        <input
          type="number"
          min={1}
          aria-label={`${label}: how many`}
          value={m[2]}
          onChange={(e) => set(m[1], e.target.value || '1', m[3])}
        />
        <select aria-label={`${label}: unit`} value={m[3]} onChange={(e) => set(m[1], m[2], e.target.value)}>
          {UNITS.map((u) => (
            <option key={u} value={u}>
              {UNIT_WORDS[u]}
            </option>
          ))}
        </select>
      </span>
    );
  }
  return (
    <VariableInput
      label={label}
      labelHidden
      placeholder={
        choice?.type === 'DATE' || choice?.type === 'DATE_TIME'
          ? 'A date (2026-12-31) or a variable'
          : 'A value or a variable'
      }
      value={right}
      onChange={onChange}
      options={options}
    />
  );
}
