import { t } from '@lingui/core/macro';
import type { Transaction } from 'dexie';
import type { RecordRow } from '../schema/record';
import type { VersionRow, WorkflowRow } from '../schema/workflowRows';
import { emptyAddress } from './recordValues';

/**
 * A small demo data set and two draft workflows, written without outbox events: seeding is
 * not something workflows react to. The app seeds only a workspace that is new to this
 * browser (see workspace.ts), never one that replaced data the browser deleted.
 */
export async function seedDemoData(tx: Transaction): Promise<void> {
  const t0 = Date.UTC(2026, 0, 5, 9, 0, 0);
  let tick = 0;
  const rows: RecordRow[] = [];
  const add = (object: string, id: string, data: Record<string, unknown>) => {
    const at = t0 + tick++ * 60_000;
    rows.push({ id, object, data, createdAt: at, updatedAt: at });
  };
  const companies: [string, string, number, string, number][] = [
    ['Airbnb', 'airbnb.com', 6800, 'San Francisco', 8_400_000],
    ['Qonto', 'qonto.com', 1600, 'Paris', 2_300_000],
    ['Figma', 'figma.com', 1500, 'San Francisco', 4_100_000],
    ['Notion', 'notion.so', 800, 'San Francisco', 1_900_000],
    ['Algolia', 'algolia.com', 700, 'Paris', 1_200_000],
    ['Mistral AI', 'mistral.ai', 650, 'Paris', 3_500_000],
  ];
  companies.forEach(([name, domain, employees, city, arr], i) =>
    add('company', `company-${i + 1}`, {
      name,
      domainName: { primaryLinkUrl: `https://${domain}`, primaryLinkLabel: '', secondaryLinks: [] },
      employees,
      address: { ...emptyAddress(), addressCity: city },
      annualRecurringRevenue: { amountMicros: arr * 1e6, currencyCode: 'USD' },
      idealCustomerProfile: i % 2 === 0,
      linkedinLink: {
        primaryLinkUrl: `https://linkedin.com/company/${domain.split('.')[0]}`,
        primaryLinkLabel: '',
        secondaryLinks: [],
      },
    }),
  );
  const people: [string, string, string, number][] = [
    ['Brian', 'Chesky', 'CEO', 1],
    ['Nathan', 'Blecharczyk', 'CTO', 1],
    ['Alexandre', 'Prot', 'CEO', 2],
    ['Steve', 'Anavi', 'COO', 2],
    ['Dylan', 'Field', 'CEO', 3],
    ['Ivan', 'Zhao', 'CEO', 4],
    ['Nicolas', 'Dessaigne', 'Co-founder', 5],
    ['Arthur', 'Mensch', 'CEO', 6],
    ['Ada', 'Lovelace', 'Analyst', 6],
    ['Grace', 'Hopper', 'Engineer', 3],
  ];
  people.forEach(([first, last, title, company], i) =>
    add('person', `person-${i + 1}`, {
      name: { firstName: first, lastName: last },
      emails: { primaryEmail: `${first.toLowerCase()}@${companies[company - 1][1]}`, additionalEmails: [] },
      phones: {
        primaryPhoneNumber: `6${String(10000000 + i * 1234567).slice(0, 8)}`,
        primaryPhoneCountryCode: '+33',
        additionalPhones: [],
      },
      jobTitle: title,
      city: companies[company - 1][3],
      company: `company-${company}`,
      linkedinLink: { primaryLinkUrl: '', primaryLinkLabel: '', secondaryLinks: [] },
    }),
  );
  const stages = ['NEW', 'SCREENING', 'MEETING', 'PROPOSAL', 'CUSTOMER'];
  [
    ['Airbnb expansion', 1, 1, 120_000],
    ['Qonto renewal', 2, 3, 45_000],
    ['Figma enterprise', 3, 5, 300_000],
    ['Notion pilot', 4, 6, 18_000],
    ['Mistral partnership', 6, 8, 250_000],
  ].forEach(([name, company, contact, amount], i) =>
    add('opportunity', `opportunity-${i + 1}`, {
      name,
      amount: { amountMicros: Number(amount) * 1e6, currencyCode: 'USD' },
      closeDate: new Date(Date.UTC(2027, i, 15)).toISOString(),
      stage: stages[i],
      company: `company-${company}`,
      pointOfContact: `person-${contact}`,
    }),
  );
  [
    ['Call Brian about the expansion', 'TODO', 'person-1'],
    ['Send Qonto the renewal quote', 'IN_PROGRESS', 'company-2'],
    ['Prepare the Figma demo', 'TODO', 'opportunity-3'],
    ['Thank Ada for the intro', 'DONE', 'person-9'],
  ].forEach(([title, status, target], i) =>
    add('task', `task-${i + 1}`, {
      title,
      status,
      body: '',
      dueAt: new Date(Date.UTC(2027, 0, 10 + i, 10)).toISOString(),
      targets: [{ object: target.split('-')[0], id: target }],
    }),
  );
  [
    ['Mistral: partnership notes', 'Discussed an on-device model for the CRM.', 'company-6'],
    ['Qonto: pricing feedback', 'They want yearly billing.', 'company-2'],
    ['Grace: hiring referral', 'Knows two compiler engineers.', 'person-10'],
  ].forEach(([title, body, target], i) =>
    add('note', `note-${i + 1}`, { title, body, targets: [{ object: target.split('-')[0], id: target }] }),
  );
  // One write per object: each is its own short task, so a phone's first start stays responsive.
  for (const object of new Set(rows.map((r) => r.object)))
    await tx.table('records').bulkAdd(rows.filter((r) => r.object === object));
  await seedWorkflows(tx, t0);
}

async function seedWorkflows(tx: Transaction, at: number) {
  const workflows: WorkflowRow[] = [
    {
      id: 'demo-welcome',
      name: t`Welcome new people`,
      description: t`When a person is created, create a follow-up task for them.`,
      createdAt: at,
      updatedAt: at,
      draftVersionId: 'demo-welcome-v1',
    },
    {
      id: 'demo-follow-up',
      name: t`Plan a follow-up`,
      description: t`Run on a person: creates a task due in a week.`,
      createdAt: at,
      updatedAt: at,
      draftVersionId: 'demo-follow-up-v1',
    },
  ];
  const versions: VersionRow[] = [
    {
      id: 'demo-welcome-v1',
      workflowId: 'demo-welcome',
      number: 1,
      status: 'draft',
      createdAt: at,
      updatedAt: at,
      trigger: {
        type: 'DATABASE_EVENT',
        name: t`Person created`,
        settings: { eventName: 'person.created', outputSchema: {} },
        nextStepIds: ['create-task'],
      },
      steps: [
        {
          id: 'create-task',
          name: t`Create follow-up task`,
          type: 'CREATE_RECORD',
          valid: true,
          nextStepIds: [],
          settings: {
            input: {
              objectName: 'task',
              objectRecord: {
                title: t`Welcome ${'{{trigger.properties.after.name.firstName}}'}`,
                status: 'TODO',
                targets: [{ object: 'person', id: '{{trigger.recordId}}' }],
              },
            },
            outputSchema: {},
            errorHandlingOptions: { retryOnFailure: { value: false }, continueOnFailure: { value: false } },
          },
        },
      ],
    },
    {
      id: 'demo-follow-up-v1',
      workflowId: 'demo-follow-up',
      number: 1,
      status: 'draft',
      createdAt: at,
      updatedAt: at,
      trigger: {
        type: 'MANUAL',
        name: t`Run on a person`,
        settings: { availability: { type: 'SINGLE_RECORD', objectNameSingular: 'person' }, outputSchema: {} },
        nextStepIds: ['task'],
      },
      steps: [
        {
          id: 'task',
          name: t`Create follow-up task`,
          type: 'CREATE_RECORD',
          valid: true,
          nextStepIds: [],
          settings: {
            input: {
              objectName: 'task',
              objectRecord: {
                title: t`Follow up with ${'{{trigger.record.name.firstName}} {{trigger.record.name.lastName}}'}`,
                status: 'TODO',
                targets: [{ object: 'person', id: '{{trigger.record.id}}' }],
              },
            },
            outputSchema: {},
            errorHandlingOptions: { retryOnFailure: { value: false }, continueOnFailure: { value: false } },
          },
        },
      ],
    },
  ];
  await tx.table('workflows').bulkAdd(workflows);
  await tx.table('versions').bulkAdd(versions);
}
