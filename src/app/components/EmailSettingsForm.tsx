import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useState } from 'react';
import { db } from '../../client/db';
import { EMAIL_SETTINGS_KEY } from '../../db/mail';
import { writeSetting } from '../../db/settings';
import { useLoadSetting } from '../hooks';
import { DEFAULT_EMAIL_TEMPLATE } from '../../schema/mail';
import type { EmailSettings } from '../../schema/settings';
import { useToast } from './Toasts';

const EMPTY: EmailSettings = { url: '', headers: {}, bodyTemplate: DEFAULT_EMAIL_TEMPLATE, from: '' };

/** The variables a body template may use (shown as they are written, in any language). */
const TEMPLATE_VARIABLES = '{{email.to}}, {{email.subject}}, {{email.text}}, {{email.html}}';

/** Where SEND_EMAIL steps deliver: an HTTP endpoint, or (blank) the in-app Outbox. */
export function EmailSettingsForm() {
  const [form, setForm] = useState<EmailSettings>(EMPTY);
  const [headers, setHeaders] = useState<[string, string][]>([]);
  const toast = useToast();
  useLoadSetting(EMAIL_SETTINGS_KEY, (stored) => {
    setForm(stored);
    setHeaders(Object.entries(stored.headers ?? {}));
  });

  const save = async () => {
    try {
      JSON.parse(form.bodyTemplate || DEFAULT_EMAIL_TEMPLATE);
    } catch {
      toast.error(new Error(t`The body template is not valid JSON.`));
      return;
    }
    if (form.url && !/^https?:\/\//.test(form.url)) {
      toast.error(new Error(t`The endpoint URL must start with http:// or https://.`));
      return;
    }
    await writeSetting(db, EMAIL_SETTINGS_KEY, {
      ...form,
      headers: Object.fromEntries(headers.filter(([k]) => k.trim())),
    });
    toast.info(form.url ? t`Email endpoint saved.` : t`No endpoint: emails go to the Outbox.`);
  };

  return (
    <form
      className="card stack"
      aria-label={t`Email`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>
        <Trans>Email</Trans>
      </h2>
      <p className="muted small">
        <Trans>
          Leave the URL empty to keep emails in the in-app Outbox. Header values (API keys) stay on this device and
          never go into exports or share links.
        </Trans>
      </p>
      <label className="stacked">
        <Trans>Endpoint URL</Trans>
        <input
          value={form.url}
          placeholder={t`https://api.example-mail.com/send`}
          onChange={(e) => setForm({ ...form, url: e.target.value })}
        />
      </label>
      <label className="stacked">
        <Trans>From</Trans>
        <input
          value={form.from}
          placeholder={t`crm@example.com`}
          onChange={(e) => setForm({ ...form, from: e.target.value })}
        />
      </label>
      <fieldset className="record-fields">
        <legend>
          <Trans>Headers</Trans>
        </legend>
        {headers.map(([k, v], i) => (
          <div key={i} className="inputs-row">
            <input
              aria-label={t`Header ${i + 1} name`}
              value={k}
              onChange={(e) => setHeaders(headers.map((h, j) => (j === i ? [e.target.value, h[1]] : h)))}
            />
            <input
              aria-label={t`Header ${i + 1} value`}
              type="password"
              autoComplete="off"
              value={v}
              onChange={(e) => setHeaders(headers.map((h, j) => (j === i ? [h[0], e.target.value] : h)))}
            />
            <button
              type="button"
              className="small danger"
              aria-label={t`Remove header ${i + 1}`}
              onClick={() => setHeaders(headers.filter((_, j) => j !== i))}
            >
              ✕
            </button>
          </div>
        ))}
        <button type="button" className="small" onClick={() => setHeaders([...headers, ['', '']])}>
          <Trans>+ Header</Trans>
        </button>
      </fieldset>
      <label className="stacked">
        <Trans>Body template (JSON; {TEMPLATE_VARIABLES}…)</Trans>
        <textarea
          rows={8}
          value={form.bodyTemplate}
          onChange={(e) => setForm({ ...form, bodyTemplate: e.target.value })}
        />
      </label>
      <div className="actions">
        <button type="submit" className="primary">
          <Trans>Save email settings</Trans>
        </button>
      </div>
    </form>
  );
}
