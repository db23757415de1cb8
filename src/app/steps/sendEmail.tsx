import { VariableInput } from '../editor/VariableInput';
import type { StepFormProps, StepUi } from './types';

export const sendEmailUi: StepUi<'SEND_EMAIL'> = {
  label: 'Send email',
  group: 'Core',
  description: 'Send an email through your email endpoint',
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
    ...(input.recipients.to.trim() ? [] : [{ field: 'To', message: 'say who receives the email' }]),
    ...(input.connectedAccountId
      ? [
          {
            message: `in Twenty this email went out through connected account ${input.connectedAccountId}: confirm that Localflow sends it through the email endpoint in Settings`,
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
          From Twenty: sent through connected account <code>{input.connectedAccountId}</code>. Localflow sends email
          through the endpoint in Settings (or the Outbox).{' '}
          <button type="button" className="small" onClick={() => setInput({ ...input, connectedAccountId: '' })}>
            Send through Localflow's email endpoint
          </button>
        </p>
      )}
      <VariableInput
        label="To"
        placeholder="ada@example.com, {{trigger.record.emails.primaryEmail}}"
        value={recipients.to}
        options={options}
        onChange={(to) => setRecipient('to', to)}
      />
      <VariableInput label="Cc" value={recipients.cc} options={options} onChange={(cc) => setRecipient('cc', cc)} />
      <VariableInput
        label="Bcc"
        value={recipients.bcc}
        options={options}
        onChange={(bcc) => setRecipient('bcc', bcc)}
      />
      <VariableInput
        label="Subject"
        value={input.subject}
        options={options}
        onChange={(subject) => setInput({ ...input, subject })}
      />
      <label className="stacked">
        Format
        <select value={input.bodyFormat} onChange={(e) => setInput({ ...input, bodyFormat: e.target.value })}>
          <option value="text">plain text</option>
          <option value="html">HTML</option>
        </select>
      </label>
      <VariableInput
        label="Message"
        multiline
        value={input.body}
        options={options}
        onChange={(body) => setInput({ ...input, body })}
      />
      <p className="muted small">
        Sent through the email endpoint in Settings; with none set up, mail goes to the in-app Outbox.
      </p>
    </>
  );
}
