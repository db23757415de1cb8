import { expect, test } from '@playwright/test';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStaticServer } from '../../scripts/staticServer.mjs';
import { waitForServiceWorker } from './helpers';

test('a tab left open finds a new deployed version when it comes back to the foreground; Reload switches to it', async ({
  page,
}) => {
  // A private copy of the build, so this test can deploy a "new version" of it.
  const root = mkdtempSync(join(tmpdir(), 'localflow-deploy-'));
  cpSync('dist', root, { recursive: true });
  const { server, url } = await startStaticServer({ root, port: 0 });
  try {
    await page.goto(`${url}objects/person`);
    await waitForServiceWorker(page);
    await expect(page.getByRole('link', { name: 'Ada Lovelace' })).toBeVisible();
    await page.evaluate(() => {
      (window as unknown as { beforeUpdate: boolean }).beforeUpdate = true;
    });

    appendFileSync(join(root, 'sw.js'), '\n// new version\n');
    // The tab returns to the foreground: the app asks for a new version itself.
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));

    const banner = page.getByRole('alert').filter({ hasText: 'A new version of Localflow is available' });
    await expect(banner).toBeVisible();
    await banner.getByRole('button', { name: 'Reload' }).click();
    await page.waitForFunction(() => !(window as unknown as { beforeUpdate?: boolean }).beforeUpdate);
    await expect(page.getByRole('link', { name: 'Ada Lovelace' })).toBeVisible();
    const sw = await page.evaluate(async () => (await fetch('/sw.js')).text());
    expect(sw).toContain('// new version');
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting)).toBeNull();
  } finally {
    server.close();
    rmSync(root, { recursive: true, force: true });
  }
});
