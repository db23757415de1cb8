import { z } from 'zod';

export const OPERANDS = [
  'IS',
  'IS_NOT',
  'CONTAINS',
  'DOES_NOT_CONTAIN',
  'STARTS_WITH',
  'ENDS_WITH',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
  'IS_BEFORE',
  'IS_AFTER',
  'IS_EMPTY',
  'IS_NOT_EMPTY',
  'IS_IN_PAST',
  'IS_IN_FUTURE',
  'IS_TODAY',
] as const;
export const Operand = z.enum(OPERANDS);
export type Operand = z.infer<typeof Operand>;

/**
 * A condition compares `left` with `right`.
 * In FILTER and IF_ELSE steps `left` is usually a `{{…}}` variable; in FIND_RECORDS and
 * trigger filters it is a field path of the record (`name.firstName`). `right` may hold variables.
 */
export interface FilterCondition {
  left: string;
  operand: Operand;
  right?: unknown;
}
export interface FilterGroup {
  operator: 'AND' | 'OR';
  conditions: (FilterCondition | FilterGroup)[];
}

export const FilterCondition: z.ZodType<FilterCondition> = z.object({
  left: z.string().min(1, 'choose what to compare'),
  operand: Operand,
  right: z.unknown().optional(),
});

export const FilterGroup: z.ZodType<FilterGroup> = z.object({
  operator: z.enum(['AND', 'OR']),
  get conditions() {
    return z.array(z.union([FilterGroup, FilterCondition]));
  },
});
