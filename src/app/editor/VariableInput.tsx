import { useId, useRef, useState } from 'react';
import { variablesIn } from '../../engine/resolver';
import { variableLabel, type VariableOption } from './variables';

/**
 * A text input that accepts `{{…}}` variables. "Insert variable" opens a searchable list of
 * the trigger's and earlier steps' outputs; chosen variables show below as readable chips.
 */
export function VariableInput({
  label,
  value,
  onChange,
  options,
  multiline,
  placeholder,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: VariableOption[];
  multiline?: boolean;
  placeholder?: string;
}) {
  const id = useId();
  const [picking, setPicking] = useState(false);
  const [query, setQuery] = useState('');
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const used = variablesIn(value);
  const insert = (path: string) => {
    const el = ref.current;
    const at = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? at;
    onChange(`${value.slice(0, at)}{{${path}}}${value.slice(end)}`);
    setPicking(false);
    setQuery('');
    requestAnimationFrame(() => el?.focus());
  };
  const shown = options.filter((o) => !query || o.label.toLowerCase().includes(query.toLowerCase()));
  const Field = multiline ? 'textarea' : 'input';
  return (
    <div className="variable-input">
      <label htmlFor={id}>{label}</label>
      <div className="inputs-row">
        <Field
          id={id}
          ref={ref}
          value={value}
          placeholder={placeholder}
          rows={multiline ? 3 : undefined}
          onChange={(e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(e.target.value)}
        />
        <button
          type="button"
          className="small"
          aria-expanded={picking}
          aria-label={`Insert variable into ${label}`}
          disabled={options.length === 0}
          title={options.length ? 'Insert a variable' : 'No earlier step has output yet'}
          onClick={() => setPicking((p) => !p)}
        >
          {'{ }'}
        </button>
      </div>
      {used.length > 0 && (
        <div className="chips" aria-label={`Variables in ${label}`}>
          {used.map((path, i) => (
            <span key={`${path}-${i}`} className="chip variable-chip" title={`{{${path}}}`}>
              {variableLabel(path, options)}
            </span>
          ))}
        </div>
      )}
      {picking && (
        <div className="variable-picker" role="dialog" aria-label={`Variables for ${label}`}>
          <input
            type="search"
            autoFocus
            aria-label="Search variables"
            placeholder="Search…"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') setPicking(false);
            }}
          />
          <ul role="listbox" aria-label="Variables">
            {shown.slice(0, 200).map((o) => (
              <li key={o.path} role="option" aria-selected={false}>
                <button type="button" onClick={() => insert(o.path)}>
                  {o.label}
                </button>
              </li>
            ))}
            {shown.length === 0 && <li className="muted">No variable matches.</li>}
          </ul>
        </div>
      )}
    </div>
  );
}
