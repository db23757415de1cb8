import { expect, test } from '@playwright/test';
import { twentyVersion } from '../support/twentySchemas';
import { countRecords, fixturePath, importJson, manualWorkflow, openApp, storedRows } from './helpers';

/** A workflow version as Twenty writes it: UUID ids, a form, a code step that runs a logic function, an if/else. */
const ID = {
  form: '2b0c5f6e-8a1d-4e2f-9b3c-4d5e6f7a8b01',
  code: '2b0c5f6e-8a1d-4e2f-9b3c-4d5e6f7a8b02',
  branch: '2b0c5f6e-8a1d-4e2f-9b3c-4d5e6f7a8b03',
  big: '2b0c5f6e-8a1d-4e2f-9b3c-4d5e6f7a8b04',
  small: '2b0c5f6e-8a1d-4e2f-9b3c-4d5e6f7a8b05',
};
const errorHandling = { retryOnFailure: { value: false }, continueOnFailure: { value: false } };
const createCompany = (id: string, name: string, record: Record<string, unknown>) => ({
  id,
  name,
  type: 'CREATE_RECORD',
  valid: true,
  position: { x: 0, y: 600 },
  nextStepIds: null,
  settings: {
    input: { objectName: 'company', objectRecord: record },
    outputSchema: {},
    errorHandlingOptions: errorHandling,
  },
  __typename: 'WorkflowAction',
});
const twentyFile = {
  id: '7f3e2d1c-0b9a-4876-a5b4-c3d2e1f0a9b8',
  name: 'v3',
  status: 'DRAFT',
  workflow: { name: 'Lead intake from Twenty' },
  trigger: {
    name: 'Launch manually',
    type: 'MANUAL',
    position: { x: 0, y: 0 },
    settings: { outputSchema: {}, icon: 'IconUserPlus', availability: { type: 'GLOBAL' } },
    nextStepIds: [ID.form],
  },
  steps: [
    {
      id: ID.form,
      name: 'Lead form',
      type: 'FORM',
      valid: false,
      position: { x: 0, y: 150 },
      nextStepIds: [ID.code],
      settings: {
        input: [
          { id: 'f-name', name: 'companyName', label: 'Company name', type: 'TEXT', placeholder: 'Acme' },
          { id: 'f-seats', name: 'seats', label: 'Seats', type: 'NUMBER' },
        ],
        outputSchema: {},
        errorHandlingOptions: { retryOnFailure: { value: 0 }, continueOnFailure: { value: false } },
      },
      __typename: 'WorkflowAction',
    },
    {
      id: ID.code,
      name: 'Make a label',
      type: 'CODE',
      valid: true,
      position: { x: 0, y: 300 },
      nextStepIds: [ID.branch],
      settings: {
        input: {
          logicFunctionId: 'd41d8cd9-8f00-4b20-9e98-00998ecf8427',
          logicFunctionInput: { name: `{{${ID.form}.companyName}}` },
        },
        outputSchema: { label: { type: 'string', label: 'label', value: 'ACME', isLeaf: true } },
        errorHandlingOptions: errorHandling,
      },
    },
    {
      id: ID.branch,
      name: 'Big account?',
      type: 'IF_ELSE',
      valid: true,
      position: { x: 0, y: 450 },
      settings: {
        input: {
          stepFilterGroups: [{ id: 'g-big', logicalOperator: 'AND' }],
          stepFilters: [
            {
              id: 'c-seats',
              type: 'NUMBER',
              stepOutputKey: `{{${ID.form}.seats}}`,
              operand: 'GREATER_THAN_OR_EQUAL',
              value: '10',
              stepFilterGroupId: 'g-big',
              positionInStepFilterGroup: 0,
            },
          ],
          branches: [
            { id: 'b-if', nextStepIds: [ID.big], filterGroupId: 'g-big' },
            { id: 'b-else', nextStepIds: [ID.small] },
          ],
        },
        outputSchema: {},
        errorHandlingOptions: errorHandling,
      },
    },
    createCompany(ID.big, 'Create big company', {
      name: `{{${ID.code}.label}} (big)`,
      employees: `{{${ID.form}.seats}}`,
    }),
    createCompany(ID.small, 'Create small company', { name: `{{${ID.code}.label}} (small)` }),
  ],
};

test('a Twenty workflow imports, its code step is finished, it runs as in Twenty and exports back for Twenty', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await openApp(page, '/workflows');
  await importJson(page, twentyFile);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Lead intake from Twenty');

  // The code step ran a Twenty logic function: it is marked, and says what to do.
  await page.getByRole('link', { name: 'Edit draft' }).click();
  const canvas = page.getByRole('region', { name: 'Editing Lead intake from Twenty' });
  await expect(canvas.getByLabel('Code: Make a label')).toContainText('Invalid settings');
  await expect(page.getByRole('button', { name: 'Activate' })).toBeDisabled();
  await canvas.getByLabel('Code: Make a label').click();
  const panel = page.getByRole('complementary', { name: 'Step settings' });
  await expect(panel).toContainText("this step ran Twenty's logic function d41d8cd9-8f00-4b20-9e98-00998ecf8427");
  const code = panel.getByLabel('Code (JavaScript)');
  await code.click();
  await page.keyboard.type('export const main = async (params) => ({ label: params.name.toUpperCase() });');
  await expect(canvas.getByLabel('Code: Make a label')).not.toContainText('Invalid settings');
  await expect(page.getByRole('status').filter({ hasText: 'Draft saved' })).toBeVisible();
  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.locator('h1 .badge')).toHaveText('Active');

  // Run it: the form waits in the Inbox; the if/else takes the branch its condition chooses.
  const [workflow] = (await storedRows<{ id: string; name: string }>(page, 'workflows')).filter(
    (w) => w.name === 'Lead intake from Twenty',
  );
  await page.goto(`/workflows/${workflow.id}`);
  await page.getByRole('button', { name: '▶ Run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Waiting');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Inbox/ }).click();
  const form = page.getByRole('form', { name: 'Lead form' });
  await form.getByLabel('Company name').fill('Acme');
  await form.getByLabel('Seats').fill('12');
  await form.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByText('Nothing is waiting for you.')).toBeVisible();
  await expect.poll(() => countRecords(page, 'company', { field: 'name', equals: 'ACME (big)' })).toBe(1);
  expect(await countRecords(page, 'company', { field: 'name', equals: 'ACME (small)' })).toBe(0);
  const [big] = (await storedRows<{ data: { name: string; employees: number } }>(page, 'records')).filter(
    (r) => r.data.name === 'ACME (big)',
  );
  expect(big.data.employees).toBe(12);

  // Export for Twenty: the file passes Twenty's own schemas and keeps Twenty's ids.
  await page.goto(`/workflows/${workflow.id}`);
  await page.getByRole('button', { name: 'Export for Twenty…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export for Twenty' });
  await expect(dialog).toContainText('Everything in it runs in Twenty as it does here.');
  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('lead-intake-from-twenty.twenty.json');
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const exported = JSON.parse(text);
  expect(twentyVersion.safeParse(exported).error?.issues ?? []).toEqual([]);
  expect(exported.steps.map((s: { id: string }) => s.id)).toEqual(Object.values(ID));
  expect(exported.steps[1].settings.input).toEqual({
    logicFunctionId: 'd41d8cd9-8f00-4b20-9e98-00998ecf8427',
    logicFunctionInput: { name: `{{${ID.form}.companyName}}` },
  });
});

test('Export for Twenty names what Twenty cannot take before saving', async ({ page }) => {
  await openApp(page, '/workflows');
  await importJson(
    page,
    manualWorkflow('Inline code', [
      {
        id: 'sum',
        name: 'Add up',
        type: 'CODE',
        nextStepIds: [],
        settings: { input: { code: 'export const main = async () => ({ n: 1 });' } },
      },
    ]),
  );
  await page.getByRole('button', { name: 'Export for Twenty…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export for Twenty' });
  await expect(dialog.getByRole('listitem')).toHaveText([
    /^Code step “Add up”: Twenty keeps code in a logic function, .* create the function in Twenty and paste the code\.$/,
  ]);
  await expect(dialog.getByRole('button', { name: 'Export anyway' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('CSV files exported from Twenty (companies, then people) import with their columns mapped and people linked', async ({
  page,
}) => {
  const importCsv = async (path: string, plural: string, file: string, count: number) => {
    await openApp(page, path);
    await page.getByRole('button', { name: 'Import CSV…' }).click();
    const dialog = page.getByRole('dialog', { name: `Import ${plural} from CSV` });
    await dialog.getByLabel('CSV file').setInputFiles(fixturePath(`twenty/${file}`));
    return { dialog, importButton: dialog.getByRole('button', { name: `Import ${count} ${plural}` }) };
  };
  const companies = await importCsv('/objects/company', 'companies', 'companies.csv', 2);
  await expect(companies.dialog.getByLabel('Import column “Domain / Link URL” into')).toHaveValue(
    'domainName/primaryLinkUrl',
  );
  await expect(companies.dialog.getByLabel('Import column “Created by / Source” into')).toHaveValue('');
  await companies.importButton.click();
  await expect(companies.dialog).toBeHidden();

  const people = await importCsv('/objects/person', 'people', 'people.csv', 3);
  await expect(people.dialog.getByLabel('Import column “Company Id” into')).toHaveValue('company/id');
  await expect(people.dialog.getByLabel('Import column “Name / First Name” into')).toHaveValue('name/firstName');
  await people.importButton.click();
  await expect(people.dialog).toBeHidden();
  await expect(page.getByRole('row', { name: /Odile Marchand/ })).toContainText('Nimbus Labs');
  const [odile] = await storedRows<{ data: { company: string; emails: { additionalEmails: string[] } } }>(
    page,
    'records',
    '7c8d9e0f-2a3b-4c5d-8e9f-0a1b2c3d4e61',
  );
  expect(odile.data.company).toBe('5b6e4f0a-1c2d-4e3f-8a9b-0c1d2e3f4a51');
  expect(odile.data.emails.additionalEmails).toEqual(['o.marchand@nimbus.example']);
});
