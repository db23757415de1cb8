import { expect, test } from '@playwright/test';
import { countRecords, activateAndRun, importJson, openApp } from './helpers';

test('a form step pauses the run, waits in the Inbox across a reload, and the answers finish the run', async ({
  page,
}) => {
  await openApp(page);
  const file = {
    format: 'localflow.workflow',
    version: 1,
    name: 'Qualify a lead',
    trigger: {
      type: 'MANUAL',
      name: 'Launch manually',
      settings: { availability: { type: 'GLOBAL' } },
      nextStepIds: ['ask'],
    },
    steps: [
      {
        id: 'ask',
        name: 'Ask for details',
        type: 'FORM',
        nextStepIds: ['note'],
        settings: {
          input: {
            title: 'New lead details',
            description: 'Tell us about the lead.',
            fields: [
              { name: 'company', label: 'Company name', type: 'TEXT', required: true },
              { name: 'seats', label: 'Seats', type: 'NUMBER', required: true },
              { name: 'stage', label: 'Stage', type: 'SELECT', options: ['Hot', 'Cold'], required: true },
              { name: 'owner', label: 'Owner', type: 'RECORD', objectName: 'person' },
            ],
          },
        },
      },
      {
        id: 'note',
        name: 'Write it down',
        type: 'CREATE_RECORD',
        nextStepIds: [],
        settings: {
          input: {
            objectName: 'note',
            objectRecord: {
              title: '{{ask.company}}: {{ask.seats}} seats ({{ask.stage}}), owner {{ask.owner.name.firstName}}',
            },
          },
        },
      },
    ],
  };
  await importJson(page, file);
  await activateAndRun(page);
  await expect(page.getByTestId('run-status')).toHaveText('Waiting');
  const inboxLink = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: /Inbox/ });
  await expect(inboxLink).toContainText('1');

  await page.reload();
  await inboxLink.click();
  const form = page.getByRole('form', { name: 'New lead details' });
  await expect(form).toContainText('Tell us about the lead.');
  await form.getByLabel('Company name (required)').fill('Acme');
  await form.getByLabel('Seats (required)').fill('12');
  await form.getByRole('button', { name: 'Submit' }).click();
  await expect(form.getByRole('alert')).toContainText('Stage: this field is required');
  await form.getByLabel('Stage (required)').selectOption('Hot');
  await form.getByLabel('Owner').selectOption({ label: 'Grace Hopper' });
  await form.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByText('Nothing is waiting for you.')).toBeVisible();
  await expect(inboxLink).not.toContainText('1');
  await expect
    .poll(() => countRecords(page, 'note', { field: 'title', equals: 'Acme: 12 seats (Hot), owner Grace' }))
    .toBe(1);
});
