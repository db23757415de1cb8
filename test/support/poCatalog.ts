import { readFileSync } from 'node:fs';

/** A gettext catalogue as written: each entry's source text (msgid) and its translation (msgstr). */
export function readPo(path: string): { source: string; translation: string }[] {
  const text = readFileSync(path, 'utf8');
  const unquote = (lines: string) =>
    [...lines.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`) as string).join('');
  const out = [];
  for (const block of text.split(/\n\n+/)) {
    const id = /^msgid ((?:".*"\n?)+)/m.exec(block);
    const str = /^msgstr ((?:".*"\n?)+)/m.exec(block);
    if (!id || !str) continue;
    const source = unquote(id[1]);
    if (source) out.push({ source, translation: unquote(str[1]) });
  }
  return out;
}
