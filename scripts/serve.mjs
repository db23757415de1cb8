#!/usr/bin/env node
// Serves the built app (dist/) on 127.0.0.1 and prints its URL. PORT picks the port.
import { startStaticServer } from './staticServer.mjs';

const { url } = await startStaticServer({
  root: process.env.DIST_DIR ?? 'dist',
  port: Number(process.env.PORT ?? 4173),
});
console.log(`Localflow is running at ${url}`);
