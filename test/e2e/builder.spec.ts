import { expect, test, type Locator, type Page } from '@playwright/test';
import { countRecords, openApp, storedRows } from './helpers';

/** Counts what a person does: each click, choice, typed text and key press is one action. */
function person(page: Page) {
  let actions = 0;
  return {
    get actions() {
      return actions;
    },
    async click(l: Locator) {
      actions++;
      await l.click();
    },
    async choose(l: Locator, label: string) {
      actions++;
      await l.selectOption({ label });
    },
    async check(l: Locator) {
      actions++;
      await l.check();
    },
    /** Types into whatever has focus, as a person does. */
    async type(text: string) {
      actions++;
      await page.keyboard.type(text);
    },
    async press(key: string) {
      actions++;
      await page.keyboard.press(key);
    },
  };
}

const panelOf = (page: Page) => page.getByRole('complementary', { name: 'Step settings' });

test('build "when an opportunity’s stage changes and its amount is over 100,000, create a task" with clicks and typing only; test, activate, check', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // Once seen failing on CI (the trigger's Object field never showed after the first question):
  // what the page reported goes into the log.
  page.on('pageerror', (error) => console.log(`page error: ${error.stack ?? error}`));
  page.on('console', (message) => {
    if (message.type() === 'error') console.log(`console error: ${message.text()}`);
  });
  await openApp(page, '/workflows');
  const user = person(page);
  const panel = panelOf(page);

  await user.click(page.getByRole('button', { name: '+ New workflow' }));
  await user.type('Follow up big deals');
  await user.press('Enter');

  // The editor asks first how the workflow starts.
  await user.click(panel.getByRole('button', { name: /^A record is updated/ }));
  await expect(panel.getByRole('group', { name: 'How does this workflow start?' })).toBeHidden();
  await expect(panel.getByRole('textbox', { name: 'Name', exact: true })).toHaveValue('Record is updated');
  await user.choose(panel.getByLabel('Object'), 'Opportunity');
  await user.check(panel.getByRole('checkbox', { name: 'Stage' }));

  // Filter by field: the amount's operators are a number's.
  await user.click(panel.getByRole('button', { name: '+ Condition' }));
  await user.choose(panel.getByLabel('Only records where, condition 1: field'), 'Amount › Amount');
  await user.choose(panel.getByLabel('Only records where, condition 1: operand'), 'greater than');
  await user.click(panel.getByLabel('Only records where, condition 1: compared with'));
  await user.type('100000');

  // Create a task whose title has the opportunity's name as a chip.
  const canvas = page.getByRole('region', { name: 'Editing Follow up big deals' });
  await user.click(canvas.getByRole('button', { name: 'Add a step after Opportunity updated' }));
  await user.click(page.getByRole('dialog', { name: 'Add a step' }).getByRole('option', { name: /^Create record/ }));
  await user.choose(panel.getByLabel('Object'), 'Task');
  await user.choose(panel.getByLabel('Add a field'), 'Title');
  await user.click(panel.getByLabel('Title', { exact: true }));
  await user.type('Follow up: ');
  await user.click(panel.getByRole('button', { name: 'Insert variable into Title', exact: true }));
  await user.type('name');
  await user.press('Enter');
  const title = panel.getByLabel('Title', { exact: true });
  await expect(title.locator('.cm-variable-chip')).toHaveText('Opportunity updated › Name');
  await expect(panel.getByTestId('variable-field').first()).toHaveAttribute(
    'data-value',
    'Follow up: {{trigger.properties.after.name}}',
  );

  // Test with a big deal, then activate.
  const tryIt = page.getByRole('region', { name: 'Test the draft' });
  await user.choose(tryIt.getByLabel('Sample opportunity'), 'Figma enterprise');
  await user.click(tryIt.getByRole('button', { name: '▶ Test' }));
  await expect(tryIt.getByRole('status')).toContainText('Completed');
  await expect
    .poll(() => countRecords(page, 'task', { field: 'title', equals: 'Follow up: Figma enterprise' }))
    .toBe(1);
  await user.click(page.getByRole('button', { name: 'Activate', exact: true }));
  await expect(page.locator('h1 .badge')).toHaveText('Active');

  const built = user.actions;
  console.log(`User actions to build, test and activate: ${built}`);
  expect(built).toBeLessThanOrEqual(25);

  // The result: a big deal moving stage gets a task; a small one does not.
  for (const [id, stage] of [
    ['opportunity-1', 'Proposal'], // Airbnb expansion, 120,000
    ['opportunity-2', 'Customer'], // Qonto renewal, 45,000
  ]) {
    await page.goto(`/objects/opportunity/${id}`);
    await page.getByLabel('Stage').selectOption({ label: stage });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  }
  await expect
    .poll(() => countRecords(page, 'task', { field: 'title', equals: 'Follow up: Airbnb expansion' }))
    .toBe(1);
  await page.waitForTimeout(500);
  expect(await countRecords(page, 'task', { field: 'title', equals: 'Follow up: Qonto renewal' })).toBe(0);
});

test('variable chips: inserted at the cursor, deleted as one unit, kept after reload, last test value on hover', async ({
  page,
}) => {
  await openApp(page, '/workflows/demo-welcome/edit');
  const canvas = page.getByRole('region', { name: 'Editing Welcome new people' });
  await canvas.getByLabel('Create record: Create follow-up task').focus();
  await page.keyboard.press('Enter');
  const panel = panelOf(page);
  const title = panel.getByLabel('Title', { exact: true });
  const raw = panel.getByTestId('variable-field').filter({ has: page.getByLabel('Title', { exact: true }) });
  await expect(title.locator('.cm-variable-chip')).toHaveText('Person created › Name › First name');
  await expect(title).not.toContainText('{{');

  // Insert at the cursor: between "Welcome" and the chip.
  await title.click();
  await page.keyboard.press('Home');
  await page.keyboard.press('Control+ArrowRight'); // after "Welcome"
  await panel.getByRole('button', { name: 'Insert variable into Title', exact: true }).click();
  await page.keyboard.type('last name');
  await page.keyboard.press('Enter');
  await expect(raw).toHaveAttribute(
    'data-value',
    'Welcome{{trigger.properties.after.name.lastName}} {{trigger.properties.after.name.firstName}}',
  );
  // Backspace right after a chip deletes the whole chip.
  await page.keyboard.press('Backspace');
  await expect(raw).toHaveAttribute('data-value', 'Welcome {{trigger.properties.after.name.firstName}}');
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Backspace');
  await expect(raw).toHaveAttribute('data-value', 'Welcome ');
  await page.keyboard.press('Control+z');
  await expect(raw).toHaveAttribute('data-value', 'Welcome {{trigger.properties.after.name.firstName}}');

  // Copy and paste keep the chip.
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' / ');
  await page.keyboard.press('Control+v');
  await expect(raw).toHaveAttribute(
    'data-value',
    'Welcome {{trigger.properties.after.name.firstName}} / Welcome {{trigger.properties.after.name.firstName}}',
  );
  await expect(title.locator('.cm-variable-chip')).toHaveCount(2);

  // Saved and back after a reload, as chips.
  await expect
    .poll(async () => JSON.stringify(await storedRows(page, 'versions')))
    .toContain('Welcome {{trigger.properties.after.name.firstName}} / Welcome');
  await page.reload();
  await canvas.getByLabel('Create record: Create follow-up task').focus();
  await page.keyboard.press('Enter');
  await expect(title.locator('.cm-variable-chip')).toHaveCount(2);

  // Hover: the value in the last test run.
  await title.locator('.cm-variable-chip').first().hover();
  await expect(page.getByRole('tooltip')).toContainText('Run a test to see its value here');
  const tryIt = page.getByRole('region', { name: 'Test the draft' });
  await tryIt.getByLabel('Sample person').selectOption({ label: 'Ada Lovelace' });
  await tryIt.getByRole('button', { name: '▶ Test' }).click();
  await expect(tryIt.getByRole('status')).toContainText('Completed');
  await page.mouse.move(0, 0);
  await title.locator('.cm-variable-chip').first().hover();
  await expect(page.getByRole('tooltip')).toContainText('Last test: Ada');
  await expect(panel.getByLabel('Preview of Title')).toContainText('Welcome Ada / Welcome Ada');
});

test('the step chooser works from the keyboard: search, arrows, Enter', async ({ page }) => {
  await openApp(page, '/workflows/demo-welcome/edit');
  const canvas = page.getByRole('region', { name: 'Editing Welcome new people' });
  await canvas.getByRole('button', { name: 'Add a step after Create follow-up task' }).focus();
  await page.keyboard.press('Enter');
  const chooser = page.getByRole('dialog', { name: 'Add a step' });
  const search = chooser.getByRole('combobox', { name: 'Search step types' });
  await expect(search).toBeFocused();
  // Grouped as Twenty groups them.
  for (const group of ['Records', 'Flow', 'Core', 'Human input', 'AI'])
    await expect(chooser.getByRole('group', { name: group })).toBeVisible();
  await page.keyboard.type('wait');
  await expect(chooser.getByRole('option')).toHaveCount(1);
  await expect(chooser.getByRole('option', { selected: true })).toContainText('Delay');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('record');
  await page.keyboard.press('ArrowDown');
  await expect(chooser.getByRole('option', { selected: true })).toContainText('Update record');
  await page.keyboard.press('Enter');
  await expect(chooser).toHaveCount(0);
  const panel = panelOf(page);
  await expect(panel.getByRole('heading', { name: 'Update record' })).toBeVisible();
  await expect(canvas.getByLabel('Update record: Update record')).toBeVisible();

  // Change the type the same way; Escape closes without a change.
  await panel.getByRole('button', { name: 'Change type…' }).click();
  await page.keyboard.press('Escape');
  await expect(panel.getByRole('heading', { name: 'Update record' })).toBeVisible();
  await panel.getByRole('button', { name: 'Change type…' }).click();
  await page.keyboard.type('http');
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('heading', { name: 'HTTP request' })).toBeVisible();

  // A problem is told in words, next to the field it is about.
  await panel.getByRole('button', { name: 'Change type…' }).click();
  await page.keyboard.type('email');
  await page.keyboard.press('Enter');
  await expect(panel.getByLabel('To', { exact: true })).toHaveAccessibleDescription('say who receives the email');
  await expect(panel.getByRole('alert', { name: 'Problems with this step' })).toContainText(
    'To: say who receives the email',
  );
});

test('filter operators follow the field type; values fit the field', async ({ page }) => {
  await openApp(page, '/workflows/demo-welcome/edit');
  const panel = panelOf(page);
  await panel.getByLabel('Object').selectOption({ label: 'Opportunity' });
  await panel.getByRole('button', { name: '+ Condition' }).click();
  const name = 'Only records where, condition 1';
  const field = panel.getByLabel(`${name}: field`);
  const operand = panel.getByLabel(`${name}: operand`);
  const operandLabels = () => operand.locator('option').allTextContents();

  await field.selectOption({ label: 'Name' });
  expect(await operandLabels()).toEqual([
    'is',
    'is not',
    'contains',
    'does not contain',
    'starts with',
    'ends with',
    'is empty',
    'is not empty',
  ]);
  await field.selectOption({ label: 'Amount › Amount' });
  expect(await operandLabels()).toContain('greater than');
  await expect(panel.getByText('in units of its currency')).toBeVisible();
  await field.selectOption({ label: 'Amount › Currency' });
  expect(await operandLabels()).toEqual(['is', 'is not', 'is empty', 'is not empty']);
  await field.selectOption({ label: 'Stage' });
  expect(await operandLabels()).toEqual(['is', 'is not', 'is empty', 'is not empty']);
  const stage = panel.getByLabel(`${name}: compared with`);
  expect(await stage.locator('option').allTextContents()).toEqual([
    'Choose…',
    'New',
    'Screening',
    'Meeting',
    'Proposal',
    'Customer',
  ]);
  await field.selectOption({ label: 'Close date' });
  expect(await operandLabels()).toContain('is in the past');
  expect(await operandLabels()).not.toContain('contains');
  await operand.selectOption({ label: 'is within' });
  await panel.getByLabel(`${name}: compared with: how many`).fill('3');
  await panel.getByLabel(`${name}: compared with: unit`).selectOption({ label: 'weeks' });
  await field.selectOption({ label: 'Id' });
  expect(await operandLabels()).toEqual(['is', 'is not', 'is empty', 'is not empty']);

  // A composite's parts are sub-choices: a person's first name compares as text.
  await panel.getByLabel('Object').selectOption({ label: 'Person' });
  await panel.getByRole('button', { name: '+ Condition' }).click();
  await field.selectOption({ label: 'Name › First name' });
  expect(await operandLabels()).toContain('starts with');
});

test('opening an active workflow makes no draft; the first change does', async ({ page }) => {
  await openApp(page, '/workflows/demo-welcome');
  await page.getByRole('button', { name: 'Activate', exact: true }).click();
  await expect(page.locator('h1 .badge')).toHaveText('Active');
  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'your first change starts a draft' })).toBeVisible();
  await page.waitForTimeout(500);
  const drafts = async () =>
    (await storedRows<{ workflowId: string; status: string }>(page, 'versions')).filter(
      (v) => v.workflowId === 'demo-welcome' && v.status === 'draft',
    ).length;
  expect(await drafts()).toBe(0);
  await page.getByRole('link', { name: 'Welcome new people' }).click();
  await expect(page.locator('h1 .badge')).toHaveText('Active');
  await expect(page.getByRole('link', { name: 'Edit', exact: true })).toBeVisible();

  await page.getByRole('link', { name: 'Edit', exact: true }).click();
  const panel = panelOf(page);
  await panel.getByLabel('Name').click();
  await page.keyboard.type(' (v2)');
  await expect(page.getByRole('status').filter({ hasText: 'Draft saved' })).toBeVisible();
  expect(await drafts()).toBe(1);
});

test('the code editor: undo after an indent, line numbers, a syntax error marked', async ({ page }) => {
  await openApp(page, '/workflows/demo-welcome/edit');
  const canvas = page.getByRole('region', { name: 'Editing Welcome new people' });
  await canvas.getByRole('button', { name: 'Add a step after Create follow-up task' }).click();
  await page.keyboard.type('code');
  await page.keyboard.press('Enter');
  const panel = panelOf(page);
  const code = panel.getByLabel('Code (JavaScript)');
  await code.click();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type('return 1;');
  await page.keyboard.press('Home');
  await page.keyboard.press('Tab');
  await expect(code).toHaveText('  return 1;');
  await page.keyboard.press('Control+z');
  await expect(code).toHaveText('return 1;');
  await expect(panel.locator('.cm-lineNumbers')).toContainText('1');
  await page.keyboard.press('End');
  await page.keyboard.type(' (');
  await expect(panel.locator('.cm-lint-marker-error')).toBeVisible();
});

test('Delete on a focused edge or button deletes nothing; on a focused step it deletes that step; arrows move it', async ({
  page,
}) => {
  await openApp(page, '/workflows/demo-welcome/edit');
  const canvas = page.getByRole('region', { name: 'Editing Welcome new people' });
  const step = canvas.getByLabel('Create record: Create follow-up task');
  await step.focus();
  await page.keyboard.press('Enter');
  const edge = canvas.getByRole('group', { name: 'From Person created to Create follow-up task' });
  await edge.focus();
  await page.keyboard.press('Delete');
  await page.getByRole('button', { name: 'Redo' }).focus();
  await page.keyboard.press('Delete');
  await expect(step).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();

  // Arrow keys move the focused step (saved like a drag).
  const before = await step.boundingBox();
  await step.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowDown');
  await expect.poll(async () => (await step.boundingBox())!.y - before!.y).toBeGreaterThan(20);
  await expect.poll(async () => (await step.boundingBox())!.x - before!.x).toBeGreaterThan(4);

  await step.focus();
  await page.keyboard.press('Delete');
  await expect(step).toHaveCount(0);
});
