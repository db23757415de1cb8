import { z } from 'zod';

/**
 * Filters, stored as Twenty stores them: flat lists of groups and conditions that point to their
 * group (`stepFilterGroups` / `stepFilters` in FILTER and IF_ELSE steps and record triggers,
 * `recordFilterGroups` / `recordFilters` in FIND_RECORDS). The editor edits them as a tree
 * (`FilterGroup`), converted in `./filterTree`.
 */

/** Twenty's operands (ViewFilterOperand), then the ones Localflow adds. */
export const TWENTY_OPERANDS = [
  'IS',
  'IS_NOT_NULL',
  'IS_NOT',
  'LESS_THAN_OR_EQUAL',
  'GREATER_THAN_OR_EQUAL',
  'IS_BEFORE',
  'IS_AFTER',
  'CONTAINS',
  'DOES_NOT_CONTAIN',
  'IS_EMPTY',
  'IS_NOT_EMPTY',
  'IS_RELATIVE',
  'IS_IN_PAST',
  'IS_IN_FUTURE',
  'IS_TODAY',
] as const;
export const LOCALFLOW_OPERANDS = ['STARTS_WITH', 'ENDS_WITH', 'GREATER_THAN', 'LESS_THAN'] as const;
export const OPERANDS = [...TWENTY_OPERANDS, ...LOCALFLOW_OPERANDS] as const;
export const Operand = z.enum(OPERANDS);
export type Operand = z.infer<typeof Operand>;

/** Twenty's older operand names (ViewFilterOperandDeprecated and before), read on import. */
const LEGACY_OPERANDS: Record<string, Operand> = {
  Is: 'IS',
  IsNotNull: 'IS_NOT_NULL',
  IsNot: 'IS_NOT',
  LessThanOrEqual: 'LESS_THAN_OR_EQUAL',
  GreaterThanOrEqual: 'GREATER_THAN_OR_EQUAL',
  LessThan: 'LESS_THAN',
  GreaterThan: 'GREATER_THAN',
  IsBefore: 'IS_BEFORE',
  IsAfter: 'IS_AFTER',
  Contains: 'CONTAINS',
  DoesNotContain: 'DOES_NOT_CONTAIN',
  IsEmpty: 'IS_EMPTY',
  IsNotEmpty: 'IS_NOT_EMPTY',
  IsRelative: 'IS_RELATIVE',
  IsInPast: 'IS_IN_PAST',
  IsInFuture: 'IS_IN_FUTURE',
  IsToday: 'IS_TODAY',
  IS_EXACTLY: 'IS',
  IS_NOT_EXACTLY: 'IS_NOT',
  isEmpty: 'IS_EMPTY',
  isNotEmpty: 'IS_NOT_EMPTY',
  is: 'IS',
  isNot: 'IS_NOT',
  contains: 'CONTAINS',
  doesNotContain: 'DOES_NOT_CONTAIN',
  greaterThan: 'GREATER_THAN',
  lessThan: 'LESS_THAN',
  greaterThanOrEqual: 'GREATER_THAN_OR_EQUAL',
  lessThanOrEqual: 'LESS_THAN_OR_EQUAL',
  isBefore: 'IS_BEFORE',
  isAfter: 'IS_AFTER',
  isRelative: 'IS_RELATIVE',
  isInPast: 'IS_IN_PAST',
  isInFuture: 'IS_IN_FUTURE',
  isToday: 'IS_TODAY',
};
const AnyOperand = z.preprocess((v) => (typeof v === 'string' && LEGACY_OPERANDS[v]) || v, Operand);

/** A filter value is text in Twenty; other JSON values are written as JSON text. */
const FilterValue = z.preprocess(
  (v) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v)),
  z.string(),
);
const orNull = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === null ? undefined : v), schema.optional());
const optionalString = orNull(z.string());
const optionalNumber = orNull(z.number());

export const StepFilterGroup = z.object({
  id: z.string().min(1),
  logicalOperator: z.enum(['AND', 'OR']),
  parentStepFilterGroupId: optionalString,
  positionInStepFilterGroup: optionalNumber,
});
export type StepFilterGroup = z.infer<typeof StepFilterGroup>;

export const StepFilter = z.object({
  id: z.string().min(1),
  /** The field type it compares (Twenty's FieldMetadataType, or `unknown`): it decides the operands' meaning. */
  type: z.string().default('unknown'),
  /** What is compared: usually a `{{…}}` variable. */
  stepOutputKey: z.string(),
  operand: AnyOperand,
  /** What it is compared with (variables allowed). */
  value: FilterValue,
  stepFilterGroupId: z.string().min(1),
  positionInStepFilterGroup: optionalNumber,
  fieldMetadataId: optionalString,
  compositeFieldSubFieldName: optionalString,
});
export type StepFilter = z.infer<typeof StepFilter>;

export const StepFilters = z.object({
  stepFilterGroups: z.array(StepFilterGroup).default([]),
  stepFilters: z.array(StepFilter).default([]),
});
export type StepFilters = z.infer<typeof StepFilters>;

export const RecordFilterGroup = z.object({
  id: z.string().min(1),
  logicalOperator: z.enum(['AND', 'OR']),
  parentRecordFilterGroupId: optionalString,
  positionInRecordFilterGroup: optionalNumber,
});
export type RecordFilterGroup = z.infer<typeof RecordFilterGroup>;

export const RecordFilter = z.object({
  id: z.string().min(1),
  /** Twenty's id of the field; a workflow from Twenty carries its workspace's ids, matched by `label`. */
  fieldMetadataId: z.string().default(''),
  /** Localflow: the field's name (what Localflow matches on). */
  fieldName: optionalString,
  type: z.string().default('unknown'),
  label: z.string().default(''),
  operand: AnyOperand,
  value: FilterValue,
  displayValue: optionalString,
  subFieldName: optionalString,
  recordFilterGroupId: optionalString,
  positionInRecordFilterGroup: optionalNumber,
});
export type RecordFilter = z.infer<typeof RecordFilter>;

export const RecordFilters = z.object({
  recordFilterGroups: z.array(RecordFilterGroup).default([]),
  recordFilters: z.array(RecordFilter).default([]),
});
export type RecordFilters = z.infer<typeof RecordFilters>;

/**
 * The editor's tree. `left` is a `{{…}}` variable (step filters) or a field path such as
 * `name.firstName` (record filters); `right` may hold variables. `id`, `type` and Twenty's
 * field ids ride along so a round trip keeps them.
 */
export interface FilterCondition {
  left: string;
  operand: Operand;
  right?: unknown;
  id?: string;
  type?: string;
  fieldMetadataId?: string;
  /** A composite field's part the condition reads (Twenty's `compositeFieldSubFieldName`). */
  subField?: string;
  label?: string;
}
export interface FilterGroup {
  operator: 'AND' | 'OR';
  conditions: (FilterCondition | FilterGroup)[];
  id?: string;
}
