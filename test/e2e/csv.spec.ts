import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { activateCurrent, openApp, storedRows } from './helpers';

type Row = { id: string; object: string; data: Record<string, unknown> };

/** A value with its empty parts dropped: an all-empty composite (no link at all) and a missing one read the same. */
function meaningful(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? value.map(meaningful) : undefined;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value)
      .map(([k, v]) => [k, meaningful(v)] as const)
      .filter(([, v]) => v !== undefined && v !== '' && v !== null);
    return entries.length ? Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b))) : undefined;
  }
  return value;
}
const people = async (page: Page) => (await storedRows<Row>(page, 'records')).filter((r) => r.object === 'person');

async function exportCsv(page: Page, scope: Locator): Promise<string> {
  const download = page.waitForEvent('download');
  await scope.getByRole('button', { name: 'Export CSV' }).click();
  return readFileSync(await (await download).path(), 'utf8');
}

async function openImport(page: Page, name: string, csv: string) {
  await page.getByRole('button', { name: 'Import CSV…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import people from CSV' });
  await dialog.getByLabel('CSV file').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  return dialog;
}

test('CSV round trip of people: composite fields in sub-columns, the company by title and id', async ({ page }) => {
  await openApp(page);
  const text = await exportCsv(page, page.locator('.page-header'));
  const [header, ...lines] = text.trim().split('\r\n');
  expect(header).toContain('Name / First name,Name / Last name,Emails / Primary email');
  expect(header).toContain('Company,Company / Id');
  expect(lines).toHaveLength(10);
  expect(lines.find((l) => l.startsWith('Ada,Lovelace'))).toContain('Mistral AI,company-6');

  const before = await people(page);
  const dialog = await openImport(page, 'people.csv', text);
  await expect(dialog.getByRole('status')).toContainText('10 rows in people.csv: 10 ready');
  await expect(dialog.getByLabel('Import column “Name / First name” into')).toHaveValue('name/firstName');
  await expect(dialog.getByRole('table', { name: 'Preview' })).toContainText('Mistral AI');
  await dialog.getByRole('button', { name: 'Import 10 people' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 10 people.' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Pages' })).toContainText('of 20');

  const after = await people(page);
  expect(after).toHaveLength(20);
  for (const original of before) {
    const copies = after.filter(
      (r) => r.id !== original.id && JSON.stringify(meaningful(r.data)) === JSON.stringify(meaningful(original.data)),
    );
    expect(copies, `a field-by-field copy of ${original.id}`).toHaveLength(1);
  }

  // The selection exports only the selected rows.
  await page.getByRole('checkbox', { name: 'Select Ada Lovelace' }).first().check();
  const selected = await exportCsv(page, page.getByRole('region', { name: 'Selected records' }));
  expect(selected.trim().split('\r\n')).toHaveLength(2);
});

test('CSV with bad rows: each row’s reason, nothing written unless asked; import fires record-created workflows', async ({
  page,
}) => {
  await openApp(page, '/workflows/demo-welcome');
  await activateCurrent(page);
  await page.goto('/objects/person');
  const count = (await people(page)).length;
  const csv = [
    'First name,Last name,Email,Company,Unmapped',
    'Katherine,Johnson,katherine@nasa.gov,figma,x',
    'Dorothy,Vaughan,dorothy@nasa.gov,Nowhere Inc,y',
    'Mary,Jackson,mary@nasa.gov,company-2,z',
  ].join('\n');
  const dialog = await openImport(page, 'nasa.csv', csv);
  await expect(dialog.getByRole('status')).toContainText('3 rows in nasa.csv: 2 ready, 1 with problems');
  await expect(dialog.getByRole('region', { name: 'Rows with problems' })).toContainText(
    'Row 3: Company: no company is called "Nowhere Inc" or has that id',
  );
  await expect(dialog.getByLabel('Import column “Unmapped” into')).toHaveValue('');
  await expect(dialog.getByRole('note')).toContainText('“Welcome new people” runs once for each of the 2 new people');
  await expect(dialog.getByRole('button', { name: 'Import 2 people' })).toBeDisabled();

  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download the rows with problems' }).click();
  const failed = readFileSync(await (await download).path(), 'utf8');
  expect(failed).toContain('Row,First name,Last name,Email,Company,Unmapped,Error');
  expect(failed).toContain(
    '3,Dorothy,Vaughan,dorothy@nasa.gov,Nowhere Inc,y,"Company: no company is called ""Nowhere Inc"" or has that id"',
  );

  // Cancel writes nothing.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await people(page)).toHaveLength(count);

  const again = await openImport(page, 'nasa.csv', csv);
  await again.getByLabel(/Import the 2 valid rows/).check();
  await again.getByRole('button', { name: 'Import 2 people' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 2 people (1 rows skipped).' })).toBeVisible();
  const added = (await people(page)).filter((r) =>
    ['Katherine', 'Mary'].includes(String((r.data.name as { firstName: string }).firstName)),
  );
  expect(added.map((r) => r.data.company).sort()).toEqual(['company-2', 'company-3']);
  // The import fired the workflow once per new person.
  await expect
    .poll(
      async () =>
        (await storedRows<Row>(page, 'records')).filter(
          (r) => r.object === 'task' && /Welcome (Katherine|Mary)/.test(String(r.data.title)),
        ).length,
    )
    .toBe(2);
});
