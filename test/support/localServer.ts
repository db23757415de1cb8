import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the handler sees it: its body already read as text. */
export type LocalRequest = IncomingMessage & { body: string };

export interface LocalServer {
  /** `http://127.0.0.1:<port>` */
  base: string;
  close(): Promise<void>;
}

/**
 * A real HTTP endpoint on 127.0.0.1 for tests (never the internet). With `cors`, preflights
 * are answered and every response allows any origin and these request headers, as an
 * endpoint the browser app may call must.
 */
export async function startLocalServer(
  answer: (req: LocalRequest, res: ServerResponse) => void,
  { cors }: { cors?: { headers: string; methods?: string } } = {},
): Promise<LocalServer> {
  const server = createServer((req, res) => {
    if (cors) {
      res.setHeader('access-control-allow-origin', '*');
      res.setHeader('access-control-allow-headers', cors.headers);
      if (cors.methods) res.setHeader('access-control-allow-methods', cors.methods);
      if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    }
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => answer(Object.assign(req, { body }), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
