import { expect, test } from '@playwright/test';
import { activateCurrent, countRecords, fixture, importWorkflow, openApp } from './helpers';

test('import "task for every new person", activate, create a person, see the task and the run', async ({ page }) => {
  await openApp(page);
  await importWorkflow(page, 'welcome-person.json');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Task for every new person');
  await expect(page.locator('h1 .badge')).toHaveText('Draft');
  await activateCurrent(page);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await page.getByRole('button', { name: '+ New person' }).click();
  await page.getByRole('dialog').getByLabel('Name: First name').fill('Mary');
  await page.getByRole('dialog').getByLabel('Name: Last name').fill('Jackson');
  await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 1, name: /Mary Jackson/ })).toBeVisible();

  // The task appears, linked back to the person.
  await expect(
    page.getByRole('complementary', { name: 'Related records' }).getByRole('link', { name: 'Call Mary Jackson' }),
  ).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Tasks' }).click();
  await expect(page.getByRole('link', { name: 'Call Mary Jackson' })).toBeVisible();

  // The run completed, with the step's output.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
  const row = page.getByRole('row').filter({ hasText: 'Task for every new person' });
  await expect(row.getByText('Completed')).toBeVisible();
  await row.getByRole('link').click();
  await expect(page.getByTestId('run-status')).toHaveText('Completed');
  const step = page.getByRole('listitem', { name: 'Create follow-up task: SUCCESS' });
  await step.getByText('Input and output').click();
  await expect(step.getByLabel('Output')).toContainText('"title": "Call Mary Jackson"');
  expect(await countRecords(page, 'task', { field: 'title', equals: 'Call Mary Jackson' })).toBe(1);
});

test('a manual workflow runs from a record page (with a join of two branches)', async ({ page }) => {
  await openApp(page);
  await importWorkflow(page, 'follow-up-manual.json');
  await activateCurrent(page);
  await page.goto('/objects/person/person-8');
  await page.getByRole('button', { name: '▶ Run “Schedule a follow-up”' }).click();
  await expect(page).toHaveURL(/\/runs\//);
  await expect(page.getByTestId('run-status')).toHaveText('Completed');
  await expect(page.getByRole('listitem', { name: 'Find their company: SUCCESS' })).toBeVisible();
  expect(await countRecords(page, 'task', { field: 'title', equals: 'Follow up with Arthur at Mistral AI' })).toBe(1);
});

test('a malformed import shows where and why, and changes nothing', async ({ page }) => {
  await openApp(page, '/workflows');
  await expect(page.getByRole('link', { name: 'Welcome new people' })).toBeVisible();
  const before = await page.getByRole('table', { name: 'Workflows' }).getByRole('row').count();
  await page.getByRole('button', { name: 'Import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import a workflow' });

  await dialog.getByLabel('Or paste JSON').fill('{ "format": "localflow.workflow", ');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(dialog.getByRole('alert')).toContainText('This is not valid JSON');

  await dialog.getByLabel('Or paste JSON').fill(fixture('malformed.json'));
  await dialog.getByRole('button', { name: 'Import' }).click();
  const alert = dialog.getByRole('alert');
  // Problems name the step by its name and the setting as the editor labels it.
  await expect(alert).toContainText('The trigger, Event: write');
  await expect(alert).toContainText('Step “Create”, Next steps: no step has id "missing"');

  await dialog
    .getByLabel('Or paste JSON')
    .fill(JSON.stringify({ ...JSON.parse(fixture('welcome-person.json')), version: 7 }));
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(alert).toContainText('newer than this app reads');

  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByRole('table', { name: 'Workflows' }).getByRole('row')).toHaveCount(before);
});

test('export downloads the workflow as JSON that imports again', async ({ page }) => {
  await openApp(page, '/workflows');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Welcome new people' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('welcome-new-people.localflow.json');
  const text = await (await file.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const json = JSON.parse(text);
  expect(json).toMatchObject({
    format: 'localflow.workflow',
    version: 2,
    name: 'Welcome new people',
    trigger: { type: 'DATABASE_EVENT' },
  });
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByLabel('Or paste JSON').fill(text);
  await page.getByRole('dialog').getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Welcome new people (2)');
});

test('a manual workflow runs on selected table rows, one run per record', async ({ page }) => {
  await openApp(page);
  await importWorkflow(page, 'tag-selected-people.json');
  await activateCurrent(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await page.getByRole('checkbox', { name: 'Select Ada Lovelace' }).check();
  await page.getByRole('checkbox', { name: 'Select Grace Hopper' }).check();
  await expect(page.getByRole('region', { name: 'Selected records' })).toContainText('2 selected');
  await page.getByRole('button', { name: '▶ Run “Tag selected people”' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Tag selected people');
  await expect(page.getByRole('table', { name: 'Runs of Tag selected people' }).getByText('Completed')).toHaveCount(2);
  expect(await countRecords(page, 'person', { field: 'jobTitle', equals: 'VIP Analyst' })).toBe(1);
  expect(await countRecords(page, 'person', { field: 'jobTitle', equals: 'VIP Engineer' })).toBe(1);
});

test('version history: use a version as draft, activate it, the previous one is archived', async ({ page }) => {
  await openApp(page, '/workflows/demo-welcome');
  await activateCurrent(page);
  await page.getByRole('button', { name: 'Use version 1 as draft' }).click();
  await expect(page.getByRole('heading', { name: /Version 2/ })).toContainText('Draft');
  await page.getByRole('button', { name: 'Activate', exact: true }).click();
  const versions = page.getByRole('listitem').filter({ hasText: /^Version \d/ });
  await expect(versions.filter({ hasText: 'Version 2' })).toContainText('Active');
  await expect(versions.filter({ hasText: 'Version 1' })).toContainText('Archived');
  await expect(page.getByRole('button', { name: 'Activate', exact: true })).toHaveCount(0);
});
