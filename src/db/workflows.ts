import { t } from '@lingui/core/macro';
import { matchFieldsByLabel } from '../schema/twentyFields';
import { cronScheduleOf } from '../schema/cron';
import type { WorkflowFile } from '../schema/workflow';
import type { VersionRow, WorkflowRow } from '../schema/workflowRows';
import { scheduleProblem } from '../engine/schedule';
import { nextScheduleTimer, scheduleTimerId } from '../engine/scheduler';
import { newHookToken } from '../engine/webhook';
import type { LocalflowDB } from './database';

export type WorkflowStatus = 'draft' | 'active' | 'deactivated';

/** Workflows and their versions: only drafts are edited; activating archives the previous active version. */
export class WorkflowRepository {
  constructor(
    private readonly db: LocalflowDB,
    private readonly afterChange: () => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  /** Problems an otherwise valid file has with this database's objects. */
  async metadataProblems(file: WorkflowFile): Promise<string[]> {
    const objects = new Map((await this.db.objects.toArray()).map((o) => [o.name, o]));
    const problems: string[] = [];
    const needObject = (name: string, path: string) => {
      if (!objects.has(name))
        problems.push(t`${path}: there is no object named "${name}" (objects: ${[...objects.keys()].join(', ')})`);
    };
    const trigger = file.trigger;
    if (trigger.type === 'DATABASE_EVENT')
      needObject(trigger.settings.eventName.split('.')[0], 'trigger.settings.eventName');
    if (trigger.type === 'MANUAL' && trigger.settings.availability.type !== 'GLOBAL')
      needObject(trigger.settings.availability.objectNameSingular, 'trigger.settings.availability.objectNameSingular');
    file.steps.forEach((s, i) => {
      const input = s.settings.input as { objectName?: string };
      if (input.objectName !== undefined) needObject(input.objectName, `steps[${i}].settings.input.objectName`);
    });
    return problems;
  }

  /**
   * Imported workflows arrive as drafts, never active. Each step's `valid` flag is worked out
   * again by `check` (the app passes the editor's checks): a file's flag is never trusted.
   */
  async importFile(file: WorkflowFile, check: StepCheck): Promise<string> {
    const matched = matchFieldsByLabel(file.steps, await this.db.objects.toArray());
    const graph = { trigger: file.trigger, steps: matched };
    const steps = matched.map((s) => ({
      ...s,
      valid: check(graph as VersionRow, s) === null,
    }));
    return this.addDraftWorkflow(file.name, file.trigger, steps, file.description);
  }

  /** A new workflow (named uniquely) whose only version is a draft with this graph. */
  private async addDraftWorkflow(
    name: string,
    trigger: VersionRow['trigger'],
    steps: VersionRow['steps'] = [],
    description?: string,
  ): Promise<string> {
    const now = this.now();
    const workflowId = crypto.randomUUID();
    const versionId = crypto.randomUUID();
    await this.db.transaction('rw', this.db.workflows, this.db.versions, async () => {
      await this.db.workflows.add({
        id: workflowId,
        name: await this.uniqueName(name),
        ...(description ? { description } : {}),
        createdAt: now,
        updatedAt: now,
        draftVersionId: versionId,
        hookToken: newHookToken(),
      });
      await this.db.versions.add({
        id: versionId,
        workflowId,
        number: 1,
        status: 'draft',
        trigger,
        steps,
        createdAt: now,
        updatedAt: now,
      });
    });
    this.afterChange();
    return workflowId;
  }

  private async uniqueName(name: string): Promise<string> {
    const names = new Set((await this.db.workflows.toArray()).map((w) => w.name));
    if (!names.has(name)) return name;
    for (let i = 2; ; i++) if (!names.has(`${name} (${i})`)) return `${name} (${i})`;
  }

  /** The version a person sees and exports: the draft, else the active, else the newest. */
  async currentVersion(workflowId: string): Promise<VersionRow | undefined> {
    const w = await this.db.workflows.get(workflowId);
    if (!w) return undefined;
    const id = w.draftVersionId ?? w.activeVersionId;
    if (id) return this.db.versions.get(id);
    const all = await this.db.versions.where('workflowId').equals(workflowId).toArray();
    return all.sort((a, b) => b.number - a.number)[0];
  }

  /**
   * Makes the draft (or the current version) the active one. `stepProblem` re-checks each
   * step's settings now (the app passes the editor's checks); without it, the `valid` flag the
   * editor saved is trusted.
   */
  async activate(workflowId: string, stepProblem?: StepCheck): Promise<void> {
    await this.db.transaction('rw', this.db.workflows, this.db.versions, this.db.timers, async () => {
      const w = await this.requireWorkflow(workflowId);
      const candidate = w.draftVersionId
        ? await this.db.versions.get(w.draftVersionId)
        : await this.currentVersion(workflowId);
      if (!candidate) throw new Error(t`"${w.name}" has no version to activate.`);
      if (candidate.status === 'active') return;
      const problem = activationProblem(candidate, stepProblem);
      if (problem) throw new Error(t`"${w.name}" cannot be activated: ${problem}`);
      const now = this.now();
      if (w.activeVersionId && w.activeVersionId !== candidate.id) {
        await this.db.versions.update(w.activeVersionId, { status: 'archived', updatedAt: now });
        await this.db.timers.delete(scheduleTimerId(w.activeVersionId));
      }
      await this.db.versions.update(candidate.id, { status: 'active', updatedAt: now });
      // A schedule's next fire time is armed with the activation, in the same transaction.
      const timer = nextScheduleTimer({ ...candidate, status: 'active' }, now);
      if (timer) await this.db.timers.put(timer);
      const next: WorkflowRow = { ...w, activeVersionId: candidate.id, updatedAt: now };
      delete next.draftVersionId;
      await this.db.workflows.put(next);
    });
    this.afterChange();
  }

  /**
   * The editable draft of a workflow: the existing one, or a new version copied from `fromVersionId`
   * (default: the active one). Editing an active workflow never touches the version that runs.
   */
  async useAsDraft(workflowId: string, fromVersionId?: string): Promise<string> {
    const db = this.db;
    const id = await db.transaction('rw', db.workflows, db.versions, async () => {
      const w = await this.requireWorkflow(workflowId);
      const sourceId = fromVersionId ?? w.draftVersionId ?? w.activeVersionId;
      const source = sourceId ? await db.versions.get(sourceId) : await this.currentVersion(workflowId);
      if (!source || source.workflowId !== workflowId) throw new Error(t`That version does not exist.`);
      const now = this.now();
      if (w.draftVersionId) {
        if (w.draftVersionId !== source.id)
          await db.versions.update(w.draftVersionId, { trigger: source.trigger, steps: source.steps, updatedAt: now });
        return w.draftVersionId;
      }
      const numbers = (await db.versions.where('workflowId').equals(workflowId).toArray()).map((v) => v.number);
      const draft: VersionRow = {
        id: crypto.randomUUID(),
        workflowId,
        number: Math.max(0, ...numbers) + 1,
        status: 'draft',
        trigger: source.trigger,
        steps: source.steps,
        createdAt: now,
        updatedAt: now,
      };
      await db.versions.add(draft);
      await db.workflows.put({ ...w, draftVersionId: draft.id, updatedAt: now });
      return draft.id;
    });
    this.afterChange();
    return id;
  }

  /** Saves the editor's draft (only a draft version can change). */
  async saveDraft(
    workflowId: string,
    versionId: string,
    content: Pick<VersionRow, 'trigger' | 'steps'>,
  ): Promise<void> {
    await this.db.transaction('rw', this.db.workflows, this.db.versions, async () => {
      const v = await this.db.versions.get(versionId);
      if (!v || v.workflowId !== workflowId) throw new Error(t`This draft no longer exists.`);
      if (v.status !== 'draft') throw new Error(t`Version ${v.number} is ${v.status}; only a draft can be edited.`);
      const now = this.now();
      await this.db.versions.put({ ...v, trigger: content.trigger, steps: content.steps, updatedAt: now });
      await this.db.workflows.update(workflowId, { updatedAt: now });
    });
  }

  /** A new workflow: a draft that starts by hand, with no steps yet. */
  async create(name: string): Promise<string> {
    const trimmed = name.trim();
    if (!trimmed) throw new Error(t`A workflow needs a name.`);
    return this.addDraftWorkflow(trimmed, {
      type: 'MANUAL',
      name: t`Launch manually`,
      settings: { availability: { type: 'GLOBAL' }, outputSchema: {} },
      nextStepIds: [],
    });
  }

  async deactivate(workflowId: string): Promise<void> {
    await this.db.transaction('rw', this.db.workflows, this.db.versions, this.db.timers, async () => {
      const w = await this.requireWorkflow(workflowId);
      if (!w.activeVersionId) return;
      const now = this.now();
      await this.db.versions.update(w.activeVersionId, { status: 'deactivated', updatedAt: now });
      await this.db.timers.delete(scheduleTimerId(w.activeVersionId));
      const next: WorkflowRow = { ...w, updatedAt: now };
      delete next.activeVersionId;
      await this.db.workflows.put(next);
    });
    this.afterChange();
  }

  /** The secret of the workflow's webhook URL (made now for workflows older than webhooks). */
  async hookToken(workflowId: string): Promise<string> {
    return this.db.transaction('rw', this.db.workflows, async () => {
      const w = await this.requireWorkflow(workflowId);
      if (w.hookToken) return w.hookToken;
      const hookToken = newHookToken();
      await this.db.workflows.update(workflowId, { hookToken });
      return hookToken;
    });
  }

  /** A new secret: URLs with the old one get 401 from now on. */
  async regenerateHookToken(workflowId: string): Promise<string> {
    const hookToken = newHookToken();
    await this.requireWorkflow(workflowId);
    await this.db.workflows.update(workflowId, { hookToken });
    return hookToken;
  }

  async rename(workflowId: string, name: string): Promise<void> {
    const trimmed = name.trim();
    if (!trimmed) throw new Error(t`A workflow needs a name.`);
    await this.db.workflows.update(workflowId, { name: trimmed, updatedAt: this.now() });
  }

  async remove(workflowId: string): Promise<void> {
    const db = this.db;
    await db.transaction('rw', [db.workflows, db.versions, db.runs, db.runValues, db.timers], async () => {
      const runIds = await db.runs
        .where('[workflowId+createdAt]')
        .between([workflowId, 0], [workflowId, Infinity])
        .primaryKeys();
      await db.timers.where('runId').anyOf(runIds).delete();
      await db.runValues.where('runId').anyOf(runIds).delete();
      await db.runs.where('[workflowId+createdAt]').between([workflowId, 0], [workflowId, Infinity]).delete();
      await db.versions.where('workflowId').equals(workflowId).delete();
      await db.workflows.delete(workflowId);
    });
    this.afterChange();
  }

  private async requireWorkflow(id: string): Promise<WorkflowRow> {
    const w = await this.db.workflows.get(id);
    if (!w) throw new Error(t`This workflow no longer exists.`);
    return w;
  }
}

export function statusOf(w: WorkflowRow, versions: VersionRow[]): WorkflowStatus {
  if (w.activeVersionId) return 'active';
  if (!w.draftVersionId && versions.some((v) => v.status === 'deactivated')) return 'deactivated';
  return 'draft';
}

/** What is wrong with one step of a version, in words, or null. */
export type StepCheck = (version: VersionRow, step: VersionRow['steps'][number]) => string | null;

/** Why a version cannot run, if it cannot. */
export function activationProblem(
  v: VersionRow,
  stepProblem: StepCheck = (_v, s) => (s.valid ? null : t`its settings are invalid`),
): string | null {
  if (v.trigger.nextStepIds.length === 0 && v.steps.length > 0) return t`the trigger is not connected to any step.`;
  if (v.trigger.type === 'CRON') {
    const problem = scheduleProblem(cronScheduleOf(v.trigger.settings), v.trigger.settings.timezone);
    if (problem) return t`its schedule is invalid: ${problem}.`;
  }
  for (const step of v.steps) {
    const problem = stepProblem(v, step);
    if (problem) return t`step "${step.name}": ${problem}.`;
  }
  return null;
}
