/**
 * Localflow's CodeMirror 6 variable fields, in their own chunk: loaded when a field first needs
 * them (the editor page asks early), so pages that only show steps never load CodeMirror. The
 * code editor, with the JavaScript language, is a further chunk (`./code`).
 * Each editor is a small handle the React components drive.
 */
import { history, historyKeymap, standardKeymap } from '@codemirror/commands';
import { Annotation, Compartment, EditorState, Transaction, type Extension } from '@codemirror/state';
import { EditorView, keymap, placeholder as placeholderText } from '@codemirror/view';
import { chipInfo, singleLine, variableChips, type ChipInfo } from './variableChips';

export type { ChipInfo };

export interface EditorHandle {
  /** Replaces the text (a new value from outside: undo in the workflow's history, another field). */
  setValue(value: string): void;
  focus(): void;
  destroy(): void;
}

export interface VariableFieldHandle extends EditorHandle {
  /** Chips with these names and last values; null shows the raw `{{…}}` text. */
  setChips(info: ChipInfo | null): void;
  /** Inserts text at the cursor (replacing the selection) as the person's own edit. */
  insert(text: string): void;
}

export interface Common {
  value: string;
  onChange(value: string): void;
  /** The id of the visible label (the editable area is named by it). */
  labelledBy: string;
  describedBy?: string;
}

/** Marks a change that came from outside, so it is not reported back as an edit nor undone. */
const fromOutside = Annotation.define<boolean>();

export function mount(parent: HTMLElement, options: Common, extensions: Extension) {
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.value,
      extensions: [
        extensions,
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !u.transactions.some((t) => t.annotation(fromOutside)))
            options.onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    setValue(value: string) {
      const current = view.state.doc.toString();
      if (current === value) return;
      view.dispatch({
        changes: { from: 0, to: current.length, insert: value },
        annotations: [fromOutside.of(true), Transaction.addToHistory.of(false)],
      });
    },
    focus: () => view.focus(),
    destroy: () => view.destroy(),
  };
}

export function attributes(options: Common, multiline: boolean) {
  return EditorView.contentAttributes.of({
    'aria-labelledby': options.labelledBy,
    ...(multiline ? { 'aria-multiline': 'true' } : {}),
    ...(options.describedBy ? { 'aria-describedby': options.describedBy } : {}),
  });
}

/** A text field with `{{…}}` variables drawn as chips (one unit for the cursor and Backspace). */
export function createVariableField(
  parent: HTMLElement,
  options: Common & { multiline: boolean; placeholder?: string; chips: ChipInfo | null },
): VariableFieldHandle {
  const chips = new Compartment();
  const chipExtensions = (info: ChipInfo | null) => (info ? [variableChips, chipInfo.of(info)] : []);
  const { view, ...base } = mount(parent, options, [
    history(),
    keymap.of([...standardKeymap, ...historyKeymap]),
    attributes(options, options.multiline),
    options.placeholder ? placeholderText(options.placeholder) : [],
    // Long text wraps, so the words around a variable stay in view (a single-line field still takes no line break).
    EditorView.lineWrapping,
    options.multiline ? [] : singleLine,
    chips.of(chipExtensions(options.chips)),
  ]);
  return {
    ...base,
    setChips: (info) => view.dispatch({ effects: chips.reconfigure(chipExtensions(info)) }),
    insert(text) {
      const { from, to } = view.state.selection.main;
      view.dispatch({
        changes: { from, to, insert: text },
        selection: { anchor: from + text.length },
        annotations: Transaction.userEvent.of('input'),
      });
      view.focus();
    },
  };
}
