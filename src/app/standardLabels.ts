import { i18n, type MessageDescriptor } from '@lingui/core';
import { msg } from '@lingui/core/macro';
import { STANDARD_OBJECTS } from '../db/standardObjects';
import type { ObjectMetadata } from '../schema/objectMetadata';

/**
 * The standard objects' and fields' labels (stored in English, as Twenty names them), the field
 * types' and their parts' names, in the UI's language. A label the person changed in Settings, and
 * every custom one, shows as written. (CSV files keep the English names: they are a data format.)
 */
const STANDARD: Record<string, MessageDescriptor> = {
  Company: msg`Company`,
  Companies: msg`Companies`,
  Person: msg`Person`,
  People: msg`People`,
  Opportunity: msg`Opportunity`,
  Opportunities: msg`Opportunities`,
  Task: msg`Task`,
  Tasks: msg`Tasks`,
  Note: msg`Note`,
  Notes: msg`Notes`,
  Targets: msg`Targets`,
  Name: msg`Name`,
  Domain: msg`Domain`,
  Employees: msg`Employees`,
  Address: msg`Address`,
  ARR: msg`ARR`,
  ICP: msg`ICP`,
  LinkedIn: msg`LinkedIn`,
  Emails: msg`Emails`,
  Phones: msg`Phones`,
  'Job title': msg`Job title`,
  City: msg`City`,
  Amount: msg`Amount`,
  'Close date': msg`Close date`,
  Stage: msg`Stage`,
  'Point of contact': msg`Point of contact`,
  Title: msg`Title`,
  Body: msg`Body`,
  'Due date': msg`Due date`,
  Status: msg`Status`,
  // Field types and the parts of composite fields.
  Text: msg`Text`,
  Number: msg`Number`,
  Rating: msg`Rating`,
  'Yes/No': msg`Yes/No`,
  Date: msg`Date`,
  'Date and time': msg`Date and time`,
  Select: msg`Select`,
  'Multi-select': msg`Multi-select`,
  'Primary email': msg`Primary email`,
  'Additional emails': msg`Additional emails`,
  'Primary phone number': msg`Primary phone number`,
  'Phone number': msg`Phone number`,
  'Country code': msg`Country code`,
  'Additional phones': msg`Additional phones`,
  Links: msg`Links`,
  URL: msg`URL`,
  Label: msg`Label`,
  'Secondary links': msg`Secondary links`,
  Currency: msg`Currency`,
  'Amount (micros)': msg`Amount (micros)`,
  'Full name': msg`Full name`,
  'First name': msg`First name`,
  'Last name': msg`Last name`,
  Street: msg`Street`,
  'Street 1': msg`Street 1`,
  'Street 2': msg`Street 2`,
  State: msg`State`,
  Postcode: msg`Postcode`,
  Country: msg`Country`,
  Relation: msg`Relation`,
  Id: msg`Id`,
  JSON: msg`JSON`,
};

const STANDARD_OBJECT_NAMES = new Set(STANDARD_OBJECTS.map((o) => o.name));

/** A standard label in the UI's language; any other text as it is. */
export const standardLabel = (text: string) => (STANDARD[text] ? i18n._(STANDARD[text]) : text);

/** An object's metadata with its standard labels in the UI's language. */
export function localizeObject(meta: ObjectMetadata): ObjectMetadata {
  if (meta.isCustom) return meta;
  return {
    ...meta,
    labelSingular: standardLabel(meta.labelSingular),
    labelPlural: standardLabel(meta.labelPlural),
    fields: meta.fields.map((f) => (f.isCustom ? f : { ...f, label: standardLabel(f.label) })),
  };
}

/** A standard object's singular name in the UI's language, from its API name ("person"); others as they are. */
export function objectWord(name: string): string {
  if (!STANDARD_OBJECT_NAMES.has(name)) return name;
  return standardLabel(name[0].toUpperCase() + name.slice(1)).toLowerCase();
}
