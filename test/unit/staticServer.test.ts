import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { startStaticServer } from '../../scripts/staticServer.mjs';

describe('the static server of `npm start`', async () => {
  const root = mkdtempSync(join(tmpdir(), 'lf-static-'));
  const script = `console.log(${JSON.stringify('x'.repeat(5000))});`;
  writeFileSync(join(root, 'app.js'), script);
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>t</title>');
  const { server, url } = await startStaticServer({ root, port: 0 });
  afterAll(() => server.close());
  const get = (path: string, acceptEncoding: string) =>
    new Promise<{ encoding?: string; vary?: string; body: Buffer }>((resolve, reject) => {
      import('node:http').then(({ get: httpGet }) =>
        httpGet(new URL(path, url), { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              encoding: res.headers['content-encoding'],
              vary: res.headers.vary as string | undefined,
              body: Buffer.concat(chunks),
            }),
          );
        }).on('error', reject),
      );
    });

  it('answers brotli, else gzip, else plain, as the client accepts; the same text either way', async () => {
    const br = await get('/app.js', 'gzip, deflate, br');
    expect(br.encoding).toBe('br');
    expect(br.vary).toBe('accept-encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    expect(br.body.length).toBeLessThan(script.length / 10);
    const gz = await get('/app.js', 'gzip');
    expect(gz.encoding).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);
    const refused = await get('/app.js', 'br;q=0, gzip;q=0');
    expect(refused.encoding).toBeUndefined();
    expect(refused.body.toString()).toBe(script);
    // Small files are not worth it.
    expect((await get('/index.html', 'br')).encoding).toBeUndefined();
  });
});
