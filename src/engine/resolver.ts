/**
 * The `{{…}}` variable resolver: path lookup only, never eval.
 * - A string that is exactly one variable yields the raw, typed value.
 * - Variables embedded in text are stringified (objects as JSON, missing as "").
 * - Paths: `a.b.c`, `a[0]`, `a["key with spaces"]`, `a['k']`.
 */

export class VariableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VariableError';
  }
}

const WHOLE = /^\s*\{\{([^{}]*)\}\}\s*$/;
const EMBEDDED = /\{\{([^{}]*)\}\}/g;
const pathCache = new Map<string, string[]>();

export function parsePath(expression: string): string[] {
  const cached = pathCache.get(expression);
  if (cached) return cached;
  const src = expression.trim();
  if (!src) throw new VariableError('empty variable {{}}');
  const segments: string[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new VariableError(`invalid variable {{${expression}}}: ${why} at character ${i + 1}`);
  };
  const readName = () => {
    const m = /^[A-Za-z0-9_$-]+/.exec(src.slice(i));
    if (!m) fail('expected a name');
    segments.push(m![0]);
    i += m![0].length;
  };
  readName();
  while (i < src.length) {
    const c = src[i];
    if (c === '.') {
      i++;
      readName();
    } else if (c === '[') {
      i++;
      const q = src[i];
      if (q === '"' || q === "'") {
        const end = src.indexOf(q, i + 1);
        if (end < 0) fail('unclosed quote');
        segments.push(src.slice(i + 1, end));
        i = end + 1;
      } else {
        const m = /^\d+/.exec(src.slice(i));
        if (!m) fail('expected an index or a quoted key');
        segments.push(m![0]);
        i += m![0].length;
      }
      if (src[i] !== ']') fail('expected "]"');
      i++;
    } else {
      fail(`unexpected "${c}"`);
    }
  }
  if (pathCache.size > 5000) pathCache.clear();
  pathCache.set(expression, segments);
  return segments;
}

export function lookup(context: unknown, segments: string[]): unknown {
  let value = context;
  for (const key of segments) {
    if (value === null || value === undefined) return undefined;
    // Own properties only: `{{x.constructor}}` and friends are not data.
    if (typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function stringify(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The path of a string that is exactly one variable (`{{a.b}}` → ['a', 'b']), else null. */
export function wholeVariablePath(value: unknown): string[] | null {
  if (typeof value !== 'string') return null;
  const whole = WHOLE.exec(value);
  return whole ? parsePath(whole[1]) : null;
}

/** Resolves every `{{…}}` in a value (strings, arrays and objects, recursively). */
export function resolveValue(template: unknown, context: unknown): unknown {
  if (typeof template === 'string') return resolveString(template, context);
  if (Array.isArray(template)) return template.map((v) => resolveValue(v, context));
  if (template && typeof template === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(template)) out[k] = resolveValue(v, context);
    return out;
  }
  return template;
}

function resolveString(template: string, context: unknown): unknown {
  if (!template.includes('{{')) return template;
  const whole = WHOLE.exec(template);
  if (whole) return lookup(context, parsePath(whole[1]));
  const unclosed = template.replace(EMBEDDED, '').indexOf('{{');
  if (unclosed >= 0) throw new VariableError(`unclosed "{{" in "${template}"`);
  return template.replace(EMBEDDED, (_, expr: string) => stringify(lookup(context, parsePath(expr))));
}

/** Lists the variables a value refers to (for validation and previews). */
export function variablesIn(template: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') for (const m of v.matchAll(EMBEDDED)) found.push(m[1].trim());
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(template);
  return found;
}
