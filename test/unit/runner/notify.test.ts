import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRunner } from '../../../src/runner/host';
import { openPostgres } from '../../../src/runner/sql/database';
import { SqlRecordRepository } from '../../../src/runner/sql/records';
import { installActiveWorkflow } from '../../../src/runner/sql/workspace';
import { readWorkflowFile } from '../../../src/share/workflowFile';
import { startPostgres, type TestPostgres } from '../../support/postgres';
import { onPersonCreated, step, workflowFile } from '../helpers';

/**
 * A record event written by someone else (another runner, an import) wakes a runner on the same
 * server at once: the events table notifies its listeners (LISTEN/NOTIFY), so the runner does
 * not wait for its next look for work (here a minute away).
 */

let server: TestPostgres;
beforeAll(async () => {
  server = await startPostgres();
}, 60_000);
afterAll(() => server?.stop());

describe('a runner on a Postgres server', () => {
  it('starts the run for an event another connection wrote at once, not at its next look', async () => {
    const url = await server.createDatabase('notify');
    const database = await openPostgres(url);
    const runner = await startRunner({ database, port: 0, pollMs: 60_000, log: () => {} });
    const writer = await openPostgres(url);
    try {
      await installActiveWorkflow(
        writer,
        readWorkflowFile(
          workflowFile(onPersonCreated(['t']), [
            step('t', 'CREATE_RECORD', { objectName: 'task', objectRecord: { title: 'Hello' } }),
          ]),
        ),
        () => null,
      );
      const records = new SqlRecordRepository(writer);
      const latencies: number[] = [];
      for (let i = 1; i <= 5; i++) {
        const written = performance.now();
        await records.create('person', { name: { firstName: `P${i}`, lastName: 'Elsewhere' } });
        for (;;) {
          const [{ n }] = await writer.transaction((s) =>
            s.query<{ n: number }>(`SELECT count(*)::int AS n FROM runs WHERE status = 'completed'`),
          );
          if (n === i) break;
          if (performance.now() - written > 5_000) throw new Error(`run ${i} did not complete within 5 s`);
          await new Promise((r) => setTimeout(r, 5));
        }
        latencies.push(performance.now() - written);
      }
      console.log(`event written elsewhere → run completed: ${latencies.map((ms) => ms.toFixed(0)).join(', ')} ms`);
      expect(Math.max(...latencies)).toBeLessThan(2_000);
    } finally {
      await runner.stop();
      await writer.close();
    }
  }, 60_000);
});
