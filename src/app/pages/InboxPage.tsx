import { readObject } from '../hooks';
import { formatDateTime, compareText } from '../../i18n/format';
import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState, type FormEvent } from 'react';
import { db } from '../../client/db';
import { engineClient } from '../../client/engineClient';
import { describeError } from '../../client/errors';
import type { FormField } from '../../schema/workflow';
import { formFieldObject, formFieldOptions, formFieldRequired, formFieldValue } from '../../schema/workflowValues';
import { recordTitle } from '../components/FieldValue';
import { useToast } from '../components/Toasts';
import { usePendingForms, type PendingForm } from '../inbox';
import { Link } from '../router';

/** Forms that runs wait on: answer one and its run goes on; cancel it and the run stops. */
export function InboxPage() {
  const forms = usePendingForms();
  return (
    <section className="page" aria-labelledby="inbox-title">
      <header className="page-header">
        <h1 id="inbox-title">
          <Trans>Inbox</Trans>
        </h1>
      </header>
      {forms?.length === 0 && (
        <p className="empty">
          <Trans>Nothing is waiting for you.</Trans>
        </p>
      )}
      <div className="stack">
        {forms?.map((f) => (
          <FormCard key={`${f.run.id}:${f.step.id}`} pending={f} />
        ))}
      </div>
    </section>
  );
}

function initial(field: FormField): unknown {
  const start = formFieldValue(field);
  if (start !== undefined && start !== null) return start;
  return field.type === 'MULTI_SELECT' ? [] : '';
}

function FormCard({ pending }: { pending: PendingForm }) {
  const { run, step, form } = pending;
  const [answers, setAnswers] = useState<Record<string, unknown>>(() =>
    Object.fromEntries(form.fields.map((f) => [f.name, initial(f)])),
  );
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  const title = form.title || step.name;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await engineClient().submitForm(run.id, step.id, answers);
      toast.info(t`“${title}” sent: the run goes on.`);
    } catch (err) {
      setError(describeError(err));
    }
  };
  return (
    <form className="card stack" aria-label={title} onSubmit={submit}>
      <h2>{title}</h2>
      <p className="muted small">
        <Trans>
          From <Link to={`/runs/${run.id}`}>a run of “{run.workflowName}”</Link>, waiting since{' '}
          {formatDateTime(run.state.stepInfos[step.id].startedAt ?? run.createdAt)}.
        </Trans>
      </p>
      {form.description && <p>{form.description}</p>}
      {form.fields.map((f) => (
        <AnswerInput
          key={f.name}
          field={f}
          value={answers[f.name]}
          onChange={(v) => setAnswers((a) => ({ ...a, [f.name]: v }))}
        />
      ))}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="danger"
          onClick={() =>
            engineClient()
              .stopRun(run.id)
              .then(() => toast.info(t`Run stopped.`), toast.error)
          }
        >
          <Trans>Cancel the run</Trans>
        </button>
        <button type="submit" className="primary">
          <Trans>Submit</Trans>
        </button>
      </div>
    </form>
  );
}

function AnswerInput({ field, value, onChange }: { field: FormField; value: unknown; onChange: (v: unknown) => void }) {
  const object = formFieldObject(field);
  const records = useLiveQuery(
    async () => {
      if (field.type !== 'RECORD' || !object) return [];
      const meta = await readObject(object);
      const rows = await db.records
        .where('[object+createdAt]')
        .between([object, -Infinity], [object, Infinity])
        .limit(500)
        .toArray();
      return rows.map((r) => ({ id: r.id, label: recordTitle(meta, r) })).sort((a, b) => compareText(a.label, b.label));
    },
    [field.type, object],
    [],
  );
  const label = `${field.label}${formFieldRequired(field) ? ' (required)' : ''}`;
  if (field.type === 'MULTI_SELECT') {
    const list = Array.isArray(value) ? (value as string[]) : [];
    return (
      <fieldset className="checks">
        <legend>{label}</legend>
        {formFieldOptions(field).map((o) => (
          <label key={o} className="inline">
            <input
              type="checkbox"
              checked={list.includes(o)}
              onChange={(e) => onChange(e.target.checked ? [...list, o] : list.filter((x) => x !== o))}
            />
            {o}
          </label>
        ))}
      </fieldset>
    );
  }
  return (
    <label className="stacked">
      {label}
      {field.type === 'SELECT' ? (
        <select value={String(value ?? '')} onChange={(e) => onChange(e.target.value)}>
          <option value="">—</option>
          {formFieldOptions(field).map((o) => (
            <option key={o}>{o}</option>
          ))}
        </select>
      ) : field.type === 'RECORD' ? (
        <select value={String(value ?? '')} onChange={(e) => onChange(e.target.value)}>
          <option value="">—</option>
          {records.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      ) : (
        <input
          type={field.type === 'NUMBER' ? 'number' : field.type === 'DATE' ? 'date' : 'text'}
          step={field.type === 'NUMBER' ? 'any' : undefined}
          placeholder={field.placeholder}
          value={String(value ?? '')}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </label>
  );
}
