import { t } from '@lingui/core/macro';
import type { EmailMessage } from '../../schema/mail';
import { StepError, type StepDefinition } from './types';

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

function recipients(list: unknown, field: string): string[] {
  const parts = (Array.isArray(list) ? list.map(String) : String(list ?? '').split(/[,;]/))
    .map((s) => s.trim())
    .filter(Boolean);
  for (const p of parts) if (!EMAIL.test(p)) throw new StepError(t`${field}: “${p}” is not an email address`);
  return parts;
}

/** Sends an email through the configured endpoint, or into the in-app Outbox when there is none. */
export const sendEmail: StepDefinition<'SEND_EMAIL'> = {
  type: 'SEND_EMAIL',
  outputs: () => [{ path: 'messageId', label: t`Message id` }],
  external: true,
  async execute(ctx) {
    const input = ctx.resolve(ctx.step.settings.input) as typeof ctx.step.settings.input;
    if (input.connectedAccountId)
      throw new StepError(
        t`this step comes from Twenty and names its connected email account: confirm in the editor that it sends through the email endpoint in Settings`,
      );
    const message: EmailMessage = {
      to: recipients(input.recipients.to, t`To`),
      cc: recipients(input.recipients.cc, t`Cc`),
      bcc: recipients(input.recipients.bcc, t`Bcc`),
      subject: String(input.subject ?? ''),
      body: String(input.body ?? ''),
      bodyFormat: input.bodyFormat,
    };
    if (message.to.length === 0) throw new StepError(t`To: no recipient (the variable may be empty)`);
    const sent = await ctx.services.sendEmail(message, ctx.idempotencyKey);
    return { input: message, output: { success: true, messageId: sent.messageId, deliveredTo: sent.deliveredTo } };
  },
};
