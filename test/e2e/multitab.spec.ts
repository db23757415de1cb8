import { expect, test } from '@playwright/test';
import { activateCurrent, countRecords, importJson, openApp, storedRows, storedRun } from './helpers';

test('one engine for all tabs: a second tab does not run triggers twice, and takes over when the first closes', async ({
  context,
}) => {
  const first = await context.newPage();
  await openApp(first, '/workflows/demo-welcome', 'leader');
  await activateCurrent(first);

  const second = await context.newPage();
  await openApp(second, '/objects/person', 'standby');
  await expect(second.getByText('Engine running in another tab')).toBeVisible();

  // A person created in the standby tab starts its run once, in the save's own transaction (its
  // tab's engine worker makes the save); the leader takes up whatever the run has left.
  await second.getByRole('button', { name: '+ New person' }).click();
  await expect(second.getByRole('dialog').getByLabel('Name: First name')).toBeFocused();
  await second.keyboard.type('Dorothy');
  await second.keyboard.press('Tab');
  await expect(second.getByRole('dialog').getByLabel('Name: Last name')).toBeFocused();
  await second.keyboard.type('Vaughan');
  await second.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect
    .poll(() => countRecords(second, 'task', { field: 'title', equals: 'Welcome Dorothy' }), { timeout: 30_000 })
    .toBe(1);
  await second.waitForTimeout(1500);
  await second.goto('/runs');
  await expect(second.getByRole('row').filter({ hasText: 'Welcome new people' }).getByText('Completed')).toBeVisible();
  await expect(second.getByRole('row').filter({ hasText: 'Welcome new people' })).toHaveCount(1);
  expect(await countRecords(second, 'task', { field: 'title', equals: 'Welcome Dorothy' })).toBe(1);

  // The leader closes: the other tab's engine takes over.
  await first.close();
  await expect(second.locator('.engine-status')).toHaveAttribute('data-role', 'leader');
  await second.goto('/objects/person');
  await second.getByRole('button', { name: '+ New person' }).click();
  await second.getByRole('dialog').getByLabel('Name: First name').fill('Christine');
  await second.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
  await expect.poll(() => countRecords(second, 'task', { field: 'title', equals: 'Welcome Christine' })).toBe(1);
});

test('a person saved in a tab that does not lead starts a run whose first step is code: the leading tab runs it, once', async ({
  context,
}) => {
  const first = await context.newPage();
  await openApp(first, '/workflows', 'leader');
  await importJson(first, {
    format: 'localflow.workflow',
    version: 1,
    name: 'Greet by code',
    trigger: {
      type: 'DATABASE_EVENT',
      name: 'Person created',
      settings: { eventName: 'person.created' },
      nextStepIds: ['greet'],
    },
    steps: [
      {
        id: 'greet',
        name: 'Greet',
        type: 'CODE',
        nextStepIds: [],
        settings: {
          input: {
            params: { first: '{{trigger.properties.after.name.firstName}}' },
            code: 'export const main = async (params) => ({ greeting: `Hello ${params.first}` });',
          },
        },
      },
    ],
  });
  await activateCurrent(first);

  const second = await context.newPage();
  await openApp(second, '/objects/person', 'standby');
  // As a person does it: the dialog opens on its first field; type, then press Enter.
  await second.getByRole('button', { name: '+ New person' }).click();
  await expect(second.getByRole('dialog').getByLabel('Name: First name')).toBeFocused();
  await second.keyboard.type('Katherine');
  await second.keyboard.press('Enter');
  await expect(second.getByRole('dialog')).toBeHidden();

  const greetRuns = async () =>
    (await storedRows<{ id: string; workflowName: string }>(first, 'runs')).filter(
      (r) => r.workflowName === 'Greet by code',
    );
  await expect.poll(async () => (await greetRuns()).length, { timeout: 30_000 }).toBe(1);
  const [{ id }] = await greetRuns();
  await expect.poll(async () => (await storedRun(first, id))?.status, { timeout: 30_000 }).toBe('completed');
  const run = await storedRun(first, id);
  // Called once, as a call to make, not taken for one a closing tab cut off.
  expect(run.state.stepInfos.greet).toMatchObject({ status: 'SUCCESS', attempt: 1 });
  expect(run.state.stepInfos.greet.interrupted).toBeUndefined();
  await first.goto(`/runs/${id}`);
  const step = first.getByRole('listitem', { name: 'Greet: SUCCESS' });
  await step.getByText('Input and output').click();
  await expect(step.getByLabel('Output')).toContainText('"greeting": "Hello Katherine"');
});
