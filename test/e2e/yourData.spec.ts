import { expect, test, type Page } from '@playwright/test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import {
  activateAndRun,
  createCompany,
  downloadBackup,
  importJson,
  manualWorkflow,
  openApp,
  storedRows,
} from './helpers';

/** Deletes the app's database under it, as a browser evicting the site's storage would. */
async function deleteDatabase(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const req = indexedDB.deleteDatabase('localflow');
        req.onsuccess = () => resolve();
        req.onerror = () => reject(req.error);
      }),
  );
}

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id));

test('persistent storage is requested with the first own data and its state shown in Settings', async ({ page }) => {
  await page.addInitScript(() => {
    const w = window as unknown as { persistCalls: number; grantPersistence?: boolean };
    const storage = navigator.storage;
    const persist = storage.persist.bind(storage);
    const persisted = storage.persisted.bind(storage);
    w.persistCalls = 0;
    storage.persist = async () => {
      w.persistCalls++;
      // Headless Chromium never grants persistence (it grants installed or bookmarked sites); a test flag stands in for
      // a browser that does.
      if (localStorage.getItem('test.grantPersistence')) return true;
      return persist();
    };
    storage.persisted = async () =>
      (localStorage.getItem('test.grantPersistence') && w.persistCalls > 0) || persisted();
  });
  const calls = () => page.evaluate(() => (window as unknown as { persistCalls: number }).persistCalls);
  await openApp(page, '/settings');
  const storage = page.getByRole('region', { name: 'Storage' });
  await expect(storage).toContainText('Best effort');
  await expect(storage).toContainText(/Using [\d.,]+ MB of the/);
  expect(await calls()).toBe(0);

  // The first thing the person saves asks the browser (once); this browser says no, and Settings says so.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Companies' }).click();
  for (const name of ['Persisted Inc', 'Second Inc']) {
    await page.getByRole('button', { name: '+ New company' }).click();
    await page.getByRole('dialog').getByLabel('Name', { exact: true }).click();
    await page.keyboard.type(name);
    await page.getByRole('dialog').getByRole('button', { name: 'Create' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await page.goBack();
  }
  expect(await calls()).toBe(1);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(storage).toContainText('Localflow asked it to keep the data on');
  await storage.getByRole('button', { name: 'Ask the browser to keep my data' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'did not agree' })).toBeVisible();
  expect(await calls()).toBe(2);

  // A browser that agrees: Settings shows the data as persistent.
  await page.evaluate(() => localStorage.setItem('test.grantPersistence', '1'));
  await storage.getByRole('button', { name: 'Ask the browser to keep my data' }).click();
  await expect(storage).toContainText('Persistent');
});

test('backup, the database deleted under the app, told plainly, restore gives everything back and workflows still run', async ({
  page,
}) => {
  await openApp(page);
  await importJson(page, manualWorkflow('Make a company', [createCompany('c', 'Made by a workflow')]));
  await activateAndRun(page);
  await expect(page.getByText('Completed').first()).toBeVisible();
  await page.goto('/settings');
  const history = page.getByRole('region', { name: 'Run history' });
  await history.getByRole('spinbutton').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('50');
  await history.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  const secrets = page.getByRole('region', { name: 'Secrets' });
  await secrets.getByLabel('Name').click();
  await page.keyboard.type('API_KEY');
  await page.keyboard.press('Tab');
  await page.keyboard.type('sk-live-123');
  await secrets.getByRole('button', { name: /Add/ }).click();

  const before = {
    records: byId(await storedRows<{ id: string }>(page, 'records')),
    workflows: (await storedRows<{ id: string; hookToken: string }>(page, 'workflows')).map(({ id, hookToken }) => ({
      id,
      hookToken,
    })),
    versions: byId(await storedRows<{ id: string }>(page, 'versions')),
    settings: await storedRows(page, 'settings'),
  };
  expect(before.records.length).toBeGreaterThan(20);
  const path = await downloadBackup(page, 'correct horse battery');
  const text = gunzipSync(readFileSync(path)).toString('utf8');
  expect(text).not.toContain('sk-live-123');

  await deleteDatabase(page);
  await page.goto('/objects/person');
  const lost = page.getByRole('dialog', { name: 'Your Localflow data is gone from this browser' });
  await expect(lost).toBeVisible();
  await expect(lost).toContainText(`${before.records.length} records`);
  await expect(lost).toContainText('Your last backup was made on');
  // No demo data slipped in.
  expect(await storedRows(page, 'records')).toHaveLength(0);
  expect(await storedRows(page, 'workflows')).toHaveLength(0);

  // Restoring is the likely wish: it has the focus.
  await expect(lost.getByRole('button', { name: 'Restore a backup…' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(lost.getByLabel('Backup file')).toBeFocused();
  await lost.getByLabel('Backup file').setInputFiles(path);
  const summary = lost.getByRole('region', { name: 'Backup contents' });
  await expect(summary).toContainText(`${before.records.length} records`);
  await expect(summary).toContainText('This workspace is empty');
  await summary.getByLabel(/Passphrase for the secrets/).click();
  await page.keyboard.type('correct horse battery');
  await summary.getByRole('button', { name: 'Restore' }).click();
  await expect(lost).toBeHidden();

  expect(byId(await storedRows<{ id: string }>(page, 'records'))).toEqual(before.records);
  expect(byId(await storedRows<{ id: string }>(page, 'versions'))).toEqual(before.versions);
  expect(
    (await storedRows<{ id: string; hookToken: string }>(page, 'workflows')).map(({ id, hookToken }) => ({
      id,
      hookToken,
    })),
  ).toEqual(before.workflows);
  expect(await storedRows(page, 'settings')).toEqual(expect.arrayContaining(before.settings));
  await expect(page.getByRole('grid', { name: 'People' }).getByRole('link', { name: 'Ada Lovelace' })).toBeVisible();

  // The restored workflow still runs.
  await page.goto('/workflows');
  await page.getByRole('link', { name: 'Make a company' }).click();
  await page.getByRole('button', { name: '▶ Run' }).click();
  await expect(page).toHaveURL(/\/runs\//);
  await expect(page.getByText('Completed').first()).toBeVisible();
  const made = (await storedRows<{ object: string; data: { name?: string } }>(page, 'records')).filter(
    (r) => r.data.name === 'Made by a workflow',
  );
  expect(made).toHaveLength(2);
  await page.reload();
  await expect(page.getByRole('dialog', { name: /data is gone/ })).toHaveCount(0);
});

test('a corrupt, truncated or foreign backup is refused with the reason and nothing changes', async ({ page }) => {
  await openApp(page);
  const path = await downloadBackup(page);
  const before = byId(await storedRows<{ id: string }>(page, 'records'));
  const restore = page.getByRole('region', { name: 'Restore a backup' });
  const file = restore.getByLabel('Backup file');
  const bytes = readFileSync(path);

  await file.setInputFiles({
    name: 'half.jsonl.gz',
    mimeType: 'application/gzip',
    buffer: bytes.subarray(0, Math.floor(bytes.length / 2)),
  });
  await expect(restore.getByRole('alert')).toContainText('damaged or cut short');
  const altered = gzipSync(Buffer.from(gunzipSync(bytes).toString('utf8').replace('Airbnb', 'Airbnc')));
  await file.setInputFiles({ name: 'altered.jsonl.gz', mimeType: 'application/gzip', buffer: altered });
  await expect(restore.getByRole('alert')).toContainText('checksum does not match');
  await file.setInputFiles({
    name: 'people.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('name,email\nAda,ada@example.com\n'),
  });
  await expect(restore.getByRole('alert')).toContainText('not a Localflow backup');
  await expect(restore.getByRole('region', { name: 'Backup contents' })).toHaveCount(0);
  expect(byId(await storedRows<{ id: string }>(page, 'records'))).toEqual(before);

  // The good file offers to replace, saying what would be lost.
  await file.setInputFiles(path);
  await expect(restore.getByRole('region', { name: 'Backup contents' })).toContainText(`will be deleted`);
});
