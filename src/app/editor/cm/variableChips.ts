/**
 * CodeMirror pieces for text with `{{…}}` variables: each variable is drawn as a chip with its
 * readable name, moved over and deleted as one unit (atomic ranges), and its value from the last
 * test run shows on hover. The document stays the raw text, so copy and paste keep the variables.
 */
import { t } from '@lingui/core/macro';
import { EditorState, Facet, type Extension } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  hoverTooltip,
  MatchDecorator,
  ViewPlugin,
  WidgetType,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view';
import { evaluate, stringify } from '../../../engine/resolver';

export interface ChipInfo {
  /** The readable name of a variable path ("Person created › Name › First name"). */
  label(path: string): string;
  /** The context of the last test run (`{trigger: …, <stepId>: …}`), if there was one. */
  lastRun?: Record<string, unknown>;
}

export const chipInfo = Facet.define<ChipInfo, ChipInfo>({
  combine: (values) => values[values.length - 1] ?? { label: (p) => p },
});

const VARIABLE = /\{\{([^{}]*)\}\}/g;

class ChipWidget extends WidgetType {
  constructor(
    readonly path: string,
    readonly label: string,
  ) {
    super();
  }
  eq(other: ChipWidget) {
    return other.path === this.path && other.label === this.label;
  }
  toDOM() {
    const span = document.createElement('span');
    span.className = 'chip variable-chip cm-variable-chip';
    span.dataset.path = this.path;
    span.textContent = this.label;
    return span;
  }
  ignoreEvent() {
    return false;
  }
}

function matcher(info: ChipInfo) {
  return new MatchDecorator({
    regexp: VARIABLE,
    decoration: (m) => {
      const path = m[1].trim();
      return Decoration.replace({ widget: new ChipWidget(path, info.label(path)) });
    },
  });
}

const chipPlugin = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    matcher: MatchDecorator;
    constructor(view: EditorView) {
      this.matcher = matcher(view.state.facet(chipInfo));
      this.decorations = this.matcher.createDeco(view);
    }
    update(u: ViewUpdate) {
      if (u.startState.facet(chipInfo) !== u.state.facet(chipInfo)) {
        this.matcher = matcher(u.state.facet(chipInfo));
        this.decorations = this.matcher.createDeco(u.view);
      } else this.decorations = this.matcher.updateDeco(u, this.decorations);
    }
  },
  {
    decorations: (p) => p.decorations,
    provide: (p) => EditorView.atomicRanges.of((view) => view.plugin(p)?.decorations ?? Decoration.none),
  },
);

/** The value a variable had in the last test run, as text for a tooltip. */
export function lastValueText(path: string, info: ChipInfo): string {
  if (!info.lastRun) return t`Run a test to see its value here.`;
  let value: unknown;
  try {
    value = evaluate(path, info.lastRun);
  } catch {
    return t`Not a variable Localflow can read.`;
  }
  if (value === undefined) return t`Empty in the last test run.`;
  const shown = stringify(value);
  const text = shown.length > 200 ? `${shown.slice(0, 200)}…` : shown;
  return t`Last test: ${text}`;
}

const chipHover = hoverTooltip((view, pos) => {
  for (const m of view.state.doc.toString().matchAll(VARIABLE)) {
    const from = m.index!;
    const to = from + m[0].length;
    if (pos < from || pos > to) continue;
    const info = view.state.facet(chipInfo);
    const path = m[1].trim();
    return {
      pos: from,
      end: to,
      above: true,
      create() {
        const dom = document.createElement('div');
        dom.className = 'chip-tooltip';
        dom.setAttribute('role', 'tooltip');
        const name = document.createElement('strong');
        name.textContent = info.label(path);
        const value = document.createElement('div');
        value.textContent = lastValueText(path, info);
        dom.append(name, value);
        return { dom };
      },
    };
  }
  return null;
});

/** Keeps a single-line field on one line: a pasted or typed line break becomes a space. */
export const singleLine = EditorState.transactionFilter.of((tr) => {
  if (!tr.docChanged || !tr.newDoc.toString().includes('\n')) return tr;
  const changes: { from: number; to: number; insert: string }[] = [];
  tr.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
    changes.push({ from: fromA, to: toA, insert: inserted.toString().replace(/\r?\n/g, ' ') });
  });
  return [{ changes, selection: tr.selection, scrollIntoView: tr.scrollIntoView }];
});

export const variableChips: Extension = [chipPlugin, chipHover];
