/**
 * Checks a value against the common part of JSON Schema (type, properties, required,
 * items, enum). Returns problems as "path: reason"; empty when it fits.
 */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
};

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

export function checkJsonSchema(value: unknown, schema: JsonSchema, path = '(answer)'): string[] {
  const problems: string[] = [];
  if (schema.type) {
    const wanted = Array.isArray(schema.type) ? schema.type : [schema.type];
    const actual = typeOf(value);
    const ok = wanted.includes(actual) || (actual === 'integer' && wanted.includes('number'));
    if (!ok) return [`${path}: expected ${wanted.join(' or ')}, got ${actual}`];
  }
  if (schema.enum && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value)))
    problems.push(`${path}: must be one of ${JSON.stringify(schema.enum)}`);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in obj)) problems.push(`${path}.${key}: is required`);
    for (const [key, sub] of Object.entries(schema.properties ?? {}))
      if (key in obj) problems.push(...checkJsonSchema(obj[key], sub, `${path}.${key}`));
  }
  if (Array.isArray(value) && schema.items)
    value.forEach((v, i) => problems.push(...checkJsonSchema(v, schema.items!, `${path}[${i}]`)));
  return problems;
}
