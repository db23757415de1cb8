import { msg } from '@lingui/core/macro';
import { z } from 'zod';
import { said } from './issueWords';

/** Field types follow Twenty's standard field types. Composite values are plain objects. */
export const FIELD_TYPES = [
  'TEXT',
  'NUMBER',
  'BOOLEAN',
  'DATE',
  'DATE_TIME',
  'SELECT',
  'MULTI_SELECT',
  'RATING',
  'EMAILS',
  'PHONES',
  'LINKS',
  'CURRENCY',
  'FULL_NAME',
  'ADDRESS',
  'RELATION',
  'RAW_JSON',
] as const;
export const FieldType = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof FieldType>;

export const SelectOption = z.object({
  value: z.string().min(1),
  label: z.string().min(1),
  color: z.string().optional(),
});
export type SelectOption = z.infer<typeof SelectOption>;

const apiName = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]*$/, said(msg`use camelCase letters and digits, starting with a lowercase letter`));

export const FieldMetadata = z.object({
  name: apiName,
  label: z.string().min(1),
  type: FieldType,
  options: z.array(SelectOption).optional(),
  /** RELATION: `objects` with one entry holds an id; several entries (or `multiple`) hold `{object, id}[]`. */
  relation: z.object({ objects: z.array(z.string()).min(1), multiple: z.boolean().default(false) }).optional(),
  isCustom: z.boolean().default(false),
  isSystem: z.boolean().default(false),
});
export type FieldMetadata = z.infer<typeof FieldMetadata>;

export const ObjectMetadata = z.object({
  name: apiName,
  labelSingular: z.string().min(1),
  labelPlural: z.string().min(1),
  icon: z.string().default('▣'),
  /** The field shown as the record's title. */
  labelField: z.string(),
  isCustom: z.boolean().default(false),
  fields: z.array(FieldMetadata),
  position: z.number().default(0),
});
export type ObjectMetadata = z.infer<typeof ObjectMetadata>;

/** Composite value shapes, as Twenty stores them. */
export interface FullName {
  firstName: string;
  lastName: string;
}
export interface Emails {
  primaryEmail: string;
  additionalEmails: string[];
}
export interface Phones {
  primaryPhoneNumber: string;
  primaryPhoneCountryCode: string;
  additionalPhones: string[];
}
export interface Links {
  primaryLinkUrl: string;
  primaryLinkLabel: string;
  secondaryLinks: { url: string; label: string }[];
}
export interface Currency {
  amountMicros: number | null;
  currencyCode: string;
}
export interface Address {
  addressStreet1: string;
  addressStreet2: string;
  addressCity: string;
  addressState: string;
  addressPostcode: string;
  addressCountry: string;
}
export interface RelationTarget {
  object: string;
  id: string;
}
