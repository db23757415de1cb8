import { t } from '@lingui/core/macro';
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  syntaxHighlighting,
  syntaxTree,
} from '@codemirror/language';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import { attributes, mount, type Common, type EditorHandle } from './index';

/** Syntax errors, found by the JavaScript parser as you type (no code is run). */
const syntaxErrors = linter((view) => {
  const found: Diagnostic[] = [];
  syntaxTree(view.state).iterate({
    enter(node) {
      if (!node.type.isError) return;
      const line = view.state.doc.lineAt(node.from);
      found.push({
        from: node.from,
        to: Math.max(node.to, Math.min(node.from + 1, line.to)),
        severity: 'error',
        message: t`Syntax error on line ${line.number}: this is not valid JavaScript here.`,
      });
    },
  });
  return found.slice(0, 20);
});

/**
 * The code step's editor: JavaScript highlighting, line numbers, bracket matching and closing,
 * undo that covers indentation, syntax errors marked as you type. Tab indents; Escape then Tab leaves.
 */
export function createCodeEditor(parent: HTMLElement, options: Common): EditorHandle {
  return mount(parent, options, [
    lineNumbers(),
    history(),
    bracketMatching(),
    closeBrackets(),
    indentOnInput(),
    highlightActiveLine(),
    syntaxHighlighting(defaultHighlightStyle),
    javascript(),
    syntaxErrors,
    lintGutter(),
    keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
    attributes(options, true),
  ]);
}
