import { t } from '@lingui/core/macro';
import type { FieldMetadata, FieldType, ObjectMetadata } from '../schema/objectMetadata';
import type { LocalflowDB } from './database';

/** Custom objects and fields. API names never change (workflows refer to them); labels do. */
export class ObjectRepository {
  constructor(private readonly db: LocalflowDB) {}

  async createObject(input: { labelSingular: string; labelPlural: string; icon?: string }): Promise<ObjectMetadata> {
    const name = apiNameFrom(input.labelSingular);
    if (await this.db.objects.get(name)) throw new Error(t`An object named "${name}" already exists.`);
    const count = await this.db.objects.count();
    const meta: ObjectMetadata = {
      name,
      labelSingular: input.labelSingular.trim(),
      labelPlural: input.labelPlural.trim() || `${input.labelSingular.trim()}s`,
      icon: input.icon || '▣',
      labelField: 'name',
      isCustom: true,
      position: count,
      fields: [{ name: 'name', label: 'Name', type: 'TEXT', isCustom: true, isSystem: false }],
    };
    await this.db.objects.add(meta);
    return meta;
  }

  async deleteObject(name: string): Promise<void> {
    const db = this.db;
    await db.transaction('rw', db.objects, db.records, async () => {
      const meta = await db.objects.get(name);
      if (!meta) return;
      if (!meta.isCustom) throw new Error(t`${meta.labelPlural} is a standard object and cannot be deleted.`);
      await db.records.where('[object+createdAt]').between([name, -Infinity], [name, Infinity]).delete();
      await db.objects.delete(name);
    });
  }

  async addField(
    objectName: string,
    input: { label: string; type: FieldType; options?: string[]; relationObject?: string },
  ): Promise<FieldMetadata> {
    return this.db.transaction('rw', this.db.objects, async () => {
      const meta = await this.require(objectName);
      const name = apiNameFrom(input.label);
      if (meta.fields.some((f) => f.name === name))
        throw new Error(t`${meta.labelSingular} already has a field named "${name}".`);
      const field: FieldMetadata = {
        name,
        label: input.label.trim(),
        type: input.type,
        isCustom: true,
        isSystem: false,
        ...(input.type === 'SELECT' || input.type === 'MULTI_SELECT'
          ? {
              options: (input.options ?? [])
                .filter(Boolean)
                .map((label) => ({ value: label.trim().toUpperCase().replace(/\W+/g, '_'), label: label.trim() })),
            }
          : {}),
        ...(input.type === 'RELATION'
          ? { relation: { objects: [input.relationObject || 'company'], multiple: false } }
          : {}),
      };
      if ((field.type === 'SELECT' || field.type === 'MULTI_SELECT') && !field.options?.length)
        throw new Error(t`A select field needs at least one option.`);
      await this.db.objects.put({ ...meta, fields: [...meta.fields, field] });
      return field;
    });
  }

  async renameField(objectName: string, fieldName: string, label: string): Promise<void> {
    if (!label.trim()) throw new Error(t`A field needs a label.`);
    await this.db.transaction('rw', this.db.objects, async () => {
      const meta = await this.require(objectName);
      await this.db.objects.put({
        ...meta,
        fields: meta.fields.map((f) => (f.name === fieldName ? { ...f, label: label.trim() } : f)),
      });
    });
  }

  /** Removes a custom field and its values from every record of the object. */
  async removeField(objectName: string, fieldName: string): Promise<void> {
    const db = this.db;
    await db.transaction('rw', db.objects, db.records, async () => {
      const meta = await this.require(objectName);
      const field = meta.fields.find((f) => f.name === fieldName);
      if (!field) return;
      if (!field.isCustom) throw new Error(t`"${field.label}" is a standard field and cannot be removed.`);
      if (meta.labelField === fieldName) throw new Error(t`"${field.label}" is the record's title field.`);
      await db.objects.put({ ...meta, fields: meta.fields.filter((f) => f.name !== fieldName) });
      await db.records
        .where('[object+createdAt]')
        .between([objectName, -Infinity], [objectName, Infinity])
        .modify((r) => {
          delete r.data[fieldName];
        });
    });
  }

  private async require(name: string): Promise<ObjectMetadata> {
    const meta = await this.db.objects.get(name);
    if (!meta) throw new Error(t`There is no object named "${name}".`);
    return meta;
  }
}

/** "Deal stage" → "dealStage". */
export function apiNameFrom(label: string): string {
  const words = label
    .trim()
    .normalize('NFKD')
    .replace(/[^\w\s]/g, '')
    .split(/[\s_]+/)
    .filter(Boolean);
  if (!words.length) throw new Error(t`Give it a name made of letters.`);
  const name = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0].toUpperCase() + w.slice(1).toLowerCase()))
    .join('');
  if (!/^[a-z][a-zA-Z0-9]*$/.test(name)) throw new Error(t`"${label}" must start with a letter.`);
  return name;
}
