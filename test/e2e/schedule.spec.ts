import { expect, test } from '@playwright/test';
import { importJson, openApp } from './helpers';

test('a schedule (every 2 seconds, as a custom pattern) creates runs while the page is open; the editor shows its next times', async ({ page }) => {
  await openApp(page);
  const file = {
    format: 'localflow.workflow', version: 1, name: 'Heartbeat',
    trigger: { type: 'CRON', name: 'Every 2 seconds', settings: { schedule: { type: 'CUSTOM', pattern: '*/2 * * * * *' }, timezone: 'Europe/Paris', missedRuns: 'once' }, nextStepIds: ['n'] },
    steps: [{ id: 'n', name: 'Beat', type: 'CREATE_RECORD', nextStepIds: [], settings: { input: { objectName: 'note', objectRecord: { title: 'beat at {{trigger.scheduledAt}}' } } } }],
  };
  await importJson(page, file);
  await expect(page.getByText('On a schedule (cron “*/2 * * * * *”, Europe/Paris)').first()).toBeVisible();

  await page.getByRole('link', { name: 'Edit draft' }).click();
  const panel = page.getByRole('complementary', { name: 'Step settings' });
  await expect(panel.getByRole('list', { name: 'Next five times' }).getByRole('listitem')).toHaveCount(5);
  await panel.getByRole('textbox', { name: 'Cron pattern' }).fill('* * *');
  await expect(panel.getByRole('alert')).toContainText('5 fields');
  await panel.getByRole('textbox', { name: 'Cron pattern' }).fill('*/2 * * * * *');
  await expect(page.getByRole('status').filter({ hasText: 'Draft saved' })).toBeVisible();
  await page.getByRole('button', { name: 'Activate' }).click();
  await expect(page.locator('h1 .badge')).toHaveText('Active');
  await expect(page.getByRole('table', { name: 'Runs of Heartbeat' }).getByText('Completed')).toHaveCount(3, { timeout: 15_000 });
  await page.getByRole('button', { name: 'Deactivate' }).click();
});
