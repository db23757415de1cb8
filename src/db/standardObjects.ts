import type { FieldMetadata, ObjectMetadata } from '../schema/objectMetadata';

const f = (
  name: string,
  label: string,
  type: FieldMetadata['type'],
  extra: Partial<FieldMetadata> = {},
): FieldMetadata => ({ name, label, type, isCustom: false, isSystem: false, ...extra });

const targets = f('targets', 'Targets', 'RELATION', {
  relation: { objects: ['person', 'company', 'opportunity'], multiple: true },
});

/** Twenty's standard objects with their usual fields. */
export const STANDARD_OBJECTS: ObjectMetadata[] = [
  {
    name: 'company',
    labelSingular: 'Company',
    labelPlural: 'Companies',
    icon: '▦',
    labelField: 'name',
    isCustom: false,
    position: 0,
    fields: [
      f('name', 'Name', 'TEXT'),
      f('domainName', 'Domain', 'LINKS'),
      f('employees', 'Employees', 'NUMBER'),
      f('address', 'Address', 'ADDRESS'),
      f('annualRecurringRevenue', 'ARR', 'CURRENCY'),
      f('idealCustomerProfile', 'ICP', 'BOOLEAN'),
      f('linkedinLink', 'LinkedIn', 'LINKS'),
    ],
  },
  {
    name: 'person',
    labelSingular: 'Person',
    labelPlural: 'People',
    icon: '◉',
    labelField: 'name',
    isCustom: false,
    position: 1,
    fields: [
      f('name', 'Name', 'FULL_NAME'),
      f('emails', 'Emails', 'EMAILS'),
      f('phones', 'Phones', 'PHONES'),
      f('jobTitle', 'Job title', 'TEXT'),
      f('city', 'City', 'TEXT'),
      f('company', 'Company', 'RELATION', { relation: { objects: ['company'], multiple: false } }),
      f('linkedinLink', 'LinkedIn', 'LINKS'),
    ],
  },
  {
    name: 'opportunity',
    labelSingular: 'Opportunity',
    labelPlural: 'Opportunities',
    icon: '◎',
    labelField: 'name',
    isCustom: false,
    position: 2,
    fields: [
      f('name', 'Name', 'TEXT'),
      f('amount', 'Amount', 'CURRENCY'),
      f('closeDate', 'Close date', 'DATE_TIME'),
      f('stage', 'Stage', 'SELECT', {
        options: [
          { value: 'NEW', label: 'New', color: 'red' },
          { value: 'SCREENING', label: 'Screening', color: 'purple' },
          { value: 'MEETING', label: 'Meeting', color: 'sky' },
          { value: 'PROPOSAL', label: 'Proposal', color: 'turquoise' },
          { value: 'CUSTOMER', label: 'Customer', color: 'yellow' },
        ],
      }),
      f('company', 'Company', 'RELATION', { relation: { objects: ['company'], multiple: false } }),
      f('pointOfContact', 'Point of contact', 'RELATION', { relation: { objects: ['person'], multiple: false } }),
    ],
  },
  {
    name: 'task',
    labelSingular: 'Task',
    labelPlural: 'Tasks',
    icon: '☑',
    labelField: 'title',
    isCustom: false,
    position: 3,
    fields: [
      f('title', 'Title', 'TEXT'),
      f('body', 'Body', 'TEXT'),
      f('dueAt', 'Due date', 'DATE_TIME'),
      f('status', 'Status', 'SELECT', {
        options: [
          { value: 'TODO', label: 'To do', color: 'sky' },
          { value: 'IN_PROGRESS', label: 'In progress', color: 'purple' },
          { value: 'DONE', label: 'Done', color: 'green' },
        ],
      }),
      targets,
    ],
  },
  {
    name: 'note',
    labelSingular: 'Note',
    labelPlural: 'Notes',
    icon: '✎',
    labelField: 'title',
    isCustom: false,
    position: 4,
    fields: [f('title', 'Title', 'TEXT'), f('body', 'Body', 'TEXT'), targets],
  },
];
