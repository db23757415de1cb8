/** Form widgets the step and trigger settings forms share. */
import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import type { ObjectMetadata } from '../../schema/objectMetadata';
import { VariableInput } from './VariableInput';
import type { VariableOption } from './variables';

export function ObjectSelect({
  value,
  onChange,
  objects,
  label = t`Object`,
}: {
  value: string;
  onChange: (v: string) => void;
  objects: ObjectMetadata[];
  label?: string;
}) {
  return (
    <label className="stacked">
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {objects.map((o) => (
          <option key={o.name} value={o.name}>
            {o.labelSingular}
          </option>
        ))}
      </select>
    </label>
  );
}

export function text(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);
}

/** Values for record fields: text or variables; JSON for lists and composites. */
export function RecordFields({
  meta,
  value,
  onChange,
  options,
}: {
  meta?: ObjectMetadata;
  value: Record<string, unknown>;
  onChange: (v: Record<string, unknown>) => void;
  options: VariableOption[];
}) {
  const unused = meta?.fields.filter((f) => !(f.name in value)) ?? [];
  return (
    <fieldset className="record-fields">
      <legend>
        <Trans>Fields</Trans>
      </legend>
      {Object.entries(value).map(([name, v]) => {
        const field = meta?.fields.find((f) => f.name === name);
        return (
          <div key={name} className="inputs-row">
            <VariableInput
              label={field?.label ?? name}
              value={text(v)}
              options={options}
              onChange={(next) => {
                let parsed: unknown = next;
                if (/^\s*[[{]/.test(next)) {
                  try {
                    parsed = JSON.parse(next);
                  } catch {
                    parsed = next;
                  }
                }
                onChange({ ...value, [name]: parsed });
              }}
            />
            <button
              type="button"
              className="small danger"
              aria-label={t`Remove field ${field?.label ?? name}`}
              onClick={() => onChange(Object.fromEntries(Object.entries(value).filter(([k]) => k !== name)))}
            >
              ✕
            </button>
          </div>
        );
      })}
      {unused.length > 0 && (
        <label className="stacked">
          <Trans>Add a field</Trans>
          <select value="" onChange={(e) => e.target.value && onChange({ ...value, [e.target.value]: '' })}>
            <option value="">{t`Choose a field…`}</option>
            {unused.map((f) => (
              <option key={f.name} value={f.name}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
      )}
    </fieldset>
  );
}

/** Name → value pairs (query parameters, headers); values accept variables. */
export function KeyValues({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: Record<string, string>;
  onChange: (v: Record<string, string>) => void;
  options: VariableOption[];
}) {
  const entries = Object.entries(value);
  return (
    <fieldset className="record-fields">
      <legend>{label}</legend>
      {entries.map(([k, v], i) => (
        <div key={i} className="inputs-row">
          <label className="stacked">
            <Trans>Name</Trans>
            <input
              aria-label={t`${label} ${i + 1}: name`}
              value={k}
              onChange={(e) =>
                onChange(Object.fromEntries(entries.map(([a, b], j) => (j === i ? [e.target.value, b] : [a, b]))))
              }
            />
          </label>
          <VariableInput
            label={t`${label} ${i + 1}: value`}
            value={v}
            options={options}
            onChange={(nv) => onChange(Object.fromEntries(entries.map(([a, b], j) => (j === i ? [a, nv] : [a, b]))))}
          />
          <button
            type="button"
            className="small danger"
            aria-label={t`Remove ${label} ${i + 1}`}
            onClick={() => onChange(Object.fromEntries(entries.filter((_, j) => j !== i)))}
          >
            ✕
          </button>
        </div>
      ))}
      <button
        type="button"
        className="small"
        onClick={() => onChange({ ...value, [entries.some(([k]) => k === '') ? `name${entries.length}` : '']: '' })}
      >
        <Trans>+ Add</Trans>
      </button>
    </fieldset>
  );
}

/** A time limit typed in seconds (0.1–300) and kept in milliseconds; an empty or zero entry falls back. */
export function SecondsInput({
  label,
  valueMs,
  fallbackMs,
  onChange,
}: {
  label: string;
  valueMs: number;
  fallbackMs: number;
  onChange: (ms: number) => void;
}) {
  return (
    <label className="stacked">
      {label}
      <input
        type="number"
        min={0.1}
        max={300}
        step="any"
        value={valueMs / 1000}
        onChange={(e) => onChange(Math.max(100, Math.round(Number(e.target.value) * 1000) || fallbackMs))}
      />
    </label>
  );
}
