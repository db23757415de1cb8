/** An email a workflow sends. */
export interface EmailMessage {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  bodyFormat: 'text' | 'html';
  from?: string;
}

/** `mailbox` table: mail sent while no email endpoint is set up (the in-app Outbox). */
export interface MailboxRow {
  id: string;
  at: number;
  runId: string;
  stepId: string;
  message: EmailMessage;
}

export const DEFAULT_EMAIL_TEMPLATE = JSON.stringify(
  {
    from: '{{email.from}}',
    to: '{{email.to}}',
    cc: '{{email.cc}}',
    bcc: '{{email.bcc}}',
    subject: '{{email.subject}}',
    text: '{{email.text}}',
    html: '{{email.html}}',
  },
  null,
  2,
);
