import { Trans } from '@lingui/react/macro';
import { useId } from 'react';
import { loadCodeEditor, useEditorHandle } from './useEditorHandle';
import { useFieldProblem } from './fieldProblems';

/**
 * The code step's editor (CodeMirror 6, see `cm/`): JavaScript highlighting, line numbers,
 * bracket matching, undo that covers indentation, syntax errors marked as you type.
 */
export function CodeEditor({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const id = useId();
  const problem = useFieldProblem(label);
  const { host, handle } = useEditorHandle(loadCodeEditor, value, onChange, (cm, parent, change) =>
    cm.createCodeEditor(parent, { value, onChange: change, labelledBy: id, describedBy: `${id}-problem` }),
  );
  return (
    <div className="stacked">
      <label id={id} onClick={() => handle?.focus()}>
        {label}
      </label>
      <div ref={host} className="code-editor" />
      <p id={`${id}-problem`} className="field-problem" hidden={!problem}>
        {problem}
      </p>
      <span className="muted small">
        <Trans>Tab indents; press Escape, then Tab, to leave the editor.</Trans>
      </span>
    </div>
  );
}
