import type { DryRunResult } from '../engine/dryRun';
import type { RecordWrite, RecordWriteResult } from '../engine/recordWrites';
import type { CodeRunRequest, CodeRunResult } from '../engine/steps/types';
import type { ManualRunRequest } from '../engine/triggers/runs';
import type { Step, Trigger } from '../schema/workflow';
import type { KickHint } from './hostProtocol';
import type { TableAnswer, TableQuery, TitleMatch } from '../db/tableIndex';

/**
 * The one contract between the UI and the engine worker (Comlink). Nothing else crosses.
 * Reads go through Dexie live queries; the engine's work is data in IndexedDB.
 */
export interface EngineApi {
  /** This tab's engine role: `leader` runs triggers, timers and runs; `standby` waits for the lock. */
  status(): EngineStatus;
  /**
   * A record write from the UI (a save, a delete, an import): made with the runs it triggers
   * started in the same transaction (see `Engine.writeRecords`). Rejects with the reason in the
   * person's words when nothing was written.
   */
  writeRecords<W extends RecordWrite>(write: W): Promise<RecordWriteResult<W>>;
  /** Creates the runs of a manual workflow (one per chosen record) and wakes the leader. */
  runManual(request: ManualRunRequest): Promise<string[]>;
  /** Runs a version (the draft) for real with sample trigger data; resolves with the run id. */
  testRun(request: { workflowId: string; versionId: string; payload: unknown }): Promise<string>;
  /** Runs steps against the records with every write staged in memory: nothing is written. */
  dryRun(flow: { trigger: Trigger; steps: Step[] }, payload: unknown): Promise<DryRunResult>;
  /** Answers a form a run waits on (from the Inbox). */
  submitForm(runId: string, stepId: string, answers: Record<string, unknown>): Promise<void>;
  /** Continues a failed run from its failed step. */
  retryRun(runId: string): Promise<void>;
  /** Stops a running or waiting run. */
  stopRun(runId: string): Promise<void>;
  /**
   * Something was written (records, workflows): the leader looks for work (`outbox`: record
   * events were added; `locale`: the tab shared another language, which every host follows).
   */
  kick(hint?: KickHint): void;
  /** The tab's code sandbox (a Comlink proxy): code steps run through it. */
  /**
   * This tab lends its sandbox to code steps, and tells which code calls a tab cut off by closing
   * or reloading (read when this worker takes the lead: such calls run again, others fail).
   */
  setCodeRunner(
    runner: (request: CodeRunRequest) => Promise<CodeRunResult>,
    codeCutOff: () => string[] | Promise<string[]>,
  ): void;
  /** Receives status changes (a Comlink proxy). */
  subscribe(listener: (status: EngineStatus) => void): void;
}

export interface EngineStatus {
  role: 'starting' | 'leader' | 'standby';
  /** The last engine error, for the status bar. */
  lastError?: string;
}

/**
 * The contract between the records table and the table worker (Comlink): search and sort over
 * every record of an object, answered with the ids of the rows to show (see db/tableIndex.ts).
 */
export interface TableApi {
  /** `locale`: the UI's language, in which values are read (dates, numbers, yes/no). */
  query(query: TableQuery & { locale: string }): Promise<TableAnswer>;
  /** Makes an object's index ready ahead of its first search or sort (a table of many pages was opened). */
  warm(object: string, locale: string): Promise<void>;
  /** Records whose title contains `query` (lower case), `limit` in all (Ctrl+K; see `TableIndex.titles`). */
  titles(objects: string[], query: string, limit: number, locale: string): Promise<TitleMatch[]>;
}
