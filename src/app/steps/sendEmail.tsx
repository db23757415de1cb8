import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { VariableInput } from '../editor/VariableInput';
import type { StepFormProps, StepUi } from './types';

export const sendEmailUi: StepUi<'SEND_EMAIL'> = {
  get label() {
    return t`Send email`;
  },
  group: 'Core',
  get description() {
    return t`Send an email through your email endpoint`;
  },
  defaultInput: () => ({
    connectedAccountId: '',
    recipients: { to: '', cc: '', bcc: '' },
    subject: '',
    body: '',
    files: [],
    bodyFormat: 'text',
  }),
  Form: SendEmailForm,
  problems: ({ settings: { input } }) => [
    ...(input.recipients.to.trim() ? [] : [{ field: t`To`, message: t`say who receives the email` }]),
    ...(input.connectedAccountId
      ? [
          {
            message: t`in Twenty this email went out through connected account ${input.connectedAccountId}: confirm that Localflow sends it through the email endpoint in Settings`,
          },
        ]
      : []),
  ],
};

function SendEmailForm({ step, setInput, options }: StepFormProps<'SEND_EMAIL'>) {
  const input = step.settings.input;
  const recipients = input.recipients;
  const setRecipient = (key: 'to' | 'cc' | 'bcc', value: string) =>
    setInput({ ...input, recipients: { ...recipients, [key]: value } });
  return (
    <>
      {input.connectedAccountId && (
        <p className="notice" role="note">
          <Trans>
            From Twenty: sent through connected account <code>{input.connectedAccountId}</code>. Localflow sends email
            through the endpoint in Settings (or the Outbox).{' '}
          </Trans>
          <button type="button" className="small" onClick={() => setInput({ ...input, connectedAccountId: '' })}>
            <Trans>Send through Localflow's email endpoint</Trans>
          </button>
        </p>
      )}
      <VariableInput
        label={t`To`}
        placeholder="ada@example.com, {{trigger.record.emails.primaryEmail}}"
        value={recipients.to}
        options={options}
        onChange={(to) => setRecipient('to', to)}
      />
      <VariableInput label={t`Cc`} value={recipients.cc} options={options} onChange={(cc) => setRecipient('cc', cc)} />
      <VariableInput
        label={t`Bcc`}
        value={recipients.bcc}
        options={options}
        onChange={(bcc) => setRecipient('bcc', bcc)}
      />
      <VariableInput
        label={t`Subject`}
        value={input.subject}
        options={options}
        onChange={(subject) => setInput({ ...input, subject })}
      />
      <label className="stacked">
        <Trans>Format</Trans>
        <select value={input.bodyFormat} onChange={(e) => setInput({ ...input, bodyFormat: e.target.value })}>
          <option value="text">{t`plain text`}</option>
          <option value="html">{t`HTML`}</option>
        </select>
      </label>
      <VariableInput
        label={t`Message`}
        multiline
        value={input.body}
        options={options}
        onChange={(body) => setInput({ ...input, body })}
      />
      <p className="muted small">
        <Trans>Sent through the email endpoint in Settings; with none set up, mail goes to the in-app Outbox.</Trans>
      </p>
    </>
  );
}
