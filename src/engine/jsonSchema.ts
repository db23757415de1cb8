import { Validator, type Schema } from '@cfworker/json-schema';

/**
 * Checks a value against a JSON Schema (draft 2020-12, and the older drafts' keywords it keeps)
 * with @cfworker/json-schema, which validates without `eval` (so it runs in the engine's worker
 * under the app's Content-Security-Policy). Returns problems as "path: reason", the most
 * specific reason for each place; empty when the value fits. Throws when the schema itself
 * cannot be used (an unresolved `$ref`…).
 */
export type JsonSchema = Record<string, unknown> | boolean;

/** Keywords that only report that something under them failed: their sub-errors say what. */
const SUMMARIES = new Set(['properties', 'items', 'prefixItems', 'allOf', '$ref', '$dynamicRef', 'then', 'else']);
/** Keywords whose own message is clearer than what failed under them. */
const OWN_MESSAGE = new Set(['anyOf', 'oneOf', 'not', 'additionalProperties', 'unevaluatedProperties', 'contains']);

function pathOf(instanceLocation: string): string {
  const parts = instanceLocation.replace(/^#\/?/, '').split('/').filter(Boolean);
  return parts.reduce((acc, p) => {
    const key = decodeURIComponent(p).replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(key) ? `${acc}[${key}]` : `${acc}.${key}`;
  }, '(answer)');
}

export function checkJsonSchema(value: unknown, schema: JsonSchema): string[] {
  const { valid, errors } = new Validator(schema as Schema, '2020-12', false).validate(value);
  if (valid) return [];
  const owners = errors.filter((e) => OWN_MESSAGE.has(e.keyword));
  const under = (e: (typeof errors)[number], owner: (typeof errors)[number]) =>
    e !== owner &&
    (e.keywordLocation.startsWith(`${owner.keywordLocation}/`) ||
      (owner.keyword === 'additionalProperties' && e.keyword === 'false'));
  const kept = errors.filter((e) => !SUMMARIES.has(e.keyword) && !owners.some((o) => under(e, o)));
  const messages = (kept.length ? kept : errors).map((e) => `${pathOf(e.instanceLocation)}: ${e.error}`);
  return [...new Set(messages)];
}
