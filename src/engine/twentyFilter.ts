import { t } from '@lingui/core/macro';
import type { Operand, RecordFilter, StepFilter, StepFilters } from '../schema/filter';
import { evaluateCondition, inRelativeRange, toTime } from './filter';
import { isVariableReference } from './resolver';
import { StepError } from './steps/types';

/**
 * Filters as Twenty evaluates them: groups combine their conditions and sub-groups with AND/OR
 * (an empty group passes), and each condition reads its operand by the field `type` it was
 * written for (Twenty's workflow filter semantics: text is compared as written, dates by UTC
 * calendar day, select values by membership, booleans from "true"/"false"…). A condition
 * without a type (`unknown`, as Localflow's version 1 wrote them) keeps Localflow's own
 * type-free reading (`evaluateCondition`).
 */

export interface ResolvedCondition {
  type: string;
  operand: Operand;
  left: unknown;
  right: unknown;
  subField?: string;
}

/** Twenty reads a comparison with a variable that resolves to nothing as an emptiness test. */
const EMPTINESS: Partial<Record<Operand, Operand>> = {
  IS: 'IS_EMPTY',
  IS_NOT: 'IS_NOT_EMPTY',
  CONTAINS: 'IS_EMPTY',
  DOES_NOT_CONTAIN: 'IS_NOT_EMPTY',
};

/** Resolves one step filter's sides with the run's variables. */
export function resolveStepFilter(f: StepFilter, resolve: (v: unknown) => unknown): ResolvedCondition {
  const right = resolve(f.value);
  const operand = isVariableReference(f.value) && right === null ? (EMPTINESS[f.operand] ?? f.operand) : f.operand;
  return { type: f.type, operand, left: resolve(f.stepOutputKey), right, subField: f.compositeFieldSubFieldName };
}

/** Whether a FILTER step, an if/else branch (`rootId`) or a trigger's conditions pass. */
export function evaluateStepFilters(
  filters: StepFilters,
  resolve: (v: unknown) => unknown,
  now: number,
  rootId?: string,
): boolean {
  const groups = filters.stepFilterGroups;
  const root = rootId ? groups.find((g) => g.id === rootId) : groups.find((g) => !g.parentStepFilterGroupId);
  if (!root) {
    if (rootId) throw new StepError(t`the conditions (group "${rootId}") are missing`);
    return filters.stepFilters.every((f, i) => test(resolveStepFilter(f, resolve), now, i));
  }
  const tree = groupTree(
    groups,
    (g) => g.parentStepFilterGroupId,
    filters.stepFilters,
    (f) => f.stepFilterGroupId,
  );
  return tree(root, (f, i) => test(resolveStepFilter(f, resolve), now, i));
}

/**
 * Twenty's filter groups as a tree, read once: groups name their parent, conditions their group.
 * The evaluator combines a group's conditions and sub-groups with its AND/OR, in that order and
 * lazily; an empty group passes. `holds` gets each condition with its index in `conditions`.
 */
export function groupTree<G extends { id: string; logicalOperator: 'AND' | 'OR' }, C>(
  groups: G[],
  parentOf: (g: G) => string | undefined,
  conditions: C[],
  groupOf: (c: C) => string | undefined,
): (root: G, holds: (c: C, index: number) => boolean) => boolean {
  const subGroups = new Map<string, G[]>();
  for (const g of groups) {
    const parent = parentOf(g);
    if (parent) subGroups.set(parent, [...(subGroups.get(parent) ?? []), g]);
  }
  const members = new Map<string, [C, number][]>();
  conditions.forEach((c, i) => {
    const group = groupOf(c);
    if (group) members.set(group, [...(members.get(group) ?? []), [c, i]]);
  });
  return (root, holds) => {
    const evaluate = (group: G): boolean => {
      const results = [
        ...(members.get(group.id) ?? []).map(
          ([c, i]) =>
            () =>
              holds(c, i),
        ),
        ...(subGroups.get(group.id) ?? []).map((g) => () => evaluate(g)),
      ];
      if (results.length === 0) return true;
      return group.logicalOperator === 'AND' ? results.every((r) => r()) : results.some((r) => r());
    };
    return evaluate(root);
  };
}

function test(condition: ResolvedCondition, now: number, index: number): boolean {
  try {
    return evaluateTyped(condition, now, false);
  } catch (error) {
    const number = index + 1;
    if (error instanceof OperandError) throw new StepError(t`condition ${number}: ${error.message}`);
    throw error;
  }
}

/** A record filter's condition against one record (its sides already resolved). */
export function recordConditionHolds(f: RecordFilter, left: unknown, right: unknown, now: number): boolean {
  try {
    // Twenty evaluates record filters in SQL, where text contains/is ignore case (ILIKE).
    return evaluateTyped({ type: f.type, operand: f.operand, left, right, subField: f.subFieldName }, now, true);
  } catch (error) {
    if (error instanceof OperandError) {
      const field = f.label || f.fieldName;
      throw new StepError(
        field ? t`condition on ${field}: ${error.message}` : t`condition on a field: ${error.message}`,
      );
    }
    throw error;
  }
}

class OperandError extends Error {}
const unsupported = (operand: Operand, type: string): never => {
  const words = operand.toLowerCase().replace(/_/g, ' ');
  throw new OperandError(t`"${words}" cannot be used on a ${type} value`);
};

const isNonEmptyString = (v: unknown) => typeof v === 'string' && v.length > 0;
const isNonEmptyTextOrArray = (v: unknown) => isNonEmptyString(v) || (Array.isArray(v) && v.length > 0);
const defined = (v: unknown) => v !== null && v !== undefined;

/** Twenty's `contains`: arrays overlap; text includes; a JSON list on the right means any of it. */
export function contains(left: unknown, right: unknown, ignoreCase = false): boolean {
  const fold = (v: unknown) => (ignoreCase && typeof v === 'string' ? v.toLowerCase() : v);
  if (Array.isArray(left) && Array.isArray(right)) return left.some((l) => right.map(fold).includes(fold(l)));
  if ((Array.isArray(left) || typeof left === 'string') && typeof right === 'string') {
    const l = Array.isArray(left) ? left.map(fold) : String(fold(left));
    const has = (item: unknown) =>
      Array.isArray(l) ? l.includes(fold(item)) : l.includes(String(fold(typeof item === 'string' ? item : item)));
    try {
      const parsed: unknown = JSON.parse(right);
      return Array.isArray(parsed) ? parsed.some(has) : has(parsed);
    } catch {
      return has(right);
    }
  }
  return String(fold(String(left)) ?? '').includes(String(fold(String(right))));
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function parseBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  return undefined;
}

const utcDay = (t: number) => new Date(t).toISOString().slice(0, 10);

function numberFilter(c: ResolvedCondition): boolean {
  const [l, r] = [Number(c.left), Number(c.right)];
  switch (c.operand) {
    case 'GREATER_THAN_OR_EQUAL':
      return l >= r;
    case 'LESS_THAN_OR_EQUAL':
      return l <= r;
    case 'GREATER_THAN':
      return l > r;
    case 'LESS_THAN':
      return l < r;
    case 'IS':
      return l === r;
    case 'IS_NOT':
      return l !== r;
    case 'IS_EMPTY':
      return !defined(c.left) || c.left === '';
    case 'IS_NOT_EMPTY':
      return defined(c.left) && c.left !== '';
    default:
      return unsupported(c.operand, 'number');
  }
}

function dateFilter(c: ResolvedCondition, now: number): boolean {
  if (c.operand === 'IS_EMPTY') return !defined(c.left) || c.left === '';
  if (c.operand === 'IS_NOT_EMPTY') return defined(c.left) && c.left !== '';
  const left = toTime(c.left);
  if (left === null) return false;
  const right = () => toTime(c.right);
  switch (c.operand) {
    case 'IS': {
      const r = right();
      return r !== null && utcDay(left) === utcDay(r);
    }
    case 'IS_IN_PAST':
      return left < now;
    case 'IS_IN_FUTURE':
      return left > now;
    case 'IS_TODAY':
      return utcDay(left) === utcDay(now);
    case 'IS_BEFORE': {
      const r = right();
      return r !== null && left < r;
    }
    case 'IS_AFTER': {
      const r = right();
      return r !== null && left > r;
    }
    case 'IS_RELATIVE':
      return inRelativeRange(left, c.right, now);
    default:
      return unsupported(c.operand, 'date');
  }
}

function textFilter(c: ResolvedCondition, ignoreCase: boolean): boolean {
  // An empty text or list on the right stands for "no value", as Twenty writes it.
  const rightIsNothing = c.right === '' || (Array.isArray(c.right) && c.right.length === 0) || c.right === '[]';
  const fold = (v: unknown) => (ignoreCase && typeof v === 'string' ? v.toLowerCase() : v);
  switch (c.operand) {
    case 'CONTAINS':
      return contains(c.left, c.right, ignoreCase) || (rightIsNothing && !isNonEmptyTextOrArray(c.left));
    case 'DOES_NOT_CONTAIN':
      return !contains(c.left, c.right, ignoreCase) || (rightIsNothing && isNonEmptyTextOrArray(c.left));
    case 'IS':
      return deepEqual(fold(c.left), fold(c.right));
    case 'IS_NOT':
      return !deepEqual(fold(c.left), fold(c.right));
    case 'STARTS_WITH':
      return String(fold(String(c.left ?? ''))).startsWith(String(fold(String(c.right ?? ''))));
    case 'ENDS_WITH':
      return String(fold(String(c.left ?? ''))).endsWith(String(fold(String(c.right ?? ''))));
    case 'IS_EMPTY':
      return !isNonEmptyTextOrArray(c.left);
    case 'IS_NOT_EMPTY':
      return isNonEmptyTextOrArray(c.left);
    default:
      return unsupported(c.operand, 'text');
  }
}

function selectFilter(c: ResolvedCondition, ignoreCase: boolean): boolean {
  switch (c.operand) {
    case 'IS':
      return contains(c.left, c.right, ignoreCase);
    case 'IS_NOT':
      return !contains(c.left, c.right, ignoreCase);
    case 'IS_EMPTY':
      return !isNonEmptyTextOrArray(c.left);
    case 'IS_NOT_EMPTY':
      return isNonEmptyTextOrArray(c.left);
    default:
      return unsupported(c.operand, 'select');
  }
}

const idOf = (v: unknown): unknown => {
  if (typeof v === 'string' && v.trim().startsWith('{')) {
    try {
      return idOf(JSON.parse(v));
    } catch {
      return v;
    }
  }
  if (v && typeof v === 'object') {
    const o = v as { id?: unknown; selectedRecordIds?: unknown };
    if (Array.isArray(o.selectedRecordIds)) return o.selectedRecordIds;
    if ('id' in o) return o.id;
  }
  return v;
};

function relationFilter(c: ResolvedCondition): boolean {
  const left = idOf(c.left);
  const right = idOf(c.right);
  const same = Array.isArray(right) ? right.includes(left) : left === right;
  switch (c.operand) {
    case 'IS':
      return same;
    case 'IS_NOT':
      return !same;
    case 'IS_EMPTY':
      return !isNonEmptyString(left);
    case 'IS_NOT_EMPTY':
      return isNonEmptyString(left);
    default:
      return unsupported(c.operand, 'relation');
  }
}

function ratingRank(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v) {
    const m = /^RATING_(\d+)$/.exec(v);
    if (m) return Number(m[1]);
    const n = Number(v);
    if (Number.isFinite(n)) return n;
  }
  return undefined;
}

function ratingFilter(c: ResolvedCondition): boolean {
  const [l, r] = [ratingRank(c.left), ratingRank(c.right)];
  switch (c.operand) {
    case 'IS':
      return l !== undefined && l === r;
    case 'IS_NOT':
      return l === undefined || l !== r;
    case 'GREATER_THAN_OR_EQUAL':
      return l !== undefined && r !== undefined && l >= r;
    case 'LESS_THAN_OR_EQUAL':
      return l !== undefined && r !== undefined && l <= r;
    case 'IS_EMPTY':
      return l === undefined;
    case 'IS_NOT_EMPTY':
      return l !== undefined;
    default:
      return unsupported(c.operand, 'rating');
  }
}

function booleanFilter(c: ResolvedCondition): boolean {
  const same = parseBoolean(c.left) === parseBoolean(c.right);
  if (c.operand === 'IS') return same;
  if (c.operand === 'IS_NOT') return !same;
  return unsupported(c.operand, 'yes/no');
}

/** An id compared with an id, or with a record a variable names (`{{trigger.properties.after.company}}`): by its id. */
function uuidFilter(c: ResolvedCondition): boolean {
  const [left, right] = [idOf(c.left), idOf(c.right)];
  switch (c.operand) {
    case 'IS':
      return left === right;
    case 'IS_NOT':
      return left !== right;
    case 'IS_EMPTY':
      return !isNonEmptyString(c.left);
    case 'IS_NOT_EMPTY':
      return isNonEmptyString(c.left);
    default:
      return unsupported(c.operand, 'id');
  }
}

function defaultFilter(c: ResolvedCondition): boolean {
  switch (c.operand) {
    case 'IS':
      // Twenty compares untyped values loosely.
      return c.left == c.right;
    case 'IS_NOT':
      return c.left != c.right;
    case 'IS_EMPTY':
      return !isNonEmptyTextOrArray(c.left);
    case 'IS_NOT_EMPTY':
      return isNonEmptyTextOrArray(c.left);
    case 'CONTAINS':
      return contains(c.left, c.right);
    case 'DOES_NOT_CONTAIN':
      return !contains(c.left, c.right);
    case 'GREATER_THAN_OR_EQUAL':
    case 'LESS_THAN_OR_EQUAL':
    case 'GREATER_THAN':
    case 'LESS_THAN':
      return numberFilter(c);
    default:
      return unsupported(c.operand, c.type);
  }
}

/** One condition, read by its field type. */
export function evaluateTyped(c: ResolvedCondition, now: number, ignoreCase: boolean): boolean {
  if (c.operand === 'IS_NOT_NULL') return defined(c.left);
  switch (c.type) {
    case 'unknown':
    case '':
      return evaluateCondition(c.operand, c.left, c.right, now);
    case 'NUMBER':
    case 'NUMERIC':
    case 'number':
      return numberFilter(c);
    case 'DATE':
    case 'DATE_TIME':
      return dateFilter(c, now);
    case 'TEXT':
    case 'string':
    case 'MULTI_SELECT':
    case 'FULL_NAME':
    case 'EMAILS':
    case 'PHONES':
    case 'ADDRESS':
    case 'LINKS':
    case 'ARRAY':
    case 'array':
    case 'RAW_JSON':
      return textFilter(c, ignoreCase);
    case 'SELECT':
      return selectFilter(c, ignoreCase);
    case 'BOOLEAN':
    case 'boolean':
      return booleanFilter(c);
    case 'UUID':
      return uuidFilter(c);
    case 'RATING':
      return ratingFilter(c);
    case 'RELATION':
      return relationFilter(c);
    case 'CURRENCY':
      return c.subField === 'currencyCode' ? selectFilter(c, ignoreCase) : numberFilter(c);
    case 'ACTOR':
      return c.subField === 'source'
        ? selectFilter(c, ignoreCase)
        : c.subField === 'name'
          ? textFilter(c, ignoreCase)
          : defaultFilter(c);
    default:
      return defaultFilter(c);
  }
}
