import { expect, test } from '@playwright/test';
import { importJson, openApp } from './helpers';

test('with notifications on, a run that fails while the app is in the background raises a system notification', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['notifications']);
  // Record what reaches the OS, and let the test say when the page is in the background.
  await context.addInitScript(() => {
    const w = window as unknown as { shown: string[]; background: boolean };
    w.shown = [];
    w.background = false;
    Object.defineProperty(document, 'hidden', { get: () => w.background });
    const Real = window.Notification;
    const Recording = function (this: unknown, title: string, options?: NotificationOptions) {
      w.shown.push(title);
      return new Real(title, options);
    } as unknown as typeof Notification;
    Object.defineProperty(Recording, 'permission', { get: () => Real.permission });
    Recording.requestPermission = Real.requestPermission.bind(Real);
    window.Notification = Recording;
  });
  await openApp(page, '/settings');
  await page
    .getByRole('region', { name: 'Notifications' })
    .getByLabel('Notify me about failed runs and waiting forms')
    .click();
  await expect(page.getByRole('region', { name: 'Notifications' }).getByRole('checkbox')).toBeChecked();

  const file = {
    format: 'localflow.workflow',
    version: 1,
    name: 'Doomed',
    trigger: {
      type: 'MANUAL',
      name: 'Launch manually',
      settings: { availability: { type: 'GLOBAL' } },
      nextStepIds: ['u'],
    },
    steps: [
      {
        id: 'u',
        name: 'Update a missing person',
        type: 'UPDATE_RECORD',
        nextStepIds: [],
        settings: { input: { objectName: 'person', objectRecordId: 'nobody', objectRecord: { city: 'x' } } },
      },
    ],
  };
  await importJson(page, file);
  await page.getByRole('button', { name: 'Activate', exact: true }).click();
  await page.evaluate(() => {
    (window as unknown as { background: boolean }).background = true;
  });
  await page.getByRole('button', { name: '▶ Run' }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { shown: string[] }).shown), { timeout: 15_000 })
    .toContain('“Doomed” failed');
});
