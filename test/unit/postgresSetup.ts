import type { TestProject } from 'vitest/node';
import { startPostgres } from '../support/postgres';

/**
 * Before the engine's tests on a Postgres server: a throwaway server (Debian's binaries, on
 * 127.0.0.1) and one database, each test file working in schemas of its own (workspaces.ts).
 */
export default async function setup(project: TestProject) {
  const server = await startPostgres();
  project.provide('postgresUrl', await server.createDatabase('engine_tests'));
  return () => server.stop();
}
