import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
// English messages for the engine's texts (run errors, loop guard…), as in every host.
import '../i18n/core';
import { Step } from '../schema/workflow';
import { readWorkflowFile } from '../share/workflowFile';
import { startRunner } from './host';
import { OpenError, openPglite, openPostgres, type SqlDatabase } from './sql/database';
import { deactivateWorkflow, installActiveWorkflow, seedStandardObjects } from './sql/workspace';
import type { WorkflowRow } from '../schema/workflowRows';
import { readVersions } from './sql/rows';
import { readBackup } from '../db/backup';
import { BackupError } from '../share/backupFormat';
import { exportWorkspace, importWorkspace } from './sql/backup';

const USAGE = `Localflow runner: the workflow engine, always on, on Postgres.

  npm run runner -- [serve] [--data DIR] [--port 4190] [--host 127.0.0.1]
                     [--max-external 4] [--code-threads N] [--events-per-second N]
                     [--lease-seconds 30] [--poll-ms 500]
  npm run runner -- install FILE.json… [--data DIR]   install workflow files, active at once
  npm run runner -- workflows [--data DIR]           list workflows and their webhook URLs
  npm run runner -- deactivate ID… [--data DIR]      stop workflows reacting (runs started go on)
  npm run runner -- import BACKUP [--passphrase P]   replace the workspace with an app backup
  npm run runner -- export BACKUP [--no-runs] [--passphrase P]
                                                     write a backup the app restores

Storage: PGlite (Postgres inside this process) in --data DIR (default ./runner-data), one
runner per folder; or, with DATABASE_URL=postgres://user@host/db set, a Postgres server that
several runners may share.`;

async function openDatabase(data: string | undefined): Promise<SqlDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) return openPostgres(url);
  return openPglite(resolve(data ?? 'runner-data'));
}

/** A positive number given on the command line (0 when not given). */
function positive(name: string, value: string | undefined): number {
  if (value === undefined) return 0;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new OpenError(`${name} must be a positive number, not "${value}"`);
  return n;
}

const stepCheck = (_v: unknown, s: unknown) => (Step.safeParse(s).success ? null : 'its settings are invalid');

function hookUrl(base: string, w: WorkflowRow) {
  return `${base}hooks/${w.id}?token=${w.hookToken}`;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      'max-external': { type: 'string' },
      'code-threads': { type: 'string' },
      'lease-seconds': { type: 'string' },
      'poll-ms': { type: 'string' },
      'events-per-second': { type: 'string' },
      url: { type: 'string' },
      passphrase: { type: 'string' },
      'no-runs': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const [command = 'serve', ...files] = positionals;
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';
  const port = Number(values.port ?? process.env.PORT ?? 4190);
  const base = values.url ?? `http://${host}:${port}/`;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new OpenError(`--port must be a port number, not "${values.port}"`);

  if (command === 'serve') {
    const runner = await startRunner({
      database: await openDatabase(values.data),
      host,
      port,
      // Built beside this module (scripts/runner.vite.config.ts).
      codeWorker: new URL('./code-worker.mjs', import.meta.url),
      maxExternal: positive('--max-external', values['max-external']) || undefined,
      codeThreads: positive('--code-threads', values['code-threads']) || undefined,
      leaseMs: positive('--lease-seconds', values['lease-seconds']) * 1000 || undefined,
      pollMs: positive('--poll-ms', values['poll-ms']) || undefined,
      maxEventsPerSecond: positive('--events-per-second', values['events-per-second']) || undefined,
    });
    console.log(
      `Localflow runner on ${runner.url} (status page; webhooks under ${runner.url}hooks/, health at ${runner.url}health)`,
    );
    let stopping = false;
    const stop = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`${signal}: finishing the work in hand…`);
      await runner.stop();
      console.log('Stopped.');
      process.exit(0);
    };
    process.on('SIGINT', () => void stop('SIGINT'));
    process.on('SIGTERM', () => void stop('SIGTERM'));
    return new Promise<number>(() => {});
  }

  if (command === 'install' || command === 'workflows' || command === 'deactivate') {
    if (command !== 'workflows' && files.length === 0)
      throw new OpenError(
        command === 'install'
          ? 'install needs one or more workflow files (.json)'
          : 'deactivate needs the ids of one or more workflows (npm run runner -- workflows lists them)',
      );
    const db = await openDatabase(values.data);
    try {
      await seedStandardObjects(db);
      for (const id of command === 'deactivate' ? files : []) {
        if (!(await deactivateWorkflow(db, id)))
          throw new OpenError(`There is no workflow ${id} (npm run runner -- workflows lists them).`);
        console.log(`Deactivated ${id}.`);
      }
      for (const file of command === 'install' ? files : []) {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (error) {
          throw new OpenError(`${file} could not be read: ${(error as Error).message}`);
        }
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch (error) {
          throw new OpenError(`${file} is not JSON: ${(error as Error).message}`);
        }
        let workflow;
        try {
          workflow = readWorkflowFile(parsed);
        } catch (error) {
          throw new OpenError(`${file} is not a workflow file Localflow can read: ${(error as Error).message}`);
        }
        const id = await installActiveWorkflow(db, workflow, stepCheck);
        console.log(`Installed "${workflow.name}" (${id}), active.`);
      }
      const { workflows, active } = await db.transaction(async (s) => ({
        workflows: (await s.query<{ body: WorkflowRow }>('SELECT body FROM workflows')).map((r) => r.body),
        active: await readVersions(s, "status = 'active'"),
      }));
      const trigger = new Map(active.map((v) => [v.workflowId, v.trigger]));
      for (const w of workflows.sort((a, b) => a.name.localeCompare(b.name))) {
        const t = trigger.get(w.id);
        console.log(
          `${w.name}\t${w.id}\t${t ? `active, ${t.type}` : 'not active'}${t?.type === 'WEBHOOK' ? `\t${t.settings.httpMethod} ${hookUrl(base, w)}` : ''}`,
        );
      }
      return 0;
    } finally {
      await db.close();
    }
  }
  if (command === 'import' || command === 'export') {
    const [file] = files;
    if (!file || files.length > 1) throw new OpenError(`${command} needs one backup file`);
    const db = await openDatabase(values.data);
    try {
      if (command === 'import') {
        let bytes: Buffer;
        try {
          bytes = readFileSync(file);
        } catch (error) {
          throw new OpenError(`${file} could not be read: ${(error as Error).message}`);
        }
        let checked;
        try {
          checked = await readBackup(new Blob([new Uint8Array(bytes)]));
        } catch (error) {
          if (error instanceof BackupError) throw new OpenError(`${file}: ${error.message} Nothing was changed.`);
          throw error;
        }
        const counts = await importWorkspace(db, checked, { passphrase: values.passphrase });
        console.log(
          `Imported ${file}: ${counts.records ?? 0} records, ${counts.workflows ?? 0} workflows, ${counts.runs ?? 0} runs.` +
            (checked.sealed && !values.passphrase
              ? ' Its secrets stayed sealed (no --passphrase): webhook URLs have new tokens (see `workflows`).'
              : ''),
        );
      } else {
        const { blob, counts } = await exportWorkspace(db, {
          includeRuns: !values['no-runs'],
          secretsPassphrase: values.passphrase,
        });
        writeFileSync(file, new Uint8Array(await blob.arrayBuffer()));
        console.log(
          `Wrote ${file}: ${counts.records ?? 0} records, ${counts.workflows ?? 0} workflows, ${counts.runs ?? 0} runs. Restore it in the app: Settings → Your data.`,
        );
      }
      return 0;
    } finally {
      await db.close();
    }
  }
  throw new OpenError(`unknown command "${command}"\n\n${USAGE}`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof OpenError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
        ? `${(error as Error).message}`
        : error,
    );
    process.exit(1);
  },
);
