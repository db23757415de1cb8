import { readObject } from '../hooks';
import { t } from '@lingui/core/macro';
import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../client/db';
import type { FieldMetadata } from '../../schema/objectMetadata';
import { recordTitle } from './FieldValue';
import { compareText } from '../../i18n/format';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);
const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD'];

interface FieldInputProps {
  field: FieldMetadata;
  value: unknown;
  onChange: (v: unknown) => void;
  id: string;
  autoFocus?: boolean;
}

/**
 * An editor for one field's value. Composite fields get one labelled input per part.
 * Values come out in the shape the record repository normalises.
 */
export function FieldInput({ field, value, onChange, id, autoFocus }: FieldInputProps) {
  const o = isObj(value) ? value : {};
  const part = (key: string, label: string, type = 'text') => (
    <input
      id={`${id}-${key}`}
      aria-label={`${field.label}: ${label}`}
      placeholder={label}
      type={type}
      autoFocus={autoFocus && key === Object.keys(o)[0]}
      value={String(o[key] ?? '')}
      onChange={(e) => onChange({ ...o, [key]: e.target.value })}
    />
  );
  switch (field.type) {
    case 'FULL_NAME':
      return (
        <div className="inputs-row" id={id}>
          {part('firstName', t`First name`)}
          {part('lastName', t`Last name`)}
        </div>
      );
    case 'ADDRESS':
      return (
        <div className="inputs-grid" id={id}>
          {part('addressStreet1', t`Street`)}
          {part('addressCity', t`City`)}
          {part('addressPostcode', t`Postcode`)}
          {part('addressCountry', t`Country`)}
        </div>
      );
    case 'EMAILS':
      return (
        <input
          id={id}
          type="email"
          autoFocus={autoFocus}
          value={String(o.primaryEmail ?? (typeof value === 'string' ? value : ''))}
          onChange={(e) =>
            onChange({ ...o, primaryEmail: e.target.value, additionalEmails: (o.additionalEmails as string[]) ?? [] })
          }
        />
      );
    case 'PHONES':
      return (
        <div className="inputs-row" id={id}>
          <input
            aria-label={t`${field.label}: country code`}
            className="narrow"
            placeholder="+33"
            value={String(o.primaryPhoneCountryCode ?? '')}
            onChange={(e) => onChange({ ...o, primaryPhoneCountryCode: e.target.value })}
          />
          <input
            aria-label={t`${field.label}: number`}
            autoFocus={autoFocus}
            type="tel"
            value={String(o.primaryPhoneNumber ?? '')}
            onChange={(e) => onChange({ ...o, primaryPhoneNumber: e.target.value })}
          />
        </div>
      );
    case 'LINKS':
      return (
        <input
          id={id}
          type="url"
          autoFocus={autoFocus}
          placeholder={t`https://`}
          value={String(o.primaryLinkUrl ?? '')}
          onChange={(e) => onChange({ ...o, primaryLinkUrl: e.target.value })}
        />
      );
    case 'CURRENCY': {
      const amount =
        o.amountMicros === null || o.amountMicros === undefined ? '' : String(Number(o.amountMicros) / 1e6);
      return (
        <div className="inputs-row" id={id}>
          <input
            aria-label={t`${field.label}: amount`}
            autoFocus={autoFocus}
            type="number"
            step="any"
            value={amount}
            onChange={(e) =>
              onChange({
                currencyCode: o.currencyCode ?? 'USD',
                amountMicros: e.target.value === '' ? null : Math.round(Number(e.target.value) * 1e6),
              })
            }
          />
          <select
            aria-label={t`${field.label}: currency`}
            value={String(o.currencyCode ?? 'USD')}
            onChange={(e) => onChange({ ...o, currencyCode: e.target.value })}
          >
            {CURRENCIES.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </select>
        </div>
      );
    }
    case 'BOOLEAN':
      return (
        <input
          id={id}
          type="checkbox"
          autoFocus={autoFocus}
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
      );
    case 'NUMBER':
      return (
        <input
          id={id}
          type="number"
          step="any"
          autoFocus={autoFocus}
          value={value === null || value === undefined ? '' : String(value)}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
        />
      );
    case 'RATING':
      return (
        <select
          id={id}
          autoFocus={autoFocus}
          value={value === null || value === undefined ? '' : String(value)}
          onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
        >
          <option value="">{t`No rating`}</option>
          {[1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {'★'.repeat(n)}
            </option>
          ))}
        </select>
      );
    case 'DATE':
      return (
        <input
          id={id}
          type="date"
          autoFocus={autoFocus}
          value={typeof value === 'string' ? value.slice(0, 10) : ''}
          onChange={(e) => onChange(e.target.value || null)}
        />
      );
    case 'DATE_TIME':
      return (
        <input
          id={id}
          type="datetime-local"
          autoFocus={autoFocus}
          value={typeof value === 'string' && value ? toLocalInput(value) : ''}
          onChange={(e) => onChange(e.target.value ? new Date(e.target.value).toISOString() : null)}
        />
      );
    case 'SELECT':
      return (
        <select
          id={id}
          autoFocus={autoFocus}
          value={String(value ?? '')}
          onChange={(e) => onChange(e.target.value || null)}
        >
          <option value="">—</option>
          {field.options?.map((opt) => (
            <option key={opt.value} value={opt.value}>
              {opt.label}
            </option>
          ))}
        </select>
      );
    case 'MULTI_SELECT': {
      const list = Array.isArray(value) ? (value as string[]) : [];
      return (
        <fieldset className="checks" id={id}>
          <legend className="sr-only">{field.label}</legend>
          {field.options?.map((opt) => (
            <label key={opt.value}>
              <input
                type="checkbox"
                checked={list.includes(opt.value)}
                onChange={(e) =>
                  onChange(e.target.checked ? [...list, opt.value] : list.filter((v) => v !== opt.value))
                }
              />
              {opt.label}
            </label>
          ))}
        </fieldset>
      );
    }
    case 'RELATION':
      return <RelationInput field={field} value={value} onChange={onChange} id={id} autoFocus={autoFocus} />;
    case 'RAW_JSON':
      return (
        <textarea
          id={id}
          autoFocus={autoFocus}
          rows={4}
          defaultValue={value === undefined || value === null ? '' : JSON.stringify(value, null, 2)}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case 'TEXT':
      return (
        <input
          id={id}
          type="text"
          autoFocus={autoFocus}
          value={value === null || value === undefined ? '' : String(value)}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    default: {
      // Every field type has an input: a new type (schema/fieldTypes.ts) does not compile until it has one here.
      const unknownType: never = field.type;
      throw new Error(t`no input for field type ${String(unknownType)}`);
    }
  }
}

function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const MAX_OPTIONS = 500;

/** Pick related records; several target objects (task/note targets) give a list of {object, id}. */
function RelationInput({ field, value, onChange, id, autoFocus }: FieldInputProps) {
  const objects = field.relation?.objects ?? [];
  const options = useLiveQuery(async () => {
    const out: { object: string; id: string; label: string }[] = [];
    for (const object of objects) {
      const meta = await readObject(object);
      const rows = await db.records
        .where('[object+createdAt]')
        .between([object, -Infinity], [object, Infinity])
        .limit(MAX_OPTIONS)
        .toArray();
      for (const r of rows)
        out.push({
          object,
          id: r.id,
          label: `${objects.length > 1 ? `${meta?.labelSingular ?? object}: ` : ''}${recordTitle(meta, r)}`,
        });
    }
    return out.sort((a, b) => compareText(a.label, b.label));
  }, [objects.join(',')]);
  const multiple = field.relation?.multiple || objects.length > 1;
  if (!multiple) {
    return (
      <select
        id={id}
        autoFocus={autoFocus}
        value={typeof value === 'string' ? value : ''}
        onChange={(e) => onChange(e.target.value || null)}
      >
        <option value="">—</option>
        {options?.map((opt) => (
          <option key={opt.id} value={opt.id}>
            {opt.label}
          </option>
        ))}
      </select>
    );
  }
  const list = Array.isArray(value) ? (value as { object: string; id: string }[]) : [];
  return (
    <div className="relation-list" id={id}>
      {list.map((link) => (
        <span key={link.id} className="chip">
          {options?.find((opt) => opt.id === link.id)?.label ?? link.id}
          <button
            type="button"
            className="icon-button"
            aria-label={t`Remove ${options?.find((opt) => opt.id === link.id)?.label ?? link.id}`}
            onClick={() => onChange(list.filter((x) => x.id !== link.id))}
          >
            ✕
          </button>
        </span>
      ))}
      <select
        aria-label={t`Add to ${field.label}`}
        autoFocus={autoFocus}
        value=""
        onChange={(e) => {
          const chosen = options?.find((opt) => opt.id === e.target.value);
          if (chosen) onChange([...list, { object: chosen.object, id: chosen.id }]);
        }}
      >
        <option value="">{t`Add…`}</option>
        {options
          ?.filter((opt) => !list.some((link) => link.id === opt.id))
          .map((opt) => (
            <option key={opt.id} value={opt.id}>
              {opt.label}
            </option>
          ))}
      </select>
    </div>
  );
}
