import { VariableInput } from '../editor/VariableInput';
import type { StepFormProps, StepUi } from './types';

export const sendEmailUi: StepUi<'SEND_EMAIL'> = {
  label: 'Send email',
  group: 'Core',
  defaultInput: () => ({ to: '', cc: '', bcc: '', subject: '', body: '', bodyFormat: 'text' }),
  Form: SendEmailForm,
};

function SendEmailForm({ step, setInput, options }: StepFormProps<'SEND_EMAIL'>) {
  const input = step.settings.input;
  return (
    <>
      <VariableInput
        label="To"
        placeholder="ada@example.com, {{trigger.record.emails.primaryEmail}}"
        value={input.to}
        options={options}
        onChange={(to) => setInput({ ...input, to })}
      />
      <VariableInput label="Cc" value={input.cc} options={options} onChange={(cc) => setInput({ ...input, cc })} />
      <VariableInput label="Bcc" value={input.bcc} options={options} onChange={(bcc) => setInput({ ...input, bcc })} />
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
