import { t } from '@lingui/core/macro';
import { setDataKey } from '../schema/dataKey';
/**
 * The `{{…}}` variable resolver: path lookup only, never eval. It follows Twenty's
 * `evalFromContext` (twenty-shared) so a workflow written in Twenty resolves the same here:
 * - A string that is exactly one variable yields the raw, typed value.
 * - Variables embedded in text are stringified (objects as JSON).
 * - Paths: `a.b.c`, `a.[key with space]`, `list.[0]`, `list.1.x`; Localflow also reads
 *   `a[0]` and `a["key"]`. A whole expression may be a literal: `{{true}}`, `{{42}}`, `{{"text"}}`.
 * - Walking through `null` yields that `null`; a missing key yields `undefined`.
 * - Own properties only: `{{text.constructor}}` and friends are not data.
 *
 * Where Localflow differs on purpose (README, "Coming from Twenty"):
 * - a missing variable inside text becomes "" (Twenty writes the word "undefined");
 * - a trailing number or keyword (`{{list.0}}`, `{{obj.true}}`) is read as a key (Twenty, after
 *   Handlebars, never resolves it);
 * - `{{this}}`, `{{@root}}` and helper arguments are not read (they name the whole context).
 */

export class VariableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VariableError';
  }
}

const WHOLE = /^\s*\{\{([^{}]*)\}\}\s*$/;
const EMBEDDED = /\{\{([^{}]*)\}\}/g;
const NUMBER = /^-?\d+(\.\d+)?$/;
const LITERALS: Record<string, unknown> = { true: true, false: false, null: null, undefined: undefined };
/** Prefixes that name the context itself, as in Twenty (`{{this.a}}` is `{{a}}`). */
const CONTEXT_PREFIXES = ['./', 'this.', '@root.'];

export type Expression = { literal: unknown } | { path: string[] };

const expressionCache = new Map<string, Expression>();

/** Reads what is between `{{` and `}}`: a literal or a path. Throws VariableError when malformed. */
export function parseExpression(expression: string): Expression {
  const cached = expressionCache.get(expression);
  if (cached) return cached;
  const src = expression.trim();
  if (!src) throw new VariableError(t`empty variable ${'{{}}'}`);
  let parsed: Expression;
  if (Object.hasOwn(LITERALS, src)) parsed = { literal: LITERALS[src] };
  else if (NUMBER.test(src)) parsed = { literal: Number(src) };
  else if (src.length > 1 && (src[0] === '"' || src[0] === "'") && src.endsWith(src[0]))
    parsed = { literal: src.slice(1, -1) };
  else {
    const prefix = CONTEXT_PREFIXES.find((p) => src.startsWith(p));
    parsed = { path: readPath(expression, prefix ? src.slice(prefix.length) : src) };
  }
  if (expressionCache.size > 5000) expressionCache.clear();
  expressionCache.set(expression, parsed);
  return parsed;
}

/** The path a variable names (`a.b` → ['a', 'b']); throws VariableError for literals and malformed ones. */
export function parsePath(expression: string): string[] {
  const parsed = parseExpression(expression);
  if ('literal' in parsed) {
    const variable = `{{${expression.trim()}}}`;
    throw new VariableError(t`${variable} is a value, not a variable`);
  }
  return parsed.path;
}

function readPath(expression: string, src: string): string[] {
  const segments: string[] = [];
  let i = 0;
  const fail = (why: string): never => {
    const variable = `{{${expression}}}`;
    const at = i + 1;
    throw new VariableError(t`invalid variable ${variable}: ${why} at character ${at}`);
  };
  const readBracket = () => {
    // `[key with space]` (Twenty), `[0]`, `["key"]` or `['key']` (Localflow).
    i++;
    const q = src[i];
    if (q === '"' || q === "'") {
      const end = src.indexOf(q, i + 1);
      if (end < 0) fail(t`unclosed quote`);
      segments.push(src.slice(i + 1, end));
      i = end + 1;
      if (src[i] !== ']') fail(t`expected "]"`);
    } else {
      const end = src.indexOf(']', i);
      if (end < 0) fail(t`expected "]"`);
      segments.push(src.slice(i, end));
      i = end;
    }
    i++;
  };
  const readName = () => {
    if (src[i] === '[') return readBracket();
    const m = /^[A-Za-z0-9_$-]+/.exec(src.slice(i));
    if (!m) fail(t`expected a name`);
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
      readBracket();
    } else if (/\s/.test(c)) {
      // Twenty ignores what follows a space (Handlebars helper arguments).
      break;
    } else {
      fail(t`unexpected "${c}"`);
    }
  }
  return segments;
}

/**
 * Variables read by name when a path names them (a run's step outputs), rather than an object
 * holding them all: `lookup` asks it for a path's first name.
 */
export class VariableScope {
  constructor(readonly read: (name: string) => unknown) {}
}

export function lookup(context: unknown, segments: string[]): unknown {
  let value = context;
  let i = 0;
  if (context instanceof VariableScope) {
    value = context.read(segments[0]);
    i = 1;
  }
  for (; i < segments.length; i++) {
    const key = segments[i];
    // Walking through null gives that null (as Twenty does); through undefined, undefined.
    if (value === null || value === undefined) return value;
    if (typeof value !== 'object' && typeof value !== 'string') return undefined;
    if (!Object.hasOwn(value as object, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The value an expression names in a context. */
export function evaluate(expression: string, context: unknown): unknown {
  return valueOf(parseExpression(expression), context);
}

function valueOf(parsed: Expression, context: unknown): unknown {
  return 'literal' in parsed ? parsed.literal : jsonValue(lookup(context, parsed.path));
}

/** Values as JSON would carry them (dates as ISO text, NaN as null, functions dropped), as Twenty returns them. */
function jsonValue(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
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
  if (!whole) return null;
  const parsed = parseExpression(whole[1]);
  return 'path' in parsed ? parsed.path : null;
}

/** Whether a value is a string holding at least one `{{…}}`. */
export function isVariableReference(value: unknown): boolean {
  return typeof value === 'string' && /\{\{[^{}]+\}\}/.test(value);
}

/**
 * Resolves every `{{…}}` in a value (strings, arrays and objects — keys too —, recursively).
 * A part with no variable in it is returned as it is, not copied (a step's settings without
 * variables resolve to themselves): treat the result as read-only.
 */
export function resolveValue(template: unknown, context: unknown): unknown {
  if (typeof template === 'string') return resolveString(template, context);
  if (Array.isArray(template)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < template.length; i++) {
      const v = template[i];
      const resolved = resolveValue(v, context);
      if (out) out.push(resolved);
      else if (resolved !== v) (out = template.slice(0, i)).push(resolved);
    }
    return out ?? template;
  }
  if (template && typeof template === 'object') {
    const source = template as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    for (const k of Object.keys(source)) {
      const v = source[k];
      const key = k.includes('{{') ? stringify(resolveString(k, context)) : k;
      const resolved = resolveValue(v, context);
      if (!out && (key !== k || resolved !== v)) out = copyUntil(source, k);
      if (out) setDataKey(out, key, resolved);
    }
    return out ?? template;
  }
  return template;
}

/** A copy of an object's own keys before `stop` (in their order). */
function copyUntil(source: Record<string, unknown>, stop: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(source)) {
    if (k === stop) break;
    setDataKey(out, k, source[k]);
  }
  return out;
}

/** A text with variables as read once: exactly one variable, or variables embedded in text. */
type Template = { kind: 'whole'; expression: Expression } | { kind: 'embedded' };

const templateCache = new Map<string, Template>();

function templateOf(text: string): Template {
  let template = templateCache.get(text);
  if (template) return template;
  const whole = WHOLE.exec(text);
  if (whole) template = { kind: 'whole', expression: parseExpression(whole[1]) };
  else {
    if (text.replace(EMBEDDED, '').includes('{{')) {
      const braces = '{{';
      throw new VariableError(t`unclosed "${braces}" in "${text}"`);
    }
    template = { kind: 'embedded' };
  }
  if (templateCache.size > 5000) templateCache.clear();
  templateCache.set(text, template);
  return template;
}

function resolveString(text: string, context: unknown): unknown {
  // Most text has no variable, and is not kept (a record's values pass through here).
  if (!text.includes('{{')) return text;
  const template = templateOf(text);
  if (template.kind === 'whole') return valueOf(template.expression, context);
  return text.replace(EMBEDDED, (_, expr: string) => stringify(evaluate(expr, context)));
}

/** Lists the variables a value refers to (for validation and previews); literals are left out. */
export function variablesIn(template: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') {
      for (const m of v.matchAll(EMBEDDED)) {
        const expr = m[1].trim();
        try {
          if ('literal' in parseExpression(expr)) continue;
        } catch {
          // Malformed: listed, so the editor can say what is wrong with it.
        }
        found.push(expr);
      }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(template);
  return found;
}
