import type { FilterGroup } from '../../schema/filter';
import type { ObjectMetadata } from '../../schema/objectMetadata';
import type { FormField, Step, StepOfType } from '../../schema/workflow';
import { CodeEditor } from './CodeEditor';
import { FilterBuilder } from './FilterBuilder';
import { VariableInput } from './VariableInput';
import type { VariableOption } from './variables';

interface FormProps<S> { step: S; onChange: (s: S) => void; objects: ObjectMetadata[]; options: VariableOption[] }

export const emptyFilter = (): FilterGroup => ({ operator: 'AND', conditions: [] });

export function ObjectSelect({ value, onChange, objects, label = 'Object' }: { value: string; onChange: (v: string) => void; objects: ObjectMetadata[]; label?: string }) {
  return (
    <label className="stacked">
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {objects.map((o) => <option key={o.name} value={o.name}>{o.labelSingular}</option>)}
      </select>
    </label>
  );
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);
}

/** Values for record fields: text or variables; JSON for lists and composites. */
function RecordFields({ meta, value, onChange, options }: { meta?: ObjectMetadata; value: Record<string, unknown>; onChange: (v: Record<string, unknown>) => void; options: VariableOption[] }) {
  const unused = meta?.fields.filter((f) => !(f.name in value)) ?? [];
  return (
    <fieldset className="record-fields">
      <legend>Fields</legend>
      {Object.entries(value).map(([name, v]) => {
        const field = meta?.fields.find((f) => f.name === name);
        return (
          <div key={name} className="inputs-row">
            <VariableInput label={field?.label ?? name} value={text(v)} options={options}
              onChange={(next) => {
                let parsed: unknown = next;
                if (/^\s*[[{]/.test(next)) {
                  try { parsed = JSON.parse(next); } catch { parsed = next; }
                }
                onChange({ ...value, [name]: parsed });
              }} />
            <button type="button" className="small danger" aria-label={`Remove field ${field?.label ?? name}`}
              onClick={() => onChange(Object.fromEntries(Object.entries(value).filter(([k]) => k !== name)))}>✕</button>
          </div>
        );
      })}
      {unused.length > 0 && (
        <label className="stacked">
          Add a field
          <select value="" onChange={(e) => e.target.value && onChange({ ...value, [e.target.value]: '' })}>
            <option value="">Choose a field…</option>
            {unused.map((f) => <option key={f.name} value={f.name}>{f.label}</option>)}
          </select>
        </label>
      )}
    </fieldset>
  );
}

/** Name → value pairs (query parameters, headers); values accept variables. */
function KeyValues({ label, value, onChange, options }: { label: string; value: Record<string, string>; onChange: (v: Record<string, string>) => void; options: VariableOption[] }) {
  const entries = Object.entries(value);
  return (
    <fieldset className="record-fields">
      <legend>{label}</legend>
      {entries.map(([k, v], i) => (
        <div key={i} className="inputs-row">
          <label className="stacked">
            Name
            <input aria-label={`${label} ${i + 1}: name`} value={k} onChange={(e) => onChange(Object.fromEntries(entries.map(([a, b], j) => (j === i ? [e.target.value, b] : [a, b]))))} />
          </label>
          <VariableInput label={`${label} ${i + 1}: value`} value={v} options={options} onChange={(nv) => onChange(Object.fromEntries(entries.map(([a, b], j) => (j === i ? [a, nv] : [a, b]))))} />
          <button type="button" className="small danger" aria-label={`Remove ${label} ${i + 1}`} onClick={() => onChange(Object.fromEntries(entries.filter((_, j) => j !== i)))}>✕</button>
        </div>
      ))}
      <button type="button" className="small" onClick={() => onChange({ ...value, [entries.some(([k]) => k === '') ? `name${entries.length}` : '']: '' })}>+ Add</button>
    </fieldset>
  );
}

export function StepSettingsForm({ step, onChange, objects, options }: FormProps<Step>) {
  const byName = new Map(objects.map((o) => [o.name, o]));
  const setInput = (input: object) => onChange({ ...step, settings: { ...step.settings, input } } as Step);
  switch (step.type) {
    case 'CREATE_RECORD': case 'UPDATE_RECORD': case 'UPSERT_RECORD': case 'DELETE_RECORD': {
      const input = step.settings.input as StepOfType<'UPDATE_RECORD'>['settings']['input'] & { matchFields?: string[] };
      const meta = byName.get(input.objectName);
      return (
        <>
          <ObjectSelect value={input.objectName} objects={objects} onChange={(objectName) => setInput({ ...input, objectName, ...(step.type === 'DELETE_RECORD' ? {} : { objectRecord: {} }) })} />
          {(step.type === 'UPDATE_RECORD' || step.type === 'DELETE_RECORD') && (
            <VariableInput label="Record" placeholder="{{trigger.recordId}}" value={text(input.objectRecordId)} options={options}
              onChange={(objectRecordId) => setInput({ ...input, objectRecordId })} />
          )}
          {step.type !== 'DELETE_RECORD' && <RecordFields meta={meta} value={input.objectRecord ?? {}} options={options} onChange={(objectRecord) => setInput({ ...input, objectRecord })} />}
          {step.type === 'UPSERT_RECORD' && (
            <label className="stacked">
              Match on (comma-separated fields)
              <input value={(input.matchFields ?? []).join(', ')} onChange={(e) => setInput({ ...input, matchFields: e.target.value.split(',').map((s) => s.trim()).filter(Boolean) })} />
            </label>
          )}
        </>
      );
    }
    case 'FIND_RECORDS': {
      const input = step.settings.input;
      const meta = byName.get(input.objectName);
      const order = input.orderBy?.[0];
      return (
        <>
          <ObjectSelect value={input.objectName} objects={objects} onChange={(objectName) => setInput({ ...input, objectName, filter: emptyFilter(), orderBy: undefined })} />
          <FilterBuilder label="Conditions on the records" value={input.filter ?? emptyFilter()} object={meta} options={options} onChange={(filter) => setInput({ ...input, filter })} />
          <div className="inputs-row">
            <label className="stacked">
              Sort by
              <select value={order?.field ?? ''} onChange={(e) => setInput({ ...input, orderBy: e.target.value ? [{ field: e.target.value, direction: order?.direction ?? 'ASC' }] : undefined })}>
                <option value="">Oldest first</option>
                {meta?.fields.map((f) => <option key={f.name} value={f.name}>{f.label}</option>)}
              </select>
            </label>
            <label className="stacked">
              Direction
              <select value={order?.direction ?? 'ASC'} disabled={!order} onChange={(e) => setInput({ ...input, orderBy: [{ field: order!.field, direction: e.target.value as 'ASC' | 'DESC' }] })}>
                <option value="ASC">Ascending</option>
                <option value="DESC">Descending</option>
              </select>
            </label>
            <label className="stacked">
              Limit
              <input type="number" min={1} max={10000} value={input.limit} onChange={(e) => setInput({ ...input, limit: Number(e.target.value) || 1 })} />
            </label>
          </div>
        </>
      );
    }
    case 'FILTER':
      return <FilterBuilder label="Continue only if" value={step.settings.input.filter} options={options} onChange={(filter) => setInput({ filter })} />;
    case 'IF_ELSE': {
      const branches = step.settings.input.branches;
      return (
        <>
          {branches.map((b, i) => b.filter ? (
            <div key={b.id} className="branch">
              <FilterBuilder label={i === 0 ? 'If' : `Else if (${i})`} value={b.filter} options={options}
                onChange={(filter) => setInput({ branches: branches.map((x) => (x.id === b.id ? { ...x, filter } : x)) })} />
              {i > 0 && <button type="button" className="small danger" onClick={() => setInput({ branches: branches.filter((x) => x.id !== b.id) })}>Remove this branch</button>}
            </div>
          ) : <p key={b.id} className="muted">Else: when no branch above matches.</p>)}
          <button type="button" className="small" onClick={() => {
            let n = branches.length;
            while (branches.some((b) => b.id === `branch-${n}`)) n++;
            const elseAt = branches.findIndex((b) => !b.filter);
            const added = { id: `branch-${n}`, filter: emptyFilter(), nextStepIds: [] };
            setInput({ branches: elseAt < 0 ? [...branches, added] : [...branches.slice(0, elseAt), added, ...branches.slice(elseAt)] });
          }}>+ Else if</button>
        </>
      );
    }
    case 'ITERATOR': {
      const input = step.settings.input;
      return (
        <>
          <VariableInput label="Items" placeholder="{{search.all}}" value={text(input.items)} options={options} onChange={(items) => setInput({ ...input, items })} />
          <label className="inline">
            <input type="checkbox" checked={input.continueOnIterationFailure} onChange={(e) => setInput({ ...input, continueOnIterationFailure: e.target.checked })} />
            Continue with the next item when one fails
          </label>
        </>
      );
    }
    case 'HTTP_REQUEST': {
      const input = step.settings.input;
      return (
        <>
          <div className="inputs-row">
            <label className="stacked">
              Method
              <select value={input.method} onChange={(e) => setInput({ ...input, method: e.target.value })}>
                {['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].map((m) => <option key={m}>{m}</option>)}
              </select>
            </label>
            <VariableInput label="URL" placeholder="https://example.com/api" value={input.url} options={options} onChange={(url) => setInput({ ...input, url })} />
          </div>
          <KeyValues label="Query parameters" value={input.query} options={options} onChange={(query) => setInput({ ...input, query })} />
          <KeyValues label="Headers" value={input.headers} options={options} onChange={(headers) => setInput({ ...input, headers })} />
          {input.method !== 'GET' && (
            <>
              <label className="stacked">
                Body
                <select value={input.bodyType} onChange={(e) => setInput({ ...input, bodyType: e.target.value })}>
                  <option value="none">none</option>
                  <option value="json">JSON</option>
                  <option value="form">form fields (JSON object of fields)</option>
                  <option value="raw">raw text</option>
                </select>
              </label>
              {input.bodyType !== 'none' && (
                <VariableInput label="Request body" multiline value={text(input.body)} options={options}
                  onChange={(v) => {
                    let body: unknown = v;
                    if (input.bodyType !== 'raw' && /^\s*[[{]/.test(v)) {
                      try { body = JSON.parse(v); } catch { body = v; }
                    }
                    setInput({ ...input, body });
                  }} />
              )}
            </>
          )}
          <div className="inputs-row">
            <label className="stacked">
              Timeout (seconds)
              <input type="number" min={0.1} max={300} step="any" value={input.timeoutMs / 1000} onChange={(e) => setInput({ ...input, timeoutMs: Math.max(100, Math.round(Number(e.target.value) * 1000) || 30_000) })} />
            </label>
            <label className="stacked">
              Read the answer as
              <select value={input.responseType} onChange={(e) => setInput({ ...input, responseType: e.target.value })}>
                <option value="auto">by its content type</option>
                <option value="json">JSON</option>
                <option value="text">text</option>
              </select>
            </label>
          </div>
          <label className="inline">
            <input type="checkbox" checked={input.failOnNon2xx} onChange={(e) => setInput({ ...input, failOnNon2xx: e.target.checked })} />
            Fail the step when the status is not 2xx
          </label>
          <p className="muted small">Requests go from this browser: the endpoint must allow this site (CORS). Each carries an Idempotency-Key header.</p>
        </>
      );
    }
    case 'SEND_EMAIL': {
      const input = step.settings.input;
      return (
        <>
          <VariableInput label="To" placeholder="ada@example.com, {{trigger.record.emails.primaryEmail}}" value={input.to} options={options} onChange={(to) => setInput({ ...input, to })} />
          <VariableInput label="Cc" value={input.cc} options={options} onChange={(cc) => setInput({ ...input, cc })} />
          <VariableInput label="Bcc" value={input.bcc} options={options} onChange={(bcc) => setInput({ ...input, bcc })} />
          <VariableInput label="Subject" value={input.subject} options={options} onChange={(subject) => setInput({ ...input, subject })} />
          <label className="stacked">
            Format
            <select value={input.bodyFormat} onChange={(e) => setInput({ ...input, bodyFormat: e.target.value })}>
              <option value="text">plain text</option>
              <option value="html">HTML</option>
            </select>
          </label>
          <VariableInput label="Message" multiline value={input.body} options={options} onChange={(body) => setInput({ ...input, body })} />
          <p className="muted small">Sent through the email endpoint in Settings; with none set up, mail goes to the in-app Outbox.</p>
        </>
      );
    }
    case 'AI_AGENT': {
      const input = step.settings.input;
      return (
        <>
          <VariableInput label="Prompt" multiline value={input.prompt} options={options} onChange={(prompt) => setInput({ ...input, prompt })} />
          <VariableInput label="Instructions (system prompt)" multiline value={input.systemPrompt} options={options} onChange={(systemPrompt) => setInput({ ...input, systemPrompt })} />
          <label className="stacked">
            Response schema (JSON Schema; empty for a text answer)
            <textarea rows={5} value={input.responseSchema} placeholder='{"type":"object","properties":{"score":{"type":"number"}},"required":["score"]}'
              onChange={(e) => setInput({ ...input, responseSchema: e.target.value })} />
          </label>
          <p className="muted small">Uses the AI endpoint in Settings. With a schema, an answer that is not JSON of that shape fails the step.</p>
        </>
      );
    }
    case 'FORM': {
      const input = step.settings.input;
      const setField = (i: number, patch: Partial<FormField>) => setInput({ ...input, fields: input.fields.map((f, j) => (j === i ? { ...f, ...patch } : f)) });
      return (
        <>
          <VariableInput label="Form title" value={input.title} options={options} onChange={(title) => setInput({ ...input, title })} />
          <VariableInput label="Description" multiline value={input.description} options={options} onChange={(description) => setInput({ ...input, description })} />
          {input.fields.map((f, i) => (
            <fieldset key={i} className="record-fields" aria-label={`Field ${i + 1}`}>
              <legend>Field {i + 1}</legend>
              <div className="inputs-row">
                <label className="stacked">Label<input value={f.label} onChange={(e) => setField(i, { label: e.target.value })} /></label>
                <label className="stacked">Name<input value={f.name} onChange={(e) => setField(i, { name: e.target.value })} /></label>
              </div>
              <div className="inputs-row">
                <label className="stacked">
                  Kind
                  <select value={f.type} onChange={(e) => setField(i, { type: e.target.value as FormField['type'] })}>
                    <option value="TEXT">Text</option><option value="NUMBER">Number</option><option value="DATE">Date</option>
                    <option value="SELECT">Select</option><option value="MULTI_SELECT">Multi-select</option><option value="RECORD">Record</option>
                  </select>
                </label>
                <label className="inline"><input type="checkbox" checked={f.required} onChange={(e) => setField(i, { required: e.target.checked })} /> Required</label>
              </div>
              {(f.type === 'SELECT' || f.type === 'MULTI_SELECT') && (
                <label className="stacked">Options (comma-separated)<input value={f.options.join(', ')} onChange={(e) => setField(i, { options: e.target.value.split(',').map((o) => o.trim()).filter(Boolean) })} /></label>
              )}
              {f.type === 'RECORD' && <ObjectSelect value={f.objectName ?? objects[0]?.name ?? ''} objects={objects} onChange={(objectName) => setField(i, { objectName })} />}
              <VariableInput label={`Default for ${f.label || `field ${i + 1}`}`} value={text(f.defaultValue)} options={options} onChange={(v) => setField(i, { defaultValue: v || undefined })} />
              <button type="button" className="small danger" disabled={input.fields.length === 1} onClick={() => setInput({ ...input, fields: input.fields.filter((_, j) => j !== i) })}>Remove field {i + 1}</button>
            </fieldset>
          ))}
          <button type="button" className="small" onClick={() => setInput({ ...input, fields: [...input.fields, { name: `field${input.fields.length + 1}`, label: `Field ${input.fields.length + 1}`, type: 'TEXT', placeholder: '', options: [], required: false }] })}>+ Field</button>
          <p className="muted small">When a run reaches this step it waits; the form appears in the Inbox, and the answers become this step's output.</p>
        </>
      );
    }
    case 'CODE': {
      const input = step.settings.input;
      return (
        <>
          <KeyValues label="Parameters" value={input.params as Record<string, string>} options={options} onChange={(params) => setInput({ ...input, params })} />
          <CodeEditor label="Code (JavaScript)" value={input.code} onChange={(code) => setInput({ ...input, code })} />
          <label className="stacked">
            Stop after (seconds)
            <input type="number" min={0.1} max={300} step="any" value={input.timeoutMs / 1000} onChange={(e) => setInput({ ...input, timeoutMs: Math.max(100, Math.round(Number(e.target.value) * 1000) || 10_000) })} />
          </label>
          <p className="muted small">Runs isolated from Localflow (no access to its data, storage or page); <code>params</code> holds the parameters above; return an object. <code>console.log</code> lines show in the run. Tab indents; Escape leaves the editor.</p>
        </>
      );
    }
    case 'DELAY': {
      const input = step.settings.input;
      return (
        <>
          <label className="stacked">
            Wait
            <select value={input.delayType} onChange={(e) => setInput(e.target.value === 'DURATION'
              ? { delayType: 'DURATION', duration: { days: 0, hours: 0, minutes: 5, seconds: 0 } }
              : { delayType: 'SCHEDULED_DATE', scheduledDateTime: '' })}>
              <option value="DURATION">for a duration</option>
              <option value="SCHEDULED_DATE">until a date</option>
            </select>
          </label>
          {input.delayType === 'DURATION' ? (
            <div className="inputs-row">
              {(['days', 'hours', 'minutes', 'seconds'] as const).map((unit) => (
                <label key={unit} className="stacked">
                  {unit[0].toUpperCase() + unit.slice(1)}
                  <input type="number" min={0} value={input.duration[unit]} onChange={(e) => setInput({ ...input, duration: { ...input.duration, [unit]: Math.max(0, Number(e.target.value) || 0) } })} />
                </label>
              ))}
            </div>
          ) : (
            <VariableInput label="Date and time" placeholder="2027-01-31T09:00:00Z or a variable" value={input.scheduledDateTime} options={options}
              onChange={(scheduledDateTime) => setInput({ ...input, scheduledDateTime })} />
          )}
        </>
      );
    }
  }
}
