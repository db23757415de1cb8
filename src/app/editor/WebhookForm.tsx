import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { db, workflows } from '../../client/db';
import { describeError } from '../../client/errors';
import type { Trigger } from '../../schema/workflow';
import { hookUrl } from '../hookUrl';
import { Link } from '../router';
import { webhookSample } from '../../engine/triggers/webhook';

type WebhookTrigger = Extract<Trigger, { type: 'WEBHOOK' }>;

const ACCEPTED_ANSWER = '202 {"runId": …}';
const JSON_EXAMPLE = '{"email": "ada@example.com"}';

/**
 * A webhook trigger: its URL (answered by this browser's service worker), the secret in it,
 * the sample that shapes `{{trigger.body…}}`, and a test request that runs the draft.
 */
export function WebhookForm({
  trigger,
  onChange,
  workflowId,
  saveDraft,
}: {
  trigger: WebhookTrigger;
  onChange: (t: Trigger) => void;
  workflowId: string;
  saveDraft: () => Promise<void>;
}) {
  // undefined while loading; null for a workflow made before webhooks, which gets its token now.
  const token = useLiveQuery(async () => (await db.workflows.get(workflowId))?.hookToken ?? null, [workflowId]);
  const [bodyText, setBodyText] = useState(() => JSON.stringify(trigger.settings.expectedBody, null, 2));
  const [bodyError, setBodyError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [test, setTest] = useState<{ status: number; text: string; runId?: string } | { error: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (token === null) void workflows.hookToken(workflowId).catch(() => {});
  }, [token, workflowId]);

  const url = token ? hookUrl(workflowId, token) : '';
  const set = (settings: Partial<WebhookTrigger['settings']>) =>
    onChange({ ...trigger, settings: { ...trigger.settings, ...settings } });

  const sendTest = async () => {
    if (!token) return;
    setBusy(true);
    setTest(null);
    try {
      if (!navigator.serviceWorker?.controller)
        throw new Error(
          t`the service worker does not control this tab yet, so nothing answers webhook URLs here: reload the page and try again`,
        );
      await saveDraft();
      const sample = webhookSample(trigger);
      const target = new URL(hookUrl(workflowId, token, true));
      for (const [k, v] of Object.entries(sample.query)) target.searchParams.set(k, String(v));
      const response = await fetch(
        target,
        trigger.settings.httpMethod === 'POST'
          ? { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(sample.body) }
          : { method: 'GET' },
      );
      const text = await response.text();
      let runId: string | undefined;
      try {
        runId = (JSON.parse(text) as { runId?: string }).runId;
      } catch {
        /* shown as text */
      }
      setTest({ status: response.status, text, runId });
    } catch (error) {
      setTest({ error: describeError(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <label className="stacked">
        <Trans>HTTP method</Trans>
        <select
          value={trigger.settings.httpMethod}
          onChange={(e) => set({ httpMethod: e.target.value as 'GET' | 'POST' })}
        >
          <option value="POST">{t`POST (JSON or form body)`}</option>
          <option value="GET">{t`GET (query string)`}</option>
        </select>
      </label>
      <div className="stacked">
        <label htmlFor="webhook-url">
          <Trans>Webhook URL</Trans>
        </label>
        <input id="webhook-url" readOnly value={url || 'Preparing…'} onFocus={(e) => e.target.select()} />
        <div className="toolbar">
          <button
            type="button"
            disabled={!url}
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(url);
                setNote(t`Copied to the clipboard.`);
              } catch {
                setNote(t`The browser refused the clipboard: select the URL and copy it by hand.`);
              }
            }}
          >
            <Trans>Copy URL</Trans>
          </button>
          <button
            type="button"
            onClick={async () => {
              try {
                await workflows.regenerateHookToken(workflowId);
                setNote(t`New token: the old URL now gets 401.`);
              } catch (error) {
                setNote(describeError(error));
              }
            }}
          >
            <Trans>Regenerate token</Trans>
          </button>
        </div>
        {note && (
          <p className="muted small" role="status">
            {note}
          </p>
        )}
      </div>
      <p className="muted small" id="webhook-reach">
        <Trans>
          <strong>Who can reach it:</strong> only pages and links opened in this browser — other Localflow tabs,
          bookmarks, bookmarklets, links you click. This browser’s service worker answers it; there is no server, so
          other computers and internet services cannot call it. With no Localflow tab open the service worker runs the
          workflow itself; code steps then wait until a tab is open. Callers get <code>{ACCEPTED_ANSWER}</code>; a wrong
          token gets 401, an inactive workflow 404.
        </Trans>
      </p>
      <label className="stacked">
        <Trans>Expected</Trans> {trigger.settings.httpMethod === 'GET' ? t`query (as JSON)` : t`body`}
        <Trans>: a sample that gives the variable picker its fields</Trans>
        <textarea
          rows={5}
          value={bodyText}
          aria-describedby={bodyError ? 'webhook-body-error' : undefined}
          onChange={(e) => {
            setBodyText(e.target.value);
            try {
              const value = JSON.parse(e.target.value || '{}') as unknown;
              if (!value || typeof value !== 'object' || Array.isArray(value))
                throw new Error(t`write a JSON object, e.g. ${JSON_EXAMPLE}`);
              setBodyError(null);
              set({ expectedBody: value as Record<string, unknown> });
            } catch (error) {
              setBodyError(error instanceof SyntaxError ? t`not valid JSON: ${error.message}` : describeError(error));
            }
          }}
        />
      </label>
      {bodyError && (
        <p className="error small" id="webhook-body-error" role="alert">
          {bodyError}
        </p>
      )}
      <div className="toolbar">
        <button type="button" disabled={busy || !token} onClick={() => void sendTest()}>
          <Trans>Send test request</Trans>
        </button>
        <span className="muted small">
          <Trans>Sends the sample to the test URL, which runs this draft.</Trans>
        </span>
      </div>
      {test &&
        ('error' in test ? (
          <p className="error small" role="alert">
            <Trans>Could not send: {test.error}</Trans>
          </p>
        ) : (
          <p className="small" role="status" aria-label={t`Test request result`}>
            <Trans>
              Answered HTTP {test.status}: <code>{test.text}</code>
            </Trans>
            {test.runId && (
              <>
                {' '}
                ·{' '}
                <Link to={`/runs/${test.runId}`}>
                  <Trans>Open the run</Trans>
                </Link>
              </>
            )}
          </p>
        ))}
    </>
  );
}
