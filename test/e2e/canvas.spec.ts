import { expect, test } from '@playwright/test';
import { importWorkflow, openApp } from './helpers';

test('a 10-step workflow on the canvas, then its run coloured by step status', async ({ page }, testInfo) => {
  await openApp(page);
  await importWorkflow(page, 'ten-steps.json');
  const canvas = page.getByRole('region', { name: /Graph of Sort people by city/ });
  await expect(canvas.getByLabel('Iterator: For each person')).toBeVisible();
  await expect(
    canvas.getByLabel(/^(Search records|Iterator|If \/ else|Update record|Create record|Delay|Filter): /),
  ).toHaveCount(10);
  await expect(canvas.getByText('For each item')).toBeVisible();
  await expect(canvas.getByText('Else', { exact: true })).toBeVisible();
  await testInfo.attach('editor-10-steps', { body: await page.screenshot(), contentType: 'image/png' });

  // Clicking a node opens that step's settings in the list below.
  await canvas.getByLabel('If / else: Lives in Paris?').click();
  await expect(page.locator('#step-check details')).toHaveAttribute('open', '');

  // The same workflow in the editor (the screenshot of the 10-step editor).
  await page.getByRole('link', { name: 'Edit draft' }).click();
  await expect(
    page.getByRole('region', { name: 'Editing Sort people by city' }).getByLabel('Iterator: For each person'),
  ).toBeVisible();
  await testInfo.attach('editor-10-steps-editing', { body: await page.screenshot(), contentType: 'image/png' });
  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.locator('h1 .badge')).toHaveText('Active');
  await page.getByRole('button', { name: '▶ Run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('Completed', { timeout: 15_000 });
  const runCanvas = page.getByRole('region', { name: 'Graph of this run, coloured by step status' });
  await expect(runCanvas.getByLabel('If / else: Lives in Paris?, SUCCESS')).toBeVisible();
  await expect(runCanvas.getByLabel('Filter: Any open tasks?, SUCCESS')).toBeVisible();
  await expect(runCanvas.getByLabel('Create record: Create a reminder, SUCCESS')).toBeVisible();
  await expect(page.getByRole('listitem', { name: 'For each person: SUCCESS' })).toContainText('ran 10 times');
  // The loop's progress: items done of the total.
  await expect(page.getByRole('progressbar', { name: /^All \d+ items done$/ })).toBeVisible();
  await testInfo.attach('run-canvas', { body: await page.screenshot(), contentType: 'image/png' });
});
