import { i18n, type MessageDescriptor } from '@lingui/core';
import { msg, t } from '@lingui/core/macro';
import { standardLabel } from '../standardLabels';
import { Trans } from '@lingui/react/macro';
import { OPERANDS, type FilterCondition, type FilterGroup, type Operand } from '../../schema/filter';
import { FIELD_TYPES, type FieldMetadata, type FieldType, type ObjectMetadata } from '../../schema/objectMetadata';
import { fieldType } from '../../schema/fieldTypes';
import { isFilterGroup } from '../../schema/filterTree';
import { isVariableReference } from '../../engine/resolver';
import { VariableInput } from './VariableInput';
import type { VariableOption } from './variables';
const OPERAND_LABELS: Record<Operand, MessageDescriptor> = {
  IS: msg`is`,
  IS_NOT: msg`is not`,
  CONTAINS: msg`contains`,
  DOES_NOT_CONTAIN: msg`does not contain`,
  STARTS_WITH: msg`starts with`,
  ENDS_WITH: msg`ends with`,
  GREATER_THAN: msg`greater than`,
  GREATER_THAN_OR_EQUAL: msg`greater than or equal`,
  LESS_THAN: msg`less than`,
  LESS_THAN_OR_EQUAL: msg`less than or equal`,
  IS_BEFORE: msg`is before`,
  IS_AFTER: msg`is after`,
  IS_EMPTY: msg`is empty`,
  IS_NOT_EMPTY: msg`is not empty`,
  IS_IN_PAST: msg`is in the past`,
  IS_IN_FUTURE: msg`is in the future`,
  IS_TODAY: msg`is today`,
  IS_NOT_NULL: msg`has a value`,
  IS_RELATIVE: msg`is within`,
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
        <Trans>Match</Trans>
        <select
          aria-label={t`${label}: match`}
          value={value.operator}
          onChange={(e) => onChange({ ...value, operator: e.target.value as 'AND' | 'OR' })}
        >
          <option value="AND">{t`all conditions (AND)`}</option>
          <option value="OR">{t`any condition (OR)`}</option>
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
              label={t`Group ${i + 1}`}
              depth={depth + 1}
            />
            <button type="button" className="small danger" onClick={() => set(i, null)}>
              <Trans>Remove group {i + 1}</Trans>
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
          <Trans>+ Condition</Trans>
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
            <Trans>+ Group</Trans>
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
  const out: FilterChoice[] = [{ left: 'id', label: t`Id`, group: object.labelSingular, type: 'UUID' }];
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
      for (const p of parts) part(p.key, standardLabel(p.filter!.label));
      continue;
    }
    out.push({ left: f.name, label: f.label, group: object.labelSingular, type: f.type, field: f });
    // A composite's named parts as sub-choices (a name's first name, a link's URL…).
    for (const p of fieldType(f.type).parts ?? []) if (p.variable) part(p.key, standardLabel(p.variable));
  }
  // Every record's dates, as in Twenty (a search bounded by them reads only that part of the index).
  out.push(
    { left: 'createdAt', label: t`Creation date`, group: object.labelSingular, type: 'DATE_TIME' },
    { left: 'updatedAt', label: t`Last update`, group: object.labelSingular, type: 'DATE_TIME' },
  );
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
      label: part ? o.label.replace(/›[^›]*$/, `› ${standardLabel(part.filter!.label)}`) : o.label,
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
const UNIT_WORDS: Record<string, MessageDescriptor> = {
  MINUTE: msg`minutes`,
  HOUR: msg`hours`,
  DAY: msg`days`,
  WEEK: msg`weeks`,
  MONTH: msg`months`,
  YEAR: msg`years`,
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
        aria-label={t`${name}: field`}
        value={chosen ? chosen.left : OTHER}
        onChange={(e) => {
          const choice = choices.find((c) => c.left === e.target.value);
          if (choice) onChange(withChoice(condition, choice));
          else onChange({ ...condition, left: '', type: 'unknown', subField: undefined });
        }}
      >
        {!object && !chosen && <option value={OTHER}>{t`A value or variable…`}</option>}
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
        {!object && chosen && <option value={OTHER}>{t`A value or variable…`}</option>}
      </select>
      {free && (
        <VariableInput
          label={t`${name}: value`}
          labelHidden
          placeholder={t`A variable or a value`}
          value={condition.left}
          onChange={(v) => onChange({ ...condition, left: v })}
          options={options}
        />
      )}
      <select
        aria-label={t`${name}: operand`}
        value={condition.operand}
        onChange={(e) => onChange({ ...condition, operand: e.target.value as Operand, right: '' })}
      >
        {(operands.includes(condition.operand) ? operands : [condition.operand, ...operands]).map((o) => (
          <option key={o} value={o}>
            {i18n._(OPERAND_LABELS[o])}
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
      <button type="button" className="small danger" aria-label={t`Remove ${name}`} onClick={onRemove}>
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
  const label = t`${name}: compared with`;
  const right = String(condition.right ?? '');
  const variable = isVariableReference(right);
  const part = choice?.field && fieldType(choice.field.type).parts?.find((p) => p.key === choice.subField);
  if (!variable && choice?.field?.options && (choice.type === 'SELECT' || choice.type === 'MULTI_SELECT'))
    return (
      <select aria-label={label} value={right} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t`Choose…`}</option>
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
        <option value="">{t`Choose…`}</option>
        <option value="true">{t`Yes`}</option>
        <option value="false">{t`No`}</option>
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
        <span className="muted small">
          <Trans>in units of its currency</Trans>
        </span>
      </label>
    );
  if (condition.operand === 'IS_RELATIVE') {
    const m = RELATIVE.exec(right) ?? [right, 'PAST', '7', 'DAY'];
    const set = (direction: string, count: string, unit: string) => onChange(`${direction}_${count}_${unit}`);
    return (
      <span className="inputs-row">
        <select aria-label={t`${label}: direction`} value={m[1]} onChange={(e) => set(e.target.value, m[2], m[3])}>
          <option value="PAST">{t`the past`}</option>
          <option value="NEXT">{t`the next`}</option>
          <option value="THIS">{t`this`}</option>
        </select>
        <input
          type="number"
          min={1}
          aria-label={t`${label}: how many`}
          value={m[2]}
          onChange={(e) => set(m[1], e.target.value || '1', m[3])}
        />
        <select aria-label={t`${label}: unit`} value={m[3]} onChange={(e) => set(m[1], m[2], e.target.value)}>
          {UNITS.map((u) => (
            <option key={u} value={u}>
              {i18n._(UNIT_WORDS[u])}
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
          ? t`A date (2026-12-31) or a variable`
          : t`A value or a variable`
      }
      value={right}
      onChange={onChange}
      options={options}
    />
  );
}
