import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useState } from 'react';
import { db } from '../../client/db';
import { AI_SETTINGS_KEY } from '../../db/ai';
import { writeSetting } from '../../db/settings';
import { useLoadSetting } from '../hooks';
import type { AiSettings } from '../../schema/settings';
import { useToast } from './Toasts';

/** The OpenAI-compatible endpoint AI agent steps call. The key stays on this device. */
export function AiSettingsForm() {
  const [form, setForm] = useState<AiSettings>({ baseUrl: '', model: '', apiKey: '' });
  const toast = useToast();
  useLoadSetting(AI_SETTINGS_KEY, setForm);
  return (
    <form
      className="card stack"
      aria-label={t`AI`}
      onSubmit={async (e) => {
        e.preventDefault();
        if (form.baseUrl && !/^https?:\/\//.test(form.baseUrl))
          return toast.error(new Error(t`The base URL must start with http:// or https://.`));
        await writeSetting(db, AI_SETTINGS_KEY, { ...form, baseUrl: form.baseUrl.trim(), model: form.model.trim() });
        toast.info(t`AI endpoint saved.`);
      }}
    >
      <h2>
        <Trans>AI</Trans>
      </h2>
      <p className="muted small">
        <Trans>
          An OpenAI-compatible chat-completions endpoint (for example a local model server). Requests go from this
          browser; the endpoint must allow this site (CORS).
        </Trans>
      </p>
      <label className="stacked">
        <Trans>Base URL</Trans>
        <input
          value={form.baseUrl}
          placeholder={t`http://127.0.0.1:11434/v1`}
          onChange={(e) => setForm({ ...form, baseUrl: e.target.value })}
        />
      </label>
      <label className="stacked">
        <Trans>Model</Trans>
        <input
          value={form.model}
          placeholder={t`llama3.2`}
          onChange={(e) => setForm({ ...form, model: e.target.value })}
        />
      </label>
      <label className="stacked">
        <Trans>API key</Trans>
        <input
          type="password"
          autoComplete="off"
          value={form.apiKey}
          onChange={(e) => setForm({ ...form, apiKey: e.target.value })}
        />
      </label>
      <div className="actions">
        <button type="submit" className="primary">
          <Trans>Save AI settings</Trans>
        </button>
      </div>
    </form>
  );
}
