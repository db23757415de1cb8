import type { Server } from 'node:http';
export function startStaticServer(options?: {
  root?: string;
  host?: string;
  port?: number;
}): Promise<{ server: Server; url: string }>;
