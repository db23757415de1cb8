import { expect, test, type Page } from '@playwright/test';
import { countRecords, openApp } from './helpers';

/** Opens the variable picker of an input and picks the variable with this label. */
async function pickVariable(page: Page, inputLabel: string, variable: string) {
  const panel = page.getByRole('complementary', { name: 'Step settings' });
  await panel.getByRole('button', { name: `Insert variable into ${inputLabel}`, exact: true }).click();
  const picker = panel.getByRole('dialog', { name: `Variables for ${inputLabel}` });
  await picker.getByRole('combobox', { name: 'Search variables' }).fill(variable);
  await picker.getByRole('option', { name: variable, exact: true }).click();
}

async function addStep(page: Page, type: string, where?: string) {
  const panel = page.getByRole('complementary', { name: 'Step settings' });
  if (where) await panel.getByLabel('Where').selectOption({ label: where });
  await panel.getByRole('button', { name: '+ Add a step…' }).click();
  await page
    .getByRole('dialog', { name: 'Add a step' })
    .getByRole('option', { name: new RegExp(`^${type.replace('/', '\\/')}`) })
    .click();
}

/** The raw text of a variable field (`{{…}}` included), as the draft stores it. */
const rawValue = (page: Page, label: string) =>
  page
    .getByRole('complementary', { name: 'Step settings' })
    .getByTestId('variable-field')
    .filter({ has: page.getByLabel(label, { exact: true }) });

test('build a workflow from scratch on the canvas, activate it, trigger it; edit it while it runs; undo and redo', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page, '/workflows');
  await page.getByRole('button', { name: '+ New workflow' }).click();
  await page.getByLabel('Name').fill('Greet new people');
  await page.getByRole('button', { name: 'Create and edit' }).click();
  const panel = page.getByRole('complementary', { name: 'Step settings' });
  await expect(panel.getByRole('heading', { name: 'Trigger' })).toBeVisible();

  // Trigger: a person is created (the first question of a new workflow).
  await panel.getByRole('button', { name: /^A record is created Runs/ }).click();
  await panel.getByLabel('Object').selectOption({ label: 'Person' });
  await expect(panel.getByLabel('Name', { exact: true })).toHaveValue('Person created');

  // Search the person's company.
  await addStep(page, 'Search records');
  await expect(panel.getByRole('heading', { name: 'Search records' })).toBeVisible();
  await panel.getByLabel('Step name').fill('Find their company');
  await panel.getByLabel('Object').selectOption({ label: 'Company' });
  await panel.getByRole('button', { name: '+ Condition' }).click();
  await panel.getByLabel('Conditions on the records, condition 1: field').selectOption({ label: 'Id' });
  await pickVariable(page, 'Conditions on the records, condition 1: compared with', 'Person created › Company');
  await expect(rawValue(page, 'Conditions on the records, condition 1: compared with')).toHaveAttribute(
    'data-value',
    '{{trigger.properties.after.company}}',
  );

  // If a company was found…
  await addStep(page, 'If / else');
  await panel.getByLabel('Step name').fill('Has a company?');
  await panel.getByRole('button', { name: '+ Condition' }).click();
  await panel.getByLabel('If, condition 1: field').selectOption({ label: 'A value or variable…' });
  await pickVariable(page, 'If, condition 1: value', 'Find their company › Number found');
  await panel.getByLabel('If, condition 1: operand').selectOption({ label: 'greater than' });
  await panel.getByLabel('If, condition 1: compared with', { exact: true }).fill('0');

  // …create a task using both the trigger and the search…
  await addStep(page, 'Create record', 'in the If branch');
  await panel.getByLabel('Step name').fill('Plan a meeting');
  await panel.getByLabel('Object').selectOption({ label: 'Task' });
  await panel.getByLabel('Add a field').selectOption({ label: 'Title' });
  await panel.getByLabel('Title', { exact: true }).fill('Meet ');
  await pickVariable(page, 'Title', 'Person created › Name › First name');
  await panel.getByLabel('Title', { exact: true }).press('Control+End');
  await panel.getByLabel('Title', { exact: true }).pressSequentially(' at ');
  await pickVariable(page, 'Title', 'Find their company › First › Name');
  await expect(rawValue(page, 'Title')).toHaveAttribute(
    'data-value',
    /^Meet \{\{trigger\.properties\.after\.name\.firstName\}\} at \{\{[0-9a-f-]{36}\.first\.name\}\}$/,
  );
  await expect(panel.getByLabel('Title', { exact: true })).toContainText('Person created › Name › First name');

  // …otherwise mark the person as independent.
  await page.getByRole('region', { name: 'Editing Greet new people' }).getByLabel('If / else: Has a company?').click();
  await addStep(page, 'Update record', 'in the Else branch');
  await panel.getByLabel('Step name').fill('Mark independent');
  await expect(
    page.getByRole('region', { name: 'Editing Greet new people' }).getByLabel('Update record: Mark independent'),
  ).toContainText('Invalid settings');
  await expect(page.getByRole('button', { name: 'Activate' })).toBeDisabled();
  await pickVariable(page, 'Record', 'Person created › Record id');
  await panel.getByLabel('Add a field').selectOption({ label: 'Job title' });
  await panel.getByLabel('Job title', { exact: true }).fill('Independent');
  await expect(page.getByRole('button', { name: 'Activate' })).toBeEnabled();

  // Undo and redo.
  await panel.getByRole('button', { name: 'Delete this step' }).click();
  const canvas = page.getByRole('region', { name: 'Editing Greet new people' });
  await expect(canvas.getByLabel('Update record: Mark independent')).toHaveCount(0);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(canvas.getByLabel('Update record: Mark independent')).toBeVisible();
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(canvas.getByLabel('Update record: Mark independent')).toHaveCount(0);
  await page.locator('body').press('Control+z');
  await expect(canvas.getByLabel('Update record: Mark independent')).toBeVisible();

  // Test the draft with a sample person before activating it.
  await expect(page.getByRole('status').filter({ hasText: 'Draft saved' })).toBeVisible();
  const tryIt = page.getByRole('region', { name: 'Test the draft' });
  await tryIt.getByLabel('Sample person').selectOption({ label: 'Ada Lovelace' });
  await tryIt.getByRole('button', { name: '▶ Test' }).click();
  await expect(tryIt.getByRole('status')).toContainText('Completed');
  await expect(canvas.getByLabel('Create record: Plan a meeting, SUCCESS')).toBeVisible();
  await expect.poll(() => countRecords(page, 'task', { field: 'title', equals: 'Meet Ada at Mistral AI' })).toBe(1);

  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.locator('h1 .badge')).toHaveText('Active');

  // Trigger it by creating people.
  await page.goto('/objects/person');
  await page.getByRole('button', { name: '+ New person' }).click();
  await page.getByRole('dialog').getByLabel('Name: First name').fill('Mae');
  await page.getByRole('dialog').getByLabel('Name: Last name').fill('Jemison');
  await page.getByRole('dialog').getByLabel('Company').selectOption({ label: 'Qonto' });
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect.poll(() => countRecords(page, 'task', { field: 'title', equals: 'Meet Mae at Qonto' })).toBe(1);
  await page.goto('/objects/person');
  await page.getByRole('button', { name: '+ New person' }).click();
  await page.getByRole('dialog').getByLabel('Name: First name').fill('Solo');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect.poll(() => countRecords(page, 'person', { field: 'jobTitle', equals: 'Independent' })).toBe(1);

  // Edit the active workflow: a new draft, while version 1 keeps running.
  await page.goto('/workflows');
  await page.getByRole('link', { name: 'Greet new people' }).click();
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  // Keyboard: focus the node and press Enter to select it.
  await page
    .getByRole('region', { name: 'Editing Greet new people' })
    .getByLabel('Create record: Plan a meeting')
    .focus();
  await page.keyboard.press('Enter');
  await panel.getByLabel('Title', { exact: true }).fill('Draft title');
  await expect(page.getByRole('status').filter({ hasText: 'Draft saved' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: 'Greet new people' }).click();
  await expect(page.getByRole('heading', { name: /Version 2/ })).toContainText('Draft');
  await expect(page.getByRole('listitem').filter({ hasText: 'Version 1' })).toContainText('Active');
  await page.goto('/objects/person');
  await page.getByRole('button', { name: '+ New person' }).click();
  await page.getByRole('dialog').getByLabel('Name: First name').fill('Ellen');
  await page.getByRole('dialog').getByLabel('Company').selectOption({ label: 'Figma' });
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect.poll(() => countRecords(page, 'task', { field: 'title', equals: 'Meet Ellen at Figma' })).toBe(1);
  expect(await countRecords(page, 'task', { field: 'title', equals: 'Draft title' })).toBe(0);
});

test('dry run shows the staged diff and writes nothing; test runs the draft for real', async ({ page }) => {
  await openApp(page, '/workflows/demo-welcome/edit');
  const tryIt = page.getByRole('region', { name: 'Test the draft' });
  await tryIt.getByLabel('Sample person').selectOption({ label: 'Ada Lovelace' });
  const tasksBefore = await countRecords(page, 'task');

  await tryIt.getByRole('button', { name: 'Dry run' }).click();
  const report = page.getByRole('region', { name: 'Dry run results' });
  await expect(report).toContainText('nothing was written');
  await expect(report.getByRole('list', { name: 'Staged changes' })).toContainText('Create task “Welcome Ada”');
  await expect(
    page
      .getByRole('region', { name: 'Editing Welcome new people' })
      .getByLabel('Create record: Create follow-up task, SUCCESS'),
  ).toBeVisible();
  expect(await countRecords(page, 'task')).toBe(tasksBefore);

  await tryIt.getByRole('button', { name: '▶ Test' }).click();
  await expect(tryIt.getByRole('status')).toContainText('Completed');
  expect(await countRecords(page, 'task', { field: 'title', equals: 'Welcome Ada' })).toBe(1);
  await tryIt.getByRole('link', { name: 'Open the run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Completed');
  // A test run says so, on its page and wherever runs are listed.
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Test run of “Welcome new people”');
  await page.goto('/runs');
  await expect(page.getByRole('table', { name: 'Runs' }).getByRole('row').nth(1)).toContainText('Test');
});

test('copy a step in one workflow and paste it into another', async ({ page }) => {
  await openApp(page, '/workflows/demo-welcome/edit');
  let canvas = page.getByRole('region', { name: 'Editing Welcome new people' });
  await canvas.getByLabel('Create record: Create follow-up task').focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('complementary', { name: 'Step settings' });
  await panel.getByRole('button', { name: 'Copy step' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Copied “Create follow-up task”' })).toBeVisible();

  await page.goto('/workflows/demo-follow-up/edit');
  canvas = page.getByRole('region', { name: 'Editing Plan a follow-up' });
  await canvas.getByLabel('Create record: Create follow-up task').focus();
  await page.keyboard.press('Enter');
  await panel.getByRole('button', { name: 'Paste after this step' }).click();
  await expect(canvas.getByLabel('Create record: Create follow-up task')).toHaveCount(2);
  await expect(rawValue(page, 'Title')).toHaveAttribute(
    'data-value',
    'Welcome {{trigger.properties.after.name.firstName}}',
  );
  // The pasted step keeps its settings (and its variables refer to the trigger, which exists here too).
  await expect(panel.getByRole('alert', { name: 'Problems with this step' })).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(canvas.getByLabel('Create record: Create follow-up task')).toHaveCount(1);
});

test('"+" under the last node adds a step, and its type can be changed', async ({ page }) => {
  await openApp(page, '/workflows');
  await page.getByRole('button', { name: '+ New workflow' }).click();
  await page.getByLabel('Name').fill('Plus test');
  await page.getByRole('button', { name: 'Create and edit' }).click();
  const canvas = page.getByRole('region', { name: 'Editing Plus test' });
  const panel = page.getByRole('complementary', { name: 'Step settings' });
  await panel.getByRole('button', { name: /^Launched by hand/ }).click();
  await canvas.getByRole('button', { name: 'Add a step after Launch manually' }).click();
  const chooser = page.getByRole('dialog', { name: 'Add a step' });
  await chooser.getByRole('option', { name: /^Create record/ }).click();
  await expect(panel.getByRole('heading', { name: 'Create record' })).toBeVisible();
  await panel.getByRole('button', { name: 'Change type…' }).click();
  await page
    .getByRole('dialog', { name: 'Change the step’s type' })
    .getByRole('option', { name: /^Delay/ })
    .click();
  await expect(panel.getByRole('heading', { name: 'Delay' })).toBeVisible();
  await expect(canvas.getByLabel('Delay: Delay')).toBeVisible();
  await canvas.getByRole('button', { name: 'Add a step after Delay' }).click();
  await chooser.getByRole('option', { name: /^Create record/ }).click();
  await expect(canvas.getByLabel('Create record: Create record')).toBeVisible();
  await expect(canvas.getByRole('button', { name: 'Add a step between Delay and Create record' })).toBeAttached();
});
