import { fieldType } from '../schema/fieldTypes';
import type { FieldType } from '../schema/objectMetadata';
import type { Operand } from '../schema/filter';

/**
 * Localflow's own reading of a condition, for conditions written without a field type (see
 * `twentyFilter.ts` for the groups and the typed reading). Values may be plain or Twenty
 * composites (full name, emails, phones, links, currency, address); each operand reads them
 * the way a person would (a full name "contains" its first or last name).
 */

export function evaluateCondition(operand: Operand, left: unknown, right: unknown, now: number): boolean {
  switch (operand) {
    case 'IS':
      return isEqual(left, right);
    case 'IS_NOT':
      return !isEqual(left, right);
    case 'CONTAINS':
      return textOf(left).toLowerCase().includes(textOf(right).toLowerCase()) || arrayHas(left, right);
    case 'DOES_NOT_CONTAIN':
      return !(textOf(left).toLowerCase().includes(textOf(right).toLowerCase()) || arrayHas(left, right));
    case 'STARTS_WITH':
      return textOf(left).toLowerCase().startsWith(textOf(right).toLowerCase());
    case 'ENDS_WITH':
      return textOf(left).toLowerCase().endsWith(textOf(right).toLowerCase());
    case 'GREATER_THAN':
      return compare(left, right, (a, b) => a > b);
    case 'GREATER_THAN_OR_EQUAL':
      return compare(left, right, (a, b) => a >= b);
    case 'LESS_THAN':
      return compare(left, right, (a, b) => a < b);
    case 'LESS_THAN_OR_EQUAL':
      return compare(left, right, (a, b) => a <= b);
    case 'IS_BEFORE':
      return compareDates(left, right, (a, b) => a < b);
    case 'IS_AFTER':
      return compareDates(left, right, (a, b) => a > b);
    case 'IS_NOT_NULL':
      return left !== null && left !== undefined;
    case 'IS_RELATIVE': {
      const t = toTime(left);
      return t !== null && inRelativeRange(t, right, now);
    }
    case 'IS_EMPTY':
      return isEmpty(left);
    case 'IS_NOT_EMPTY':
      return !isEmpty(left);
    case 'IS_IN_PAST': {
      const t = toTime(left);
      return t !== null && t < now;
    }
    case 'IS_IN_FUTURE': {
      const t = toTime(left);
      return t !== null && t > now;
    }
    case 'IS_TODAY': {
      const t = toTime(left);
      if (t === null) return false;
      const a = new Date(t),
        b = new Date(now);
      return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
    }
  }
}

/** Operands offered for each field type, in the order a picker shows them (see `schema/fieldTypes.ts`). */
export function operandsForFieldType(type: FieldType): Operand[] {
  return [...fieldType(type).operands];
}

/** The text a person reads in a value, composites included. */
export function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(textOf).join(' ');
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('firstName' in v || 'lastName' in v) return [v.firstName, v.lastName].filter(Boolean).join(' ');
    if ('primaryEmail' in v)
      return [v.primaryEmail, ...((v.additionalEmails as unknown[]) ?? [])].filter(Boolean).join(' ');
    if ('primaryPhoneNumber' in v)
      return [
        `${v.primaryPhoneCountryCode ?? ''}${v.primaryPhoneNumber ?? ''}`,
        ...((v.additionalPhones as unknown[]) ?? []),
      ]
        .filter(Boolean)
        .join(' ');
    if ('primaryLinkUrl' in v) return [v.primaryLinkUrl, v.primaryLinkLabel].filter(Boolean).join(' ');
    if ('amountMicros' in v)
      return v.amountMicros === null || v.amountMicros === undefined
        ? ''
        : `${Number(v.amountMicros) / 1e6} ${v.currencyCode ?? ''}`.trim();
    if ('addressCity' in v || 'addressStreet1' in v) return Object.values(v).filter(Boolean).join(' ');
    return JSON.stringify(value);
  }
  return String(value);
}

export function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object') {
    if ('amountMicros' in (value as object)) return (value as { amountMicros: unknown }).amountMicros === null;
    return textOf(value).trim() === '' || Object.keys(value).length === 0;
  }
  return false;
}

function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value && typeof value === 'object' && 'amountMicros' in value) {
    const m = (value as { amountMicros: unknown }).amountMicros;
    return m === null || m === undefined ? null : Number(m) / 1e6;
  }
  if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  return null;
}

export function toTime(value: unknown): number | null {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value) {
    const t = Date.parse(value);
    return Number.isNaN(t) ? null : t;
  }
  return null;
}

function compare(left: unknown, right: unknown, op: (a: number, b: number) => boolean): boolean {
  const a = numberOf(left),
    b = numberOf(right);
  if (a !== null && b !== null) return op(a, b);
  return compareDates(left, right, op);
}

function compareDates(left: unknown, right: unknown, op: (a: number, b: number) => boolean): boolean {
  const a = toTime(left),
    b = toTime(right);
  return a !== null && b !== null && op(a, b);
}

function arrayHas(left: unknown, right: unknown): boolean {
  if (!Array.isArray(left)) return false;
  const wanted = Array.isArray(right) ? right : [right];
  return wanted.some((w) =>
    left.some((l) => isEqual(l, w) || (l && typeof l === 'object' && (l as { id?: unknown }).id === w)),
  );
}

/** A related record stands for its id (a record event's relations hold the related record). */
const idOfRecord = (v: unknown): unknown =>
  v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { id?: unknown }).id === 'string'
    ? (v as { id: string }).id
    : v;

function isEqual(left: unknown, right: unknown): boolean {
  if (Array.isArray(left) && !Array.isArray(right)) return arrayHas(left, right);
  if (left === right) return true;
  if (typeof left === 'string' && idOfRecord(right) === left) return true;
  if (typeof right === 'string' && idOfRecord(left) === right) return true;
  if (typeof left === 'boolean' || typeof right === 'boolean') return String(left) === String(right);
  const a = numberOf(left),
    b = numberOf(right);
  if (a !== null && b !== null && (typeof left === 'number' || typeof right === 'number')) return a === b;
  if (left && typeof left === 'object' && right && typeof right === 'object')
    return JSON.stringify(left) === JSON.stringify(right);
  if (left && typeof left === 'object') return textOf(left) === textOf(right);
  if (isEmpty(left) && isEmpty(right)) return true;
  return String(left ?? '') === String(right ?? '');
}

/**
 * Twenty's relative date ranges (`PAST_7_DAY`, `NEXT_1_MONTH`, `THIS_1_WEEK`), in UTC as Twenty
 * counts them: whole units back from (or on from) now, or the current unit.
 */
export function inRelativeRange(time: number, range: unknown, now: number): boolean {
  const m = /^(PAST|NEXT|THIS)_(\d+)_(SECOND|MINUTE|HOUR|DAY|WEEK|MONTH|YEAR)S?$/i.exec(String(range ?? '').trim());
  if (!m) return false;
  const [, direction, countText, unitText] = m;
  const count = Number(countText);
  const unit = unitText.toUpperCase();
  const shift = (t: number, n: number) => {
    const d = new Date(t);
    if (unit === 'MONTH') d.setUTCMonth(d.getUTCMonth() + n);
    else if (unit === 'YEAR') d.setUTCFullYear(d.getUTCFullYear() + n);
    else d.setTime(t + n * { SECOND: 1e3, MINUTE: 6e4, HOUR: 36e5, DAY: 864e5, WEEK: 6048e5 }[unit]!);
    return d.getTime();
  };
  const startOfUnit = (t: number) => {
    const d = new Date(t);
    if (unit === 'YEAR') return Date.UTC(d.getUTCFullYear(), 0, 1);
    if (unit === 'MONTH') return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    if (unit === 'WEEK') {
      const day = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      return day - ((d.getUTCDay() + 6) % 7) * 864e5;
    }
    const size = { SECOND: 1e3, MINUTE: 6e4, HOUR: 36e5, DAY: 864e5 }[unit] ?? 864e5;
    return Math.floor(t / size) * size;
  };
  if (direction.toUpperCase() === 'PAST') return time >= shift(now, -count) && time <= now;
  if (direction.toUpperCase() === 'NEXT') return time >= now && time <= shift(now, count);
  const start = startOfUnit(now);
  return time >= start && time < shift(start, count);
}
