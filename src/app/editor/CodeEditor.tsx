import { useRef, type KeyboardEvent, type ReactNode } from 'react';

const TOKENS = new RegExp(
  [
    String.raw`(\/\/[^\n]*|\/\*[\s\S]*?\*\/)`, // comment
    String.raw`('(?:\\.|[^'\\\n])*'|"(?:\\.|[^"\\\n])*"|\x60(?:\\.|[^\x60\\])*\x60)`, // string
    String.raw`\b(async|await|break|case|catch|class|const|continue|default|delete|do|else|export|extends|false|finally|for|function|if|import|in|instanceof|let|new|null|of|return|switch|this|throw|true|try|typeof|undefined|var|void|while|yield)\b`, // keyword
    String.raw`\b(\d+(?:\.\d+)?)\b`, // number
  ].join('|'),
  'g',
);

/** JavaScript tokens as coloured spans (plain text otherwise). */
function highlight(code: string) {
  const out: ReactNode[] = [];
  let last = 0;
  let key = 0;
  for (const m of code.matchAll(TOKENS)) {
    if (m.index! > last) out.push(code.slice(last, m.index));
    const kind = m[1] ? 'comment' : m[2] ? 'string' : m[3] ? 'keyword' : 'number';
    out.push(
      <span key={key++} className={`tok-${kind}`}>
        {m[0]}
      </span>,
    );
    last = m.index! + m[0].length;
  }
  out.push(code.slice(last));
  return out;
}

/**
 * A small code editor: a textarea over a highlighted copy of its text. Tab indents;
 * Escape leaves (so keyboard users are never trapped).
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
  const pre = useRef<HTMLPreElement>(null);
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      e.currentTarget.blur();
      return;
    }
    if (e.key !== 'Tab' || e.shiftKey) return;
    e.preventDefault();
    const el = e.currentTarget;
    const at = el.selectionStart;
    onChange(`${value.slice(0, at)}  ${value.slice(el.selectionEnd)}`);
    requestAnimationFrame(() => el.setSelectionRange(at + 2, at + 2));
  };
  return (
    <label className="stacked">
      {label}
      <div className="code-editor">
        <pre ref={pre} aria-hidden="true">
          {highlight(value)}
          {'\n'}
        </pre>
        <textarea
          spellCheck={false}
          value={value}
          rows={Math.max(8, value.split('\n').length + 1)}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={onKey}
          onScroll={(e) => {
            if (pre.current) pre.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
    </label>
  );
}
