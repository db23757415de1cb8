// A static file server for the built app: in-app paths fall back to index.html.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.svg', '.txt']);

/**
 * The body as the client accepts it: brotli, else gzip, else as is. Compressed once per file
 * version and kept (the built files do not change while the server runs).
 */
const compressed = new Map();
function encode(file, mtime, body, accept) {
  if (!COMPRESSIBLE.has(extname(file)) || body.length < 1024) return { body };
  const accepted = new Set(
    accept
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || Number(q.trim().replace(/^q=/, '')) > 0)
      .map(([name]) => name.trim().toLowerCase()),
  );
  const encoding = accepted.has('br') ? 'br' : accepted.has('gzip') ? 'gzip' : null;
  if (!encoding) return { body };
  const key = `${encoding}:${file}:${mtime}`;
  let out = compressed.get(key);
  if (!out) {
    out =
      encoding === 'br'
        ? // Quality 6: a few ms per file, most of quality 11's gain.
          brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } })
        : gzipSync(body, { level: 6 });
    compressed.set(key, out);
  }
  return { body: out, encoding };
}

/** Starts serving `root` on host:port (port 0 picks a free one); resolves with its URL. */
export function startStaticServer({ root = 'dist', host = '127.0.0.1', port = 4173 } = {}) {
  const base = resolve(root);
  async function fileFor(pathname) {
    const safe = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
    const candidate = join(base, safe);
    if (!candidate.startsWith(base)) return null;
    for (const file of [candidate, join(candidate, 'index.html')]) {
      try {
        if ((await stat(file)).isFile()) return file;
      } catch {
        /* not there */
      }
    }
    return extname(safe) ? null : join(base, 'index.html');
  }
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${host}`);
    const file = await fileFor(url.pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const { mtimeMs } = await stat(file);
    const { body, encoding } = encode(
      file,
      mtimeMs,
      await readFile(file),
      String(req.headers['accept-encoding'] ?? ''),
    );
    res.writeHead(200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      vary: 'accept-encoding',
      ...(encoding ? { 'content-encoding': encoding } : {}),
      // Only Localflow itself may frame its pages (its code sandbox): another site embedding
      // the app could otherwise reach into its frames.
      ...(extname(file) === '.html'
        ? { 'content-security-policy': "frame-ancestors 'self'", 'x-frame-options': 'SAMEORIGIN' }
        : {}),
      'cache-control': url.pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(body);
  });
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePromise({ server, url: `http://${host}:${server.address().port}/` }));
  });
}
