import { expect, test, type Page } from '@playwright/test';
import { activateAndRun, importJson, manualWorkflow, openApp } from './helpers';

const onFailureContinue = { retryOnFailure: { value: false }, continueOnFailure: { value: true } };

async function importAndRun(page: Page, name: string, steps: ({ id: string } & Record<string, unknown>)[]) {
  await importJson(page, manualWorkflow(name, steps));
  await activateAndRun(page);
}

test('a code step computes from its parameters; its logs and output are kept', async ({ page }) => {
  await openApp(page);
  await importAndRun(page, 'Compute', [
    {
      id: 'find',
      name: 'Companies',
      type: 'FIND_RECORDS',
      settings: { input: { objectName: 'company' } },
      nextStepIds: ['sum'],
    },
    {
      id: 'sum',
      name: 'Add up employees',
      type: 'CODE',
      nextStepIds: [],
      settings: {
        input: {
          params: { companies: '{{find.all}}', unit: 'people' },
          code: 'export const main = async (params) => {\n  const total = params.companies.reduce((n, c) => n + c.employees, 0);\n  console.log("companies:", params.companies.length);\n  return { total, label: `${total} ${params.unit}` };\n};',
        },
      },
    },
  ]);
  await expect(page.getByTestId('run-status')).toHaveText('Completed');
  const step = page.getByRole('listitem', { name: 'Add up employees: SUCCESS' });
  await step.getByText('Input and output').click();
  await expect(step.getByLabel('Output')).toContainText('"label": "12050 people"');
  await expect(step.getByLabel('Logs')).toContainText('companies: 6');
});

test('an endless loop is stopped at its timeout while the page keeps responding', async ({ page }) => {
  await openApp(page);
  const started = Date.now();
  await importAndRun(page, 'Spin', [
    {
      id: 'spin',
      name: 'Spin forever',
      type: 'CODE',
      nextStepIds: [],
      settings: { input: { code: 'export const main = async () => { while (true) {} };', timeoutMs: 3000 } },
    },
  ]);
  // While the loop spins, this page's own timer keeps ticking.
  await page.evaluate(() => {
    (window as unknown as { ticks: number }).ticks = 0;
    setInterval(() => {
      (window as unknown as { ticks: number }).ticks++;
    }, 50);
  });
  await expect(page.getByTestId('run-status')).toHaveText('Running');
  const ticksBefore = 0;
  await expect(page.getByTestId('run-status')).toHaveText('Failed');
  await expect(page.getByRole('alert')).toContainText('ran longer than its time limit of 3 s and was stopped');
  const elapsed = Date.now() - started;
  const ticks = await page.evaluate(() => (window as unknown as { ticks: number }).ticks);
  // The page's own timers kept firing during the loop (a frozen page would show ~0 new ticks).
  expect(ticks - ticksBefore).toBeGreaterThan(10);
  expect(elapsed).toBeLessThan(20_000);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' }).click();
  await expect(page.getByRole('link', { name: 'Ada Lovelace' })).toBeVisible();
});

test('code cannot reach the app: DOM, storage, IndexedDB, cookies and navigation all fail and are reported', async ({
  page,
}) => {
  await openApp(page);
  const attempts: [string, string][] = [
    ['parent-document', 'return { title: parent.document.title };'],
    ['local-storage', 'return { v: localStorage.getItem("x") };'],
    [
      'indexed-db',
      'return await new Promise((ok, ko) => { const r = indexedDB.open("localflow"); r.onsuccess = () => ok({ names: [...r.result.objectStoreNames] }); r.onerror = () => ko(r.error); });',
    ],
    ['cookie', 'return { c: document.cookie };'],
    ['navigate-top', 'top.location.href = "https://example.com"; return {};'],
    ['network', 'const r = await fetch("/"); return { status: r.status };'],
  ];
  await importAndRun(
    page,
    'Escape attempts',
    attempts.map(([id, body], i) => ({
      id,
      name: `Try ${id}`,
      type: 'CODE',
      nextStepIds: i + 1 < attempts.length ? [attempts[i + 1][0]] : [],
      settings: {
        input: { code: `export const main = async () => {\n  ${body}\n};` },
        errorHandlingOptions: onFailureContinue,
      },
    })),
  );
  await expect(page.getByTestId('run-status')).toHaveText('Completed');
  for (const [id] of attempts) {
    const step = page.getByRole('listitem', { name: `Try ${id}: FAILED_SAFELY` });
    await expect(step).toBeVisible();
    await expect(step.getByRole('note')).toContainText(/(line 2)|Error/);
  }
  // The app's own data is untouched and still readable here.
  await page.goto('/objects/person');
  await expect(page.getByRole('link', { name: 'Ada Lovelace' })).toBeVisible();
});
