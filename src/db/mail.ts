import { t } from '@lingui/core/macro';
import { uuidv7 } from '../engine/ids';
import { resolveValue } from '../engine/resolver';
import { DEFAULT_EMAIL_TEMPLATE, type EmailMessage, type MailboxRow } from '../schema/mail';
import { readSetting, type SettingsSource } from './settings';

export const EMAIL_SETTINGS_KEY = 'email';

/**
 * Email delivery for the engine: POST to the configured endpoint with the body template
 * filled in, or, with no endpoint, into the in-app Outbox so sending works on a fresh install.
 */
/** Where mail goes: settings to read, and the Outbox that keeps emails when no endpoint is set. */
export type MailSource = SettingsSource & { mailbox: { add(row: MailboxRow): PromiseLike<unknown> } };

export function emailService(db: MailSource, doFetch: typeof fetch = (...a) => globalThis.fetch(...a)) {
  return async (
    message: EmailMessage,
    idempotencyKey: string,
    where: { runId: string; stepId: string } = parseKey(idempotencyKey),
  ) => {
    const settings = await readSetting(db, EMAIL_SETTINGS_KEY);
    if (!settings?.url) {
      const id = uuidv7();
      await db.mailbox.add({
        id,
        at: Date.now(),
        runId: where.runId,
        stepId: where.stepId,
        message: { ...message, from: settings?.from || message.from },
      });
      return { messageId: id, deliveredTo: 'outbox' as const };
    }
    const email = {
      from: settings.from || message.from || '',
      to: message.to.join(', '),
      cc: message.cc.join(', '),
      bcc: message.bcc.join(', '),
      subject: message.subject,
      text: message.bodyFormat === 'text' ? message.body : '',
      html: message.bodyFormat === 'html' ? message.body : '',
      toList: message.to,
    };
    let template: unknown;
    try {
      template = JSON.parse(settings.bodyTemplate || DEFAULT_EMAIL_TEMPLATE);
    } catch {
      throw new Error(t`the email body template in Settings is not valid JSON`);
    }
    const body = JSON.stringify(resolveValue(template, { email }));
    let response: Response;
    try {
      response = await doFetch(settings.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...settings.headers, 'Idempotency-Key': idempotencyKey },
        body,
      });
    } catch (error) {
      const host = safeHost(settings.url);
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        t`the email endpoint ${host} could not be reached (${reason}); check its URL and that it allows this site (CORS)`,
      );
    }
    const text = await response.text();
    if (!response.ok) {
      const { status } = response;
      const answer = text.slice(0, 300);
      throw new Error(t`the email endpoint answered HTTP ${status}: ${answer}`);
    }
    let messageId = idempotencyKey;
    try {
      const parsed = JSON.parse(text) as { id?: unknown; messageId?: unknown };
      messageId = String(parsed.messageId ?? parsed.id ?? messageId);
    } catch {
      /* not JSON: keep the key */
    }
    return { messageId, deliveredTo: 'endpoint' as const };
  };
}

function parseKey(key: string) {
  const [runId, stepId] = key.split(':');
  return { runId, stepId };
}

function safeHost(url: string) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
