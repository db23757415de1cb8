import { t } from '@lingui/core/macro';
import { fieldType, RecordValueError } from '../schema/fieldTypes';
import type { FieldMetadata, ObjectMetadata } from '../schema/objectMetadata';

export { emptyAddress, RecordValueError } from '../schema/fieldTypes';

const SYSTEM_FIELDS = new Set(['id', 'createdAt', 'updatedAt']);

/**
 * Checks and normalises values written to a record: unknown fields are refused, plain text
 * is lifted into composites ("Ada Lovelace" → full name), select values are checked.
 * `existing` lets partial composites merge (set only the first name).
 */
export function normaliseRecordData(
  meta: ObjectMetadata,
  data: Record<string, unknown>,
  existing?: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(data)) {
    if (SYSTEM_FIELDS.has(name)) continue;
    const field = fieldNamed(meta, name);
    if (!field && name === 'bodyV2' && meta.fields.some((f) => f.name === 'body' && f.type === 'TEXT')) {
      // Twenty's rich-text body ({blocknote, markdown}): Localflow's body is its markdown.
      out.body = normaliseValue(
        meta.fields.find((f) => f.name === 'body')!,
        richTextMarkdown(value),
      );
      continue;
    }
    if (!field) {
      const fields = meta.fields.map((f) => f.name).join(', ');
      throw new RecordValueError(t`${meta.labelSingular} has no field "${name}" (fields: ${fields})`);
    }
    out[field.name] = normaliseValue(field, value, existing?.[field.name]);
  }
  return out;
}

/** The text of a Twenty rich-text value (`{markdown, blocknote}`), or the value itself. */
function richTextMarkdown(value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const { markdown } = value as { markdown?: unknown };
  return typeof markdown === 'string' ? markdown : null;
}

/** A value written to a field, checked and normalised by its type's definition (see `schema/fieldTypes.ts`). */
export function normaliseValue(field: FieldMetadata, value: unknown, prev?: unknown): unknown {
  if (value === undefined || value === null) return null;
  return fieldType(field.type).normalise(field, value, prev);
}

/**
 * The field a record value is written to. Twenty writes a relation to one record by its join
 * column (`companyId`) as well as by the relation's name (`company`): both name the field.
 */
export function fieldNamed(meta: ObjectMetadata, name: string): FieldMetadata | undefined {
  const field = meta.fields.find((f) => f.name === name);
  if (field || !name.endsWith('Id')) return field;
  const relation = meta.fields.find((f) => f.name === name.slice(0, -2));
  return relation?.type === 'RELATION' && !relation.relation?.multiple ? relation : undefined;
}
