import type { FieldMetadata, ObjectMetadata } from '../schema/objectMetadata';

/** A record write that the object's fields refuse, with the field and the reason. */
export class RecordValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordValueError';
  }
}

const SYSTEM_FIELDS = new Set(['id', 'createdAt', 'updatedAt']);

/**
 * Checks and normalises values written to a record: unknown fields are refused, plain text
 * is lifted into composites ("Ada Lovelace" → full name), select values are checked.
 * `existing` lets partial composites merge (set only the first name).
 */
export function normaliseRecordData(
  meta: ObjectMetadata, data: Record<string, unknown>, existing?: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const fields = new Map(meta.fields.map((f) => [f.name, f]));
  for (const [name, value] of Object.entries(data)) {
    if (SYSTEM_FIELDS.has(name)) continue;
    const field = fields.get(name);
    if (!field) {
      throw new RecordValueError(`${meta.labelSingular} has no field "${name}" (fields: ${meta.fields.map((f) => f.name).join(', ')})`);
    }
    out[name] = normaliseValue(field, value, existing?.[name]);
  }
  return out;
}

function fail(field: FieldMetadata, value: unknown, expected: string): never {
  throw new RecordValueError(`field "${field.label}" expects ${expected}, got ${JSON.stringify(value)}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** ISO 4217 codes the runtime knows (all modern browsers and Node), when it can list them. */
const CURRENCIES: Set<string> | null = (() => {
  const list = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('currency');
  return list?.length ? new Set(list) : null;
})();

type PartKind = 'text' | 'texts' | 'amount' | 'currency' | 'links';
const PART_KINDS: Record<string, Record<string, PartKind>> = {
  FULL_NAME: { firstName: 'text', lastName: 'text' },
  EMAILS: { primaryEmail: 'text', additionalEmails: 'texts' },
  PHONES: { primaryPhoneNumber: 'text', primaryPhoneCountryCode: 'text', primaryPhoneCallingCode: 'text', additionalPhones: 'texts' },
  LINKS: { primaryLinkUrl: 'text', primaryLinkLabel: 'text', secondaryLinks: 'links' },
  CURRENCY: { amountMicros: 'amount', currencyCode: 'currency' },
  ADDRESS: { addressStreet1: 'text', addressStreet2: 'text', addressCity: 'text', addressState: 'text', addressPostcode: 'text', addressCountry: 'text', addressLat: 'amount', addressLng: 'amount' },
};

/**
 * A composite value: the parts given merged over the previous value and the defaults, each
 * part checked (a first name that is an object, an amount "abc" or a currency "ZZZZ" is refused).
 */
function merge(field: FieldMetadata, prev: unknown, next: Record<string, unknown>, defaults: Record<string, unknown>) {
  const kinds = PART_KINDS[field.type] ?? {};
  const out: Record<string, unknown> = { ...defaults, ...(isObject(prev) ? prev : {}) };
  for (const [part, value] of Object.entries(next)) {
    const kind = kinds[part];
    if (!kind) fail(field, next, `only the parts ${Object.keys(kinds).join(', ')}`);
    out[part] = checkPart(field, part, kind, value);
  }
  return out;
}

function checkPart(field: FieldMetadata, part: string, kind: PartKind, value: unknown): unknown {
  const bad = (expected: string): never => {
    throw new RecordValueError(`field "${field.label}" expects ${part} to be ${expected}, got ${JSON.stringify(value)}`);
  };
  if (value === null || value === undefined) return kind === 'texts' || kind === 'links' ? [] : kind === 'amount' ? null : '';
  switch (kind) {
    case 'text':
      return typeof value === 'string' || typeof value === 'number' ? String(value) : bad('text');
    case 'texts':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : bad('a list of texts');
    case 'amount': {
      if (value === '') return null;
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return Number.isFinite(n) ? n : bad('a number');
    }
    case 'currency': {
      const code = typeof value === 'string' ? value.trim().toUpperCase() : '';
      return /^[A-Z]{3}$/.test(code) && (!CURRENCIES || CURRENCIES.has(code)) ? code : bad('a currency code such as USD or EUR');
    }
    case 'links':
      return Array.isArray(value) && value.every((l) => isObject(l) && typeof l.url === 'string' && (l.label === undefined || typeof l.label === 'string'))
        ? value.map((l) => ({ url: (l as { url: string }).url, label: String((l as { label?: string }).label ?? '') }))
        : bad('a list of {url, label}');
  }
}

export function normaliseValue(field: FieldMetadata, value: unknown, prev?: unknown): unknown {
  if (value === undefined) return null;
  if (value === null) return null;
  switch (field.type) {
    case 'TEXT':
      return typeof value === 'string' ? value : isObject(value) || Array.isArray(value) ? JSON.stringify(value) : String(value);
    case 'NUMBER':
    case 'RATING': {
      if (value === '') return null;
      const n = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(n)) fail(field, value, 'a number');
      if (field.type === 'RATING' && (n < 0 || n > 5)) fail(field, value, 'a rating from 0 to 5');
      return n;
    }
    case 'BOOLEAN':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return fail(field, value, 'true or false');
    case 'DATE':
    case 'DATE_TIME': {
      if (value === '') return null;
      const t = typeof value === 'number' ? value : Date.parse(String(value));
      if (Number.isNaN(t)) fail(field, value, 'a date');
      const iso = new Date(t).toISOString();
      return field.type === 'DATE' ? (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : iso.slice(0, 10)) : iso;
    }
    case 'SELECT': {
      if (value === '') return null;
      const option = field.options?.find((o) => o.value === value || o.label.toLowerCase() === String(value).toLowerCase());
      if (!option) fail(field, value, `one of ${field.options?.map((o) => o.value).join(', ')}`);
      return option!.value;
    }
    case 'MULTI_SELECT': {
      const list = Array.isArray(value) ? value : String(value).split(',').map((s) => s.trim()).filter(Boolean);
      return list.map((v) => normaliseValue({ ...field, type: 'SELECT' }, v));
    }
    case 'EMAILS':
      if (typeof value === 'string') return { primaryEmail: value.trim(), additionalEmails: [] };
      if (isObject(value)) return merge(field, prev, value, { primaryEmail: '', additionalEmails: [] });
      return fail(field, value, 'an email address');
    case 'PHONES':
      if (typeof value === 'string' || typeof value === 'number') {
        return { primaryPhoneNumber: String(value).trim(), primaryPhoneCountryCode: '', additionalPhones: [] };
      }
      if (isObject(value)) return merge(field, prev, value, { primaryPhoneNumber: '', primaryPhoneCountryCode: '', additionalPhones: [] });
      return fail(field, value, 'a phone number');
    case 'LINKS':
      if (typeof value === 'string') return { primaryLinkUrl: value.trim(), primaryLinkLabel: '', secondaryLinks: [] };
      if (isObject(value)) return merge(field, prev, value, { primaryLinkUrl: '', primaryLinkLabel: '', secondaryLinks: [] });
      return fail(field, value, 'a link');
    case 'CURRENCY':
      if (typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)))) {
        const code = isObject(prev) && typeof prev.currencyCode === 'string' ? prev.currencyCode : 'USD';
        return { amountMicros: Math.round(Number(value) * 1e6), currencyCode: code };
      }
      if (isObject(value)) return merge(field, prev, value, { amountMicros: null, currencyCode: 'USD' });
      return fail(field, value, 'an amount');
    case 'FULL_NAME':
      if (typeof value === 'string') {
        const [firstName, ...rest] = value.trim().split(/\s+/);
        return { firstName: firstName ?? '', lastName: rest.join(' ') };
      }
      if (isObject(value)) return merge(field, prev, value, { firstName: '', lastName: '' });
      return fail(field, value, 'a name');
    case 'ADDRESS':
      if (typeof value === 'string') return { ...emptyAddress(), addressStreet1: value };
      if (isObject(value)) return merge(field, prev, value, emptyAddress());
      return fail(field, value, 'an address');
    case 'RELATION': {
      const multiple = field.relation?.multiple || (field.relation?.objects.length ?? 1) > 1;
      if (!multiple) {
        if (value === '') return null;
        if (typeof value === 'string') return value;
        if (isObject(value) && typeof value.id === 'string') return value.id;
        return fail(field, value, 'a record id');
      }
      const list = Array.isArray(value) ? value : [value];
      return list.map((t) => {
        if (isObject(t) && typeof t.id === 'string' && typeof t.object === 'string') return { object: t.object, id: t.id };
        if (typeof t === 'string' && field.relation?.objects.length === 1) return { object: field.relation.objects[0], id: t };
        return fail(field, t, '{object, id} targets');
      });
    }
    case 'RAW_JSON':
      if (typeof value === 'string') {
        try {
          return JSON.parse(value);
        } catch {
          return value;
        }
      }
      return value;
  }
}

export function emptyAddress() {
  return { addressStreet1: '', addressStreet2: '', addressCity: '', addressState: '', addressPostcode: '', addressCountry: '' };
}
