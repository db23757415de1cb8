import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Opens the app at `path` and waits until this tab's engine is up (leader or standby). */
export async function openApp(page: Page, path = '/objects/person', role: 'leader' | 'standby' | 'any' = 'leader') {
  await page.goto(path);
  const status = page.locator('.engine-status');
  if (role === 'any') await expect(status).toHaveAttribute('data-role', /leader|standby/);
  else await expect(status).toHaveAttribute('data-role', role);
  // Pages show once the workspace check (and the first start's demo data) is done.
  await expect(page.locator('main h1').first()).toBeVisible();
}

export function fixturePath(name: string): string {
  return join(process.cwd(), 'test', 'fixtures', name);
}

export function fixture(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

/** Imports a workflow file through the UI's file picker; lands on its page. */
export async function importWorkflow(page: Page, fixtureName: string) {
  await page.goto('/workflows');
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByLabel('From a file').setInputFiles(fixturePath(fixtureName));
  await expect(page.getByRole('heading', { level: 1 })).not.toHaveText('Workflows');
}

export async function activateCurrent(page: Page) {
  await page.getByRole('button', { name: 'Activate', exact: true }).click();
  await expect(page.locator('h1 .badge')).toHaveText('Active');
}

/** Waits until the service worker controls the page and is activated. */
export async function waitForServiceWorker(page: Page) {
  await page.waitForFunction(
    async () => {
      const reg = await navigator.serviceWorker.ready;
      return reg.active?.state === 'activated' && !!navigator.serviceWorker.controller;
    },
    undefined,
    { timeout: 15_000 },
  );
}

/**
 * Rows of an IndexedDB store as the app stored them (all, or the one with this key); works on any page of the origin.
 */
export async function storedRows<T = Record<string, unknown>>(page: Page, store: string, key?: string): Promise<T[]> {
  return page.evaluate(
    async ({ store, key }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('localflow');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const rows = await new Promise<unknown[]>((resolve, reject) => {
        const os = db.transaction(store).objectStore(store);
        const req = key === undefined ? os.getAll() : os.get(key);
        req.onsuccess = () => resolve(key === undefined ? req.result : req.result === undefined ? [] : [req.result]);
        req.onerror = () => reject(req.error);
      });
      db.close();
      return rows;
    },
    { store, key },
  ) as Promise<T[]>;
}

/** Counts records of an object straight from IndexedDB (what the app stored). */
export async function countRecords(
  page: Page,
  object: string,
  where?: { field: string; equals: string },
): Promise<number> {
  const rows = await storedRows<{ object: string; data: Record<string, unknown> }>(page, 'records');
  return rows.filter((r) => r.object === object && (!where || r.data[where.field] === where.equals)).length;
}

/** Imports a workflow by pasting its JSON; lands on its page (a draft). */
export async function importJson(page: Page, file: object) {
  await page.goto('/workflows');
  await page.getByRole('button', { name: 'Import…' }).click();
  await page.getByLabel('Or paste JSON').fill(JSON.stringify(file));
  await page.getByRole('dialog').getByRole('button', { name: 'Import' }).click();
  await expect(page.locator('h1 .badge')).toHaveText('Draft');
}

/** On a workflow page: activate it, run it by hand, land on the run. */
export async function activateAndRun(page: Page) {
  await page.getByRole('button', { name: 'Activate', exact: true }).click();
  await page.getByRole('button', { name: '▶ Run' }).click();
  await expect(page).toHaveURL(/\/runs\//);
}

type Step = { id: string } & Record<string, unknown>;

/** A workflow file started by hand (global), with these steps after the trigger (and the trigger's name). */
export function manualWorkflow(name: string, ...args: [steps: Step[]] | [triggerName: string, steps: Step[]]) {
  const [triggerName, steps] = args.length === 2 ? args : ['Launch manually', args[0]];
  return {
    format: 'localflow.workflow',
    version: 1,
    name,
    trigger: {
      type: 'MANUAL',
      name: triggerName,
      settings: { availability: { type: 'GLOBAL' } },
      nextStepIds: [steps[0].id],
    },
    steps,
  };
}

/** A run as stored (read on any page of the origin, app or not). */
export async function storedRun(page: Page, runId: string) {
  const [run] = await storedRows<{
    status: string;
    triggerPayload: unknown;
    state: {
      stepInfos: Record<string, { status: string; waitingFor?: string; attempt?: number; interrupted?: number }>;
    };
    packed?: string;
  }>(page, 'runs', runId);
  // IndexedDB holds a run's state and trigger payload as one JSON text (src/schema/run.ts).
  return run?.packed ? { ...run, ...(JSON.parse(run.packed) as Pick<typeof run, 'state' | 'triggerPayload'>) } : run;
}

/** A create-company step (for workflow files written in tests). */
export const createCompany = (id: string, name: string, next: string[] = []) => ({
  id,
  name: `Create ${id}`,
  type: 'CREATE_RECORD',
  nextStepIds: next,
  settings: { input: { objectName: 'company', objectRecord: { name } } },
});

/**
 * With no app tab open: waits until no engine (tab or service worker) holds the lead, then
 * moves stored due times into the past, as if the browser had slept (`shiftMs` earlier, or
 * due a second ago). Nothing wakes the service worker. Returns how many timers moved.
 */
export async function makeTimersDue(
  page: Page,
  { kind, shiftMs }: { kind?: string; shiftMs?: number } = {},
): Promise<number> {
  await expect
    .poll(
      () =>
        page.evaluate(
          async () => !(await navigator.locks.query()).held?.some((l) => l.name === 'localflow-engine-leader'),
        ),
      { timeout: 45_000 },
    )
    .toBe(true);
  return page.evaluate(
    async ({ kind, shiftMs }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('localflow');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const store = db.transaction('timers', 'readwrite').objectStore('timers');
      const timers = await new Promise<{ kind: string; dueAt: number }[]>((resolve) => {
        const r = store.getAll();
        r.onsuccess = () => resolve(r.result);
      });
      const chosen = timers.filter((t) => !kind || t.kind === kind);
      for (const t of chosen) store.put({ ...t, dueAt: shiftMs === undefined ? Date.now() - 1000 : t.dueAt - shiftMs });
      await new Promise((resolve) => {
        store.transaction.oncomplete = resolve;
      });
      db.close();
      return chosen.length;
    },
    { kind, shiftMs },
  );
}

/** Writes record rows straight into IndexedDB (test set-up of many records); reload the page to see them. */
export async function putRecords(
  page: Page,
  rows: { id: string; object: string; data: Record<string, unknown>; createdAt: number; updatedAt?: number }[],
) {
  await page.evaluate(async (rows) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('localflow');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const tx = db.transaction('records', 'readwrite');
    for (const r of rows) tx.objectStore('records').put({ updatedAt: r.createdAt, ...r });
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, rows);
}

/** `count` people named "Person 001"…, created one minute apart before the demo data, working at `company` (an id). */
export function manyPeople(count: number, company?: (i: number) => string | undefined) {
  return Array.from({ length: count }, (_, i) => ({
    id: `bulk-person-${String(i + 1).padStart(3, '0')}`,
    object: 'person',
    createdAt: Date.UTC(2025, 0, 1) + i * 60_000,
    data: {
      name: { firstName: 'Person', lastName: String(i + 1).padStart(3, '0') },
      jobTitle: `Job ${i + 1}`,
      company: company?.(i) ?? null,
    },
  }));
}

/** Axe (WCAG 2.1 A/AA) on what is on screen, with a screenshot of it kept in the test's results. */
export async function axeCheck(page: Page, name: string) {
  await test.info().attach(name, { body: await page.screenshot(), contentType: 'image/png' });
  const r = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  expect(found, name).toEqual([]);
}

/** One page of each kind the app has (lists, a record, a workflow, its editor, settings, not found). */
export const APP_PAGES = [
  '/objects/person',
  '/objects/opportunity',
  '/objects/company/company-1',
  '/workflows',
  '/workflows/demo-welcome',
  '/workflows/demo-welcome/edit',
  '/inbox',
  '/runs',
  '/outbox',
  '/settings',
  '/nowhere',
];

/** Opens each of `paths` in turn and, once its heading shows, calls `check` on it. */
export async function onEachPage(page: Page, paths: readonly string[], check: (path: string) => Promise<void>) {
  for (const path of paths) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForTimeout(300);
    await check(path);
  }
}

/** Settings → Your data → Download backup; returns the saved file's path. */
export async function downloadBackup(page: Page, passphrase?: string): Promise<string> {
  await page.goto('/settings');
  const card = page.getByRole('region', { name: 'Back up' });
  if (passphrase) {
    await card.getByLabel(/Include secrets/).check();
    await card.getByLabel(/Passphrase/).click();
    await page.keyboard.type(passphrase);
  }
  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: 'Download backup' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^localflow-backup-\d{4}-\d{2}-\d{2}\.jsonl\.gz$/);
  await expect(card.getByRole('status')).toContainText('Last backup:');
  return file.path();
}

/** A workflow file started by a webhook call. */
export function webhookWorkflow(
  name: string,
  httpMethod: 'GET' | 'POST',
  steps: ({ id: string } & Record<string, unknown>)[],
  expectedBody: object = {},
) {
  return {
    format: 'localflow.workflow',
    version: 1,
    name,
    trigger: { type: 'WEBHOOK', name: 'Webhook', settings: { httpMethod, expectedBody }, nextStepIds: [steps[0].id] },
    steps,
  };
}

/** Imports and activates a workflow; returns its webhook URL as the workflow page shows it. */
export async function activeHook(page: Page, file: object): Promise<string> {
  await importJson(page, file);
  await page.getByRole('button', { name: 'Activate', exact: true }).click();
  await expect(page.locator('h1 .badge')).toHaveText('Active');
  const url = await page.locator('code', { hasText: '/hooks/' }).textContent();
  expect(url).toMatch(/\/hooks\/[\w-]+\?token=[\w-]+$/);
  return url!;
}
