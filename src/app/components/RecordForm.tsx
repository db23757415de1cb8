import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useId, useState, type FormEvent } from 'react';
import type { ObjectMetadata } from '../../schema/objectMetadata';
import { describeError } from '../../client/errors';
import { FieldInput } from './FieldInput';

/** A form with one labelled input per field. Submits only the fields that changed. */
export function RecordForm({
  meta,
  initial,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  meta: ObjectMetadata;
  initial: Record<string, unknown>;
  submitLabel: string;
  onSubmit: (changes: Record<string, unknown>) => Promise<void>;
  onCancel?: () => void;
}) {
  const [values, setValues] = useState<Record<string, unknown>>(initial);
  const [changed, setChanged] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(Object.fromEntries([...changed].map((k) => [k, values[k]])));
      setChanged(new Set());
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="record-form" onSubmit={submit} aria-label={t`${meta.labelSingular} fields`}>
      {meta.fields.map((field, i) => {
        const id = `${formId}-${field.name}`;
        const composite =
          ['FULL_NAME', 'ADDRESS', 'PHONES', 'CURRENCY', 'MULTI_SELECT'].includes(field.type) ||
          (field.type === 'RELATION' && ((field.relation?.objects.length ?? 0) > 1 || field.relation?.multiple));
        return (
          <div
            className="form-row"
            key={field.name}
            role={composite ? 'group' : undefined}
            aria-labelledby={composite ? `${id}-label` : undefined}
          >
            <label id={`${id}-label`} htmlFor={composite ? undefined : id}>
              {field.label}
            </label>
            <FieldInput
              field={field}
              id={id}
              value={values[field.name]}
              autoFocus={i === 0}
              onChange={(v) => {
                setValues((prev) => ({ ...prev, [field.name]: v }));
                setChanged((prev) => new Set(prev).add(field.name));
              }}
            />
          </div>
        );
      })}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        {onCancel && (
          <button type="button" onClick={onCancel}>
            <Trans>Cancel</Trans>
          </button>
        )}
        <button type="submit" className="primary" disabled={busy || changed.size === 0}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
