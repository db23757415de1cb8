import { t } from '@lingui/core/macro';
import { formatDate, formatDateTime, formatNumber } from '../i18n/format';
import type { Operand } from './filter';
import type { FieldMetadata, FieldType, ObjectMetadata } from './objectMetadata';

/** A record write that the object's fields refuse, with the field and the reason. */
export class RecordValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordValueError';
  }
}

/** How one part of a composite value is checked. */
export type PartKind = 'text' | 'texts' | 'amount' | 'currency' | 'links';

/** One part of a composite value (Twenty's shape): its key, its words, how it is checked. */
export interface FieldPart {
  key: string;
  kind: PartKind;
  /** Offered in the variable picker under this label (parts without one are not offered). */
  variable?: string;
  /** How filters offer it, when not as the whole field: its words, operators, and whether it is kept in millionths. */
  filter?: { label: string; operands: readonly Operand[]; micros?: true };
}

/** One sub-column of a field in CSV files. */
export interface CsvPart {
  key: string;
  label: string;
  /** A list part: comma-separated, or JSON. */
  list?: 'comma' | 'json';
  /** The sub-column's name in a CSV exported from Twenty ("Emails / Primary Email"), when it differs. */
  twentyLabel?: string;
}

/** Relation titles by record id, when known (see `app/relationTitles.ts`). */
export type Titles = ReadonlyMap<string, string>;

/**
 * Everything about one record field type, in one place: its name in Settings, how values
 * written to it are checked and normalised, how it reads as text, which filter operands fit
 * it, and its composite parts (checked on write, offered as variables, CSV sub-columns).
 * `FIELD_TYPE_DEFINITIONS` is a mapped type over the field types: a type without a
 * definition does not compile. Its input in forms is `app/components/FieldInput.tsx`
 * (a switch that must handle every type).
 */
export interface FieldTypeDefinition {
  label: string;
  operands: readonly Operand[];
  parts?: readonly FieldPart[];
  csvParts?: readonly CsvPart[];
  /**
   * A value written to the field, checked: plain text is lifted into composites ("Ada Lovelace" → a full name).
   * `prev`: the stored value, for partial composites.
   */
  normalise(field: FieldMetadata, value: NonNullable<unknown>, prev: unknown): unknown;
  /** The value as a person reads it (never empty for a value that is there). */
  format(field: FieldMetadata, value: NonNullable<unknown>, titles?: Titles): string;
}

const EMPTY: Operand[] = ['IS_EMPTY', 'IS_NOT_EMPTY'];
const TEXT_OPERANDS: Operand[] = ['IS', 'IS_NOT', 'CONTAINS', 'DOES_NOT_CONTAIN', 'STARTS_WITH', 'ENDS_WITH', ...EMPTY];
const NUMBER_OPERANDS: Operand[] = [
  'IS',
  'IS_NOT',
  'GREATER_THAN',
  'GREATER_THAN_OR_EQUAL',
  'LESS_THAN',
  'LESS_THAN_OR_EQUAL',
  ...EMPTY,
];
const DATE_OPERANDS: Operand[] = [
  'IS',
  'IS_BEFORE',
  'IS_AFTER',
  'IS_IN_PAST',
  'IS_IN_FUTURE',
  'IS_TODAY',
  'IS_RELATIVE',
  ...EMPTY,
];
const LIST_OPERANDS: Operand[] = ['CONTAINS', 'DOES_NOT_CONTAIN', ...EMPTY];

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

function fail(field: FieldMetadata, value: unknown, expected: string): never {
  const { label } = field;
  const got = JSON.stringify(value);
  throw new RecordValueError(t`field "${label}" expects ${expected}, got ${got}`);
}

/** ISO 4217 codes the runtime knows (all modern browsers and Node), when it can list them. */
const CURRENCIES: Set<string> | null = (() => {
  const list = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('currency');
  return list?.length ? new Set(list) : null;
})();

function checkPart(field: FieldMetadata, part: string, kind: PartKind, value: unknown): unknown {
  const bad = (expected: string): never => {
    const { label } = field;
    const got = JSON.stringify(value);
    throw new RecordValueError(t`field "${label}" expects ${part} to be ${expected}, got ${got}`);
  };
  if (value === null || value === undefined)
    return kind === 'texts' || kind === 'links' ? [] : kind === 'amount' ? null : '';
  switch (kind) {
    case 'text':
      return typeof value === 'string' || typeof value === 'number' ? String(value) : bad(t`text`);
    case 'texts':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : bad(t`a list of texts`);
    case 'amount': {
      if (value === '') return null;
      const n =
        typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return Number.isFinite(n) ? n : bad(t`a number`);
    }
    case 'currency': {
      const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
      return /^[A-Z]{3}$/.test(code) && (!CURRENCIES || CURRENCIES.has(code))
        ? code
        : bad(t`a currency code such as USD or EUR`);
    }
    case 'links':
      return Array.isArray(value) &&
        value.every(
          (l) => isObject(l) && typeof l.url === 'string' && (l.label === undefined || typeof l.label === 'string'),
        )
        ? value.map((l) => ({ url: (l as { url: string }).url, label: String((l as { label?: string }).label ?? '') }))
        : bad(t`a list of ${'{url, label}'}`);
  }
}

/**
 * A composite value: the parts given merged over the previous value and the defaults, each
 * part checked (a first name that is an object, an amount "abc" or a currency "ZZZZ" is refused).
 */
function merge(field: FieldMetadata, prev: unknown, next: Obj, defaults: Obj): Obj {
  const parts = FIELD_TYPE_DEFINITIONS[field.type].parts ?? [];
  const out: Obj = { ...defaults, ...(isObject(prev) ? prev : {}) };
  for (const [key, value] of Object.entries(next)) {
    const part = parts.find((p) => p.key === key);
    const names = parts.map((p) => p.key).join(', ');
    if (!part) fail(field, next, t`only the parts ${names}`);
    out[key] = checkPart(field, key, part.kind, value);
  }
  return out;
}

/** A composite type: a string (or, for phones, a number) fills its main part; an object is merged part by part. */
function composite(expected: () => string, empty: () => Obj, fromText: (text: string) => Obj, acceptsNumber = false) {
  return (field: FieldMetadata, value: unknown, prev: unknown): Obj => {
    if (typeof value === 'string' || (acceptsNumber && typeof value === 'number')) return fromText(String(value));
    if (isObject(value)) return merge(field, prev, value, empty());
    return fail(field, value, expected());
  };
}

function number(field: FieldMetadata, value: unknown): number | null {
  if (value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) fail(field, value, t`a number`);
  return n;
}

function date(field: FieldMetadata, value: unknown): number | null {
  if (value === '') return null;
  const time = typeof value === 'number' ? value : Date.parse(String(value));
  if (Number.isNaN(time)) fail(field, value, t`a date`);
  return time;
}

function selectValue(field: FieldMetadata, value: unknown): string | null {
  if (value === '') return null;
  const option = field.options?.find((o) => o.value === value || o.label.toLowerCase() === String(value).toLowerCase());
  const choices = field.options?.map((o) => o.value).join(', ') ?? '';
  if (!option) fail(field, value, t`one of ${choices}`);
  return option.value;
}

const optionLabel = (field: FieldMetadata, v: unknown) => field.options?.find((o) => o.value === v)?.label ?? String(v);

export function emptyAddress() {
  return {
    addressStreet1: '',
    addressStreet2: '',
    addressCity: '',
    addressState: '',
    addressPostcode: '',
    addressCountry: '',
  };
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

export const FIELD_TYPE_DEFINITIONS: { [T in FieldType]: FieldTypeDefinition } = {
  TEXT: {
    label: 'Text',
    operands: TEXT_OPERANDS,
    normalise: (_field, value) =>
      typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value),
    format: (_field, value) => String(value),
  },
  NUMBER: {
    label: 'Number',
    operands: NUMBER_OPERANDS,
    normalise: (field, value) => number(field, value),
    format: (_field, value) => String(value),
  },
  RATING: {
    label: 'Rating',
    operands: NUMBER_OPERANDS,
    normalise(field, value) {
      const n = number(field, value);
      if (n !== null && (n < 0 || n > 5)) fail(field, value, t`a rating from 0 to 5`);
      return n;
    },
    format: (_field, value) => '★'.repeat(Number(value)) + '☆'.repeat(Math.max(0, 5 - Number(value))),
  },
  BOOLEAN: {
    label: 'Yes/No',
    operands: ['IS'],
    normalise(field, value) {
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return fail(field, value, t`true or false`);
    },
    format: (_field, value) => (value ? t`Yes` : t`No`),
  },
  DATE: {
    label: 'Date',
    operands: DATE_OPERANDS,
    normalise(field, value) {
      const t = date(field, value);
      if (t === null) return null;
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? value
        : new Date(t).toISOString().slice(0, 10);
    },
    format: (_field, value) => formatDate(String(value), { timeZone: 'UTC' }),
  },
  DATE_TIME: {
    label: 'Date and time',
    operands: DATE_OPERANDS,
    normalise(field, value) {
      const t = date(field, value);
      return t === null ? null : new Date(t).toISOString();
    },
    format: (_field, value) => formatDateTime(String(value)),
  },
  SELECT: {
    label: 'Select',
    operands: ['IS', 'IS_NOT', ...EMPTY],
    normalise: (field, value) => selectValue(field, value),
    format: (field, value) => optionLabel(field, value),
  },
  MULTI_SELECT: {
    label: 'Multi-select',
    operands: LIST_OPERANDS,
    normalise(field, value) {
      const list = Array.isArray(value)
        ? value
        : String(value)
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean);
      return list.map((v) => (v === null || v === undefined ? null : selectValue(field, v)));
    },
    format: (field, value) =>
      Array.isArray(value) ? value.map((v) => optionLabel(field, v)).join(', ') : String(value),
  },
  EMAILS: {
    label: 'Emails',
    operands: TEXT_OPERANDS,
    parts: [
      { key: 'primaryEmail', kind: 'text', variable: 'Primary email' },
      { key: 'additionalEmails', kind: 'texts' },
    ],
    csvParts: [
      { key: 'primaryEmail', label: 'Primary email' },
      { key: 'additionalEmails', label: 'Additional emails', list: 'comma' },
    ],
    normalise: composite(
      () => t`an email address`,
      () => ({ primaryEmail: '', additionalEmails: [] }),
      (text) => ({ primaryEmail: text.trim(), additionalEmails: [] }),
    ),
    format: (_field, value) => (isObject(value) ? text(value.primaryEmail) : String(value)),
  },
  PHONES: {
    label: 'Phones',
    operands: TEXT_OPERANDS,
    parts: [
      { key: 'primaryPhoneNumber', kind: 'text', variable: 'Phone number' },
      { key: 'primaryPhoneCountryCode', kind: 'text', variable: 'Country code' },
      { key: 'primaryPhoneCallingCode', kind: 'text' },
      { key: 'additionalPhones', kind: 'texts' },
    ],
    csvParts: [
      { key: 'primaryPhoneNumber', label: 'Primary phone number' },
      { key: 'primaryPhoneCountryCode', label: 'Country code', twentyLabel: 'Primary Phone Country Code' },
      { key: 'additionalPhones', label: 'Additional phones', list: 'comma' },
    ],
    normalise: composite(
      () => t`a phone number`,
      () => ({ primaryPhoneNumber: '', primaryPhoneCountryCode: '', additionalPhones: [] }),
      (text) => ({ primaryPhoneNumber: text.trim(), primaryPhoneCountryCode: '', additionalPhones: [] }),
      true,
    ),
    format: (_field, value) =>
      isObject(value)
        ? `${text(value.primaryPhoneCountryCode)} ${text(value.primaryPhoneNumber)}`.trim()
        : String(value),
  },
  LINKS: {
    label: 'Links',
    operands: TEXT_OPERANDS,
    parts: [
      { key: 'primaryLinkUrl', kind: 'text', variable: 'URL' },
      { key: 'primaryLinkLabel', kind: 'text' },
      { key: 'secondaryLinks', kind: 'links' },
    ],
    csvParts: [
      { key: 'primaryLinkUrl', label: 'URL', twentyLabel: 'Link URL' },
      { key: 'primaryLinkLabel', label: 'Label', twentyLabel: 'Link Label' },
      { key: 'secondaryLinks', label: 'Secondary links', list: 'json' },
    ],
    normalise: composite(
      () => t`a link`,
      () => ({ primaryLinkUrl: '', primaryLinkLabel: '', secondaryLinks: [] }),
      (text) => ({ primaryLinkUrl: text.trim(), primaryLinkLabel: '', secondaryLinks: [] }),
    ),
    format: (_field, value) =>
      isObject(value) ? text(value.primaryLinkUrl).replace(/^https?:\/\//, '') : String(value),
  },
  CURRENCY: {
    label: 'Currency',
    operands: NUMBER_OPERANDS,
    parts: [
      {
        key: 'amountMicros',
        kind: 'amount',
        variable: 'Amount (micros)',
        filter: { label: 'Amount', operands: NUMBER_OPERANDS, micros: true },
      },
      {
        key: 'currencyCode',
        kind: 'currency',
        variable: 'Currency',
        filter: { label: 'Currency', operands: ['IS', 'IS_NOT', ...EMPTY] },
      },
    ],
    // In a spreadsheet the amount reads in units, not micros.
    csvParts: [
      { key: 'amount', label: 'Amount' },
      { key: 'currencyCode', label: 'Currency' },
    ],
    normalise(field, value, prev) {
      if (
        typeof value === 'number' ||
        (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))
      ) {
        const code = isObject(prev) && typeof prev.currencyCode === 'string' ? prev.currencyCode : 'USD';
        return { amountMicros: Math.round(Number(value) * 1e6), currencyCode: code };
      }
      if (isObject(value)) return merge(field, prev, value, { amountMicros: null, currencyCode: 'USD' });
      return fail(field, value, t`an amount`);
    },
    format(_field, value) {
      if (!isObject(value) || value.amountMicros === null || value.amountMicros === undefined) return '';
      try {
        return formatNumber(Number(value.amountMicros) / 1e6, {
          style: 'currency',
          currency: String(value.currencyCode || 'USD'),
          maximumFractionDigits: 2,
        });
      } catch {
        return `${Number(value.amountMicros) / 1e6} ${text(value.currencyCode)}`;
      }
    },
  },
  FULL_NAME: {
    label: 'Full name',
    operands: TEXT_OPERANDS,
    parts: [
      { key: 'firstName', kind: 'text', variable: 'First name' },
      { key: 'lastName', kind: 'text', variable: 'Last name' },
    ],
    csvParts: [
      { key: 'firstName', label: 'First name' },
      { key: 'lastName', label: 'Last name' },
    ],
    normalise: composite(
      () => t`a name`,
      () => ({ firstName: '', lastName: '' }),
      (text) => {
        const [firstName, ...rest] = text.trim().split(/\s+/);
        return { firstName: firstName ?? '', lastName: rest.join(' ') };
      },
    ),
    format: (_field, value) =>
      isObject(value) ? [value.firstName, value.lastName].filter(Boolean).join(' ') : String(value),
  },
  ADDRESS: {
    label: 'Address',
    operands: TEXT_OPERANDS,
    parts: [
      { key: 'addressStreet1', kind: 'text', variable: 'Street' },
      { key: 'addressStreet2', kind: 'text' },
      { key: 'addressCity', kind: 'text', variable: 'City' },
      { key: 'addressState', kind: 'text' },
      { key: 'addressPostcode', kind: 'text', variable: 'Postcode' },
      { key: 'addressCountry', kind: 'text', variable: 'Country' },
      { key: 'addressLat', kind: 'amount' },
      { key: 'addressLng', kind: 'amount' },
    ],
    csvParts: [
      { key: 'addressStreet1', label: 'Street 1', twentyLabel: 'Address 1' },
      { key: 'addressStreet2', label: 'Street 2', twentyLabel: 'Address 2' },
      { key: 'addressCity', label: 'City' },
      { key: 'addressState', label: 'State' },
      { key: 'addressPostcode', label: 'Postcode' },
      { key: 'addressCountry', label: 'Country' },
    ],
    normalise: composite(
      () => t`an address`,
      emptyAddress,
      (text) => ({ ...emptyAddress(), addressStreet1: text }),
    ),
    format: (_field, value) =>
      isObject(value)
        ? [value.addressStreet1, value.addressCity, value.addressCountry].filter(Boolean).join(', ')
        : String(value),
  },
  RELATION: {
    label: 'Relation',
    operands: LIST_OPERANDS,
    // The title reads well in a spreadsheet; the id makes the round trip exact.
    csvParts: [
      { key: 'title', label: '' },
      { key: 'id', label: 'Id' },
    ],
    normalise(field, value) {
      const multiple = field.relation?.multiple || (field.relation?.objects.length ?? 1) > 1;
      if (!multiple) {
        if (value === '') return null;
        if (typeof value === 'string') return value;
        if (isObject(value) && typeof value.id === 'string') return value.id;
        return fail(field, value, t`a record id`);
      }
      const list = Array.isArray(value) ? value : [value];
      return list.map((target) => {
        if (isObject(target) && typeof target.id === 'string' && typeof target.object === 'string')
          return { object: target.object, id: target.id };
        if (typeof target === 'string' && field.relation?.objects.length === 1)
          return { object: field.relation.objects[0], id: target };
        return fail(field, target, t`${'{object, id}'} targets`);
      });
    },
    format(_field, value, titles) {
      const title = (id: unknown) => (titles ? (titles.get(String(id)) ?? t`deleted record`) : String(id));
      return Array.isArray(value)
        ? value.map((target: { id?: unknown }) => title(target?.id)).join(', ')
        : title(value);
    },
  },
  RAW_JSON: {
    label: 'JSON',
    operands: TEXT_OPERANDS,
    normalise(_field, value) {
      if (typeof value !== 'string') return value;
      try {
        return JSON.parse(value);
      } catch {
        return value;
      }
    },
    format: (_field, value) => JSON.stringify(value),
  },
};

/** The definition of a field's type. */
export function fieldType(type: FieldType): FieldTypeDefinition {
  return FIELD_TYPE_DEFINITIONS[type];
}

/** The ids a relation value points to: one id, or a list of `{ object, id }` targets. */
export function relationIds(value: unknown): string[] {
  if (typeof value === 'string') return value ? [value] : [];
  if (!Array.isArray(value)) return [];
  return (value as { id?: unknown }[]).flatMap((target) => (typeof target?.id === 'string' ? [target.id] : []));
}

/** The objects an object's relation fields point to, each once. */
export function relationTargets(meta: ObjectMetadata): string[] {
  return [...new Set(meta.fields.flatMap((f) => (f.type === 'RELATION' ? (f.relation?.objects ?? []) : [])))];
}
