import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { createContext, useContext, useEffect, useId, useMemo, useRef, useState } from 'react';
import { resolveValue, stringify, variablesIn } from '../../engine/resolver';
import type { ChipInfo } from './cm';
import { loadEditors, useEditorHandle } from './useEditorHandle';
import { useFieldProblem } from './fieldProblems';
import { listKeys, useSearchList } from '../components/searchList';
import { variableLabel, type VariableOption } from './variables';

/** The context of the editor's last test run (`{trigger: …, <stepId>: …}`): chips show values from it. */
export const LastRunContext = createContext<Record<string, unknown> | undefined>(undefined);

const VARIABLE_MARK = '{{…}}';

/**
 * A text field that accepts `{{…}}` variables, shown in the text as chips with their readable
 * names (a chip is one unit for the cursor and Backspace). "Insert variable" opens a searchable
 * list of the trigger's and earlier steps' outputs and inserts at the cursor; hovering a chip
 * shows its value in the last test run, and a preview shows the text resolved with it.
 */
export function VariableInput({
  label,
  value,
  onChange,
  options,
  multiline,
  placeholder,
  describedBy,
  labelHidden,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  options: VariableOption[];
  multiline?: boolean;
  placeholder?: string;
  /** The id of a message about this field (a problem shown next to it). */
  describedBy?: string;
  /** The label is for screen readers only (a condition's parts read as one sentence on screen). */
  labelHidden?: boolean;
}) {
  const id = useId();
  const lastRun = useContext(LastRunContext);
  const problem = useFieldProblem(label);
  const [picking, setPicking] = useState(false);
  const [raw, setRaw] = useState(false);
  const chips = useMemo<ChipInfo | null>(
    () => (raw ? null : { label: (p) => variableLabel(p, options), lastRun }),
    [raw, options, lastRun],
  );
  const { host, handle } = useEditorHandle(loadEditors, value, onChange, (cm, parent, change) =>
    cm.createVariableField(parent, {
      value,
      onChange: change,
      labelledBy: `${id}-label`,
      describedBy: [`${id}-problem`, describedBy].filter(Boolean).join(' '),
      multiline: !!multiline,
      placeholder,
      chips,
    }),
  );
  useEffect(() => handle?.setChips(chips), [handle, chips]);

  const insert = (path: string) => {
    setPicking(false);
    handle?.insert(`{{${path}}}`);
  };

  const used = variablesIn(value);
  let preview: string | null = null;
  if (lastRun && used.length > 0) {
    try {
      preview = stringify(resolveValue(value, lastRun));
    } catch (e) {
      const reason = (e as Error).message;
      preview = t`(cannot be resolved: ${reason})`;
    }
  }

  return (
    <div className="variable-input">
      <label id={`${id}-label`} className={labelHidden ? 'sr-only' : undefined} onClick={() => handle?.focus()}>
        {label}
      </label>
      <div className="inputs-row">
        <div
          ref={host}
          className={`variable-field${multiline ? ' multiline' : ''}`}
          data-testid="variable-field"
          data-value={value}
        />
        <button
          type="button"
          className="small"
          aria-expanded={picking}
          aria-label={t`Insert variable into ${label}`}
          disabled={options.length === 0}
          title={options.length ? t`Insert a variable` : t`No earlier step has output yet`}
          onClick={() => setPicking((p) => !p)}
        >
          {'{ }'}
        </button>
      </div>
      <p id={`${id}-problem`} className="field-problem" hidden={!problem}>
        {problem}
      </p>
      {used.length > 0 && (
        <div className="field-foot muted small">
          {preview !== null && (
            <span className="variable-preview" aria-label={t`Preview of ${label}`}>
              <Trans>With the last test:</Trans> <q>{preview}</q>
            </span>
          )}
          <button
            type="button"
            className="link-button"
            aria-pressed={raw}
            onClick={() => setRaw((r) => !r)}
            title={t`Show the variables as ${VARIABLE_MARK} text`}
          >
            {raw ? t`Show chips` : t`Show as text`}
          </button>
        </div>
      )}
      {picking && (
        <VariablePicker
          label={label}
          options={options}
          onPick={insert}
          onClose={() => {
            setPicking(false);
            handle?.focus();
          }}
        />
      )}
    </div>
  );
}

/** A searchable list of variables: a combobox (arrows move, Enter picks, Escape closes). */
function VariablePicker({
  label,
  options,
  onPick,
  onClose,
}: {
  label: string;
  options: VariableOption[];
  onPick: (path: string) => void;
  onClose: () => void;
}) {
  const id = useId();
  const { query, active, setActive, search, matches } = useSearchList();
  const list = useRef<HTMLUListElement>(null);
  const shown = options.filter((o) => matches(o.label)).slice(0, 200);
  const current = Math.min(active, shown.length - 1);
  const move = (to: number) => {
    setActive(to);
    list.current?.children[to]?.scrollIntoView({ block: 'nearest' });
  };
  return (
    <div className="variable-picker" role="dialog" aria-label={t`Variables for ${label}`}>
      <input
        type="search"
        autoFocus
        role="combobox"
        aria-label={t`Search variables`}
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-activedescendant={current >= 0 ? `${id}-${current}` : undefined}
        placeholder={t`Search…`}
        value={query}
        onChange={(e) => search(e.target.value)}
        onKeyDown={listKeys(shown.length, current, move, (i) => onPick(shown[i].path), onClose)}
      />
      <ul role="listbox" id={`${id}-list`} aria-label={t`Variables`} ref={list}>
        {shown.map((o, i) => (
          <li
            key={o.path}
            id={`${id}-${i}`}
            role="option"
            aria-selected={i === current}
            className={i === current ? 'active' : undefined}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => onPick(o.path)}
          >
            {o.label}
          </li>
        ))}
      </ul>
      {shown.length === 0 && (
        <p className="muted small">
          <Trans>No variable matches.</Trans>
        </p>
      )}
    </div>
  );
}
