import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { httpDefaults } from '../../engine/steps/httpRequest';
import { VariableInput } from '../editor/VariableInput';
import { KeyValues, SecondsInput, text } from '../editor/formWidgets';
import type { StepFormProps, StepUi } from './types';

export const httpRequestUi: StepUi<'HTTP_REQUEST'> = {
  get label() {
    return t`HTTP request`;
  },
  group: 'Core',
  get description() {
    return t`Call a web address (API) and use its answer`;
  },
  defaultInput: () => ({
    method: 'GET',
    url: '',
    query: {},
    headers: {},
    bodyType: 'none',
    timeoutMs: 30_000,
    responseType: 'auto',
    failOnNon2xx: true,
  }),
  Form: HttpRequestForm,
};

function HttpRequestForm({ step, setInput, options }: StepFormProps<'HTTP_REQUEST'>) {
  const input = httpDefaults(step.settings.input);
  return (
    <>
      <div className="inputs-row">
        <label className="stacked">
          <Trans>Method</Trans>
          <select value={input.method} onChange={(e) => setInput({ ...input, method: e.target.value })}>
            {['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <VariableInput
          label={t`URL`}
          placeholder={t`https://example.com/api`}
          value={input.url}
          options={options}
          onChange={(url) => setInput({ ...input, url })}
        />
      </div>
      <KeyValues
        label={t`Query parameters`}
        value={input.query}
        options={options}
        onChange={(query) => setInput({ ...input, query })}
      />
      <KeyValues
        label={t`Headers`}
        value={input.headers}
        options={options}
        onChange={(headers) => setInput({ ...input, headers })}
      />
      {input.method !== 'GET' && (
        <>
          <label className="stacked">
            <Trans>Body</Trans>
            <select value={input.bodyType} onChange={(e) => setInput({ ...input, bodyType: e.target.value })}>
              <option value="none">{t`none`}</option>
              <option value="json">{t`JSON`}</option>
              <option value="form">{t`form fields (JSON object of fields)`}</option>
              <option value="raw">{t`raw text`}</option>
            </select>
          </label>
          {input.bodyType !== 'none' && (
            <VariableInput
              label={t`Request body`}
              multiline
              value={text(input.body)}
              options={options}
              onChange={(v) => {
                let body: unknown = v;
                if (input.bodyType !== 'raw' && /^\s*[[{]/.test(v)) {
                  try {
                    body = JSON.parse(v);
                  } catch {
                    body = v;
                  }
                }
                setInput({ ...input, body });
              }}
            />
          )}
        </>
      )}
      <div className="inputs-row">
        <SecondsInput
          label={t`Timeout (seconds)`}
          valueMs={input.timeoutMs}
          fallbackMs={30_000}
          onChange={(timeoutMs) => setInput({ ...input, timeoutMs })}
        />
        <label className="stacked">
          <Trans>Read the answer as</Trans>
          <select value={input.responseType} onChange={(e) => setInput({ ...input, responseType: e.target.value })}>
            <option value="auto">{t`by its content type`}</option>
            <option value="json">{t`JSON`}</option>
            <option value="text">{t`text`}</option>
          </select>
        </label>
      </div>
      <label className="inline">
        <input
          type="checkbox"
          checked={input.failOnNon2xx}
          onChange={(e) => setInput({ ...input, failOnNon2xx: e.target.checked })}
        />
        <Trans>Fail the step when the status is not 2xx</Trans>
      </label>
      <p className="muted small">
        <Trans>
          Requests go from this browser: the endpoint must allow this site (CORS). Each carries an Idempotency-Key
          header.
        </Trans>
      </p>
    </>
  );
}
