import { expect, test } from '@playwright/test';
import { axeCheck, importWorkflow, openApp } from './helpers';

test('the editor passes axe (WCAG 2.1 A/AA) in each of its states: first question, trigger and filter, step chooser, variable picker, chips, loop, run', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openApp(page, '/workflows');
  await page.getByRole('button', { name: '+ New workflow' }).click();
  await page.keyboard.type('Follow up big deals');
  await page.keyboard.press('Enter');
  const panel = page.getByRole('complementary', { name: 'Step settings' });
  await expect(panel.getByRole('button', { name: /^A record is updated/ })).toBeVisible();
  await axeCheck(page, '1-new-trigger-chooser');
  await panel.getByRole('button', { name: /^A record is updated/ }).click();
  await panel.getByLabel('Object').selectOption({ label: 'Opportunity' });
  await panel.getByRole('checkbox', { name: 'Stage' }).check();
  await panel.getByRole('button', { name: '+ Condition' }).click();
  await panel.getByLabel('Only records where, condition 1: field').selectOption({ label: 'Amount › Amount' });
  await panel.getByLabel('Only records where, condition 1: operand').selectOption({ label: 'greater than' });
  await panel.getByLabel('Only records where, condition 1: compared with').click();
  await page.keyboard.type('100000');
  await axeCheck(page, '2-trigger-and-filter');
  const canvas = page.getByRole('region', { name: 'Editing Follow up big deals' });
  await canvas.getByRole('button', { name: 'Add a step after Opportunity updated' }).click();
  await axeCheck(page, '3-step-chooser');
  await page
    .getByRole('dialog', { name: 'Add a step' })
    .getByRole('option', { name: /^Create record/ })
    .click();
  await panel.getByLabel('Object').selectOption({ label: 'Task' });
  await panel.getByLabel('Add a field').selectOption({ label: 'Title' });
  await panel.getByLabel('Title', { exact: true }).click();
  await page.keyboard.type('Follow up: ');
  await panel.getByRole('button', { name: 'Insert variable into Title', exact: true }).click();
  await page.keyboard.type('name');
  await axeCheck(page, '4-variable-picker');
  await page.keyboard.press('Enter');
  const tryIt = page.getByRole('region', { name: 'Test the draft' });
  await tryIt.getByLabel('Sample opportunity').selectOption({ label: 'Figma enterprise' });
  await tryIt.getByRole('button', { name: '▶ Test' }).click();
  await expect(tryIt.getByRole('status')).toContainText('Completed');
  await panel.getByLabel('Title', { exact: true }).locator('.cm-variable-chip').hover();
  await expect(page.getByRole('tooltip')).toBeVisible();
  await axeCheck(page, '5-create-record-chips');
  await page.setViewportSize({ width: 390, height: 844 });
  await test.info().attach('6-phone-editor', { body: await page.screenshot(), contentType: 'image/png' });
  await page.setViewportSize({ width: 1280, height: 800 });

  await importWorkflow(page, 'ten-steps.json');
  await page.getByRole('link', { name: 'Edit draft' }).click();
  await expect(
    page.getByRole('region', { name: 'Editing Sort people by city' }).getByLabel('Iterator: For each person'),
  ).toBeVisible();
  await page.waitForTimeout(500);
  await axeCheck(page, '7-iterator');
  await page.getByRole('button', { name: 'Activate', exact: true }).click();
  await page.getByRole('button', { name: '▶ Run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Completed', { timeout: 15_000 });
  await axeCheck(page, '8-run');
});
