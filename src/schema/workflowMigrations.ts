import { t } from '@lingui/core/macro';
import { WORKFLOW_FORMAT, WORKFLOW_FORMAT_VERSION } from './workflowFormat';

/** A migration lifts a file from version `from` to `from + 1`; it never mutates its input. */
export interface WorkflowMigration {
  from: number;
  describe: string;
  up(file: Record<string, unknown>): Record<string, unknown>;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown): string =>
  v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v);

/**
 * A version 1 filter tree (`{operator, conditions: [{left, operand, right} | group]}`) as
 * Twenty's flat lists. Ids derive from `prefix` (the step's id and where the filter sits), so
 * lifting the same stored graph twice gives the same ids.
 */
function v1FilterLists(tree: unknown, kind: 'step' | 'record', prefix: string) {
  const groups: Json[] = [];
  const filters: Json[] = [];
  let n = 0;
  const id = (what: string) => `${prefix}-${what}${++n}`;
  const walk = (group: Json, parent: string | undefined, position: number | undefined) => {
    const groupId = id('group');
    groups.push(
      kind === 'step'
        ? {
            id: groupId,
            logicalOperator: group.operator === 'OR' ? 'OR' : 'AND',
            ...(parent ? { parentStepFilterGroupId: parent } : {}),
            ...(position !== undefined ? { positionInStepFilterGroup: position } : {}),
          }
        : {
            id: groupId,
            logicalOperator: group.operator === 'OR' ? 'OR' : 'AND',
            ...(parent ? { parentRecordFilterGroupId: parent } : {}),
            ...(position !== undefined ? { positionInRecordFilterGroup: position } : {}),
          },
    );
    list(group.conditions).forEach((item, i) => {
      const c = obj(item);
      if (Array.isArray(c.conditions)) return walk(c, groupId, i);
      const filterId = id('condition');
      const left = typeof c.left === 'string' ? c.left : '';
      if (kind === 'step') {
        filters.push({
          id: filterId,
          type: 'unknown',
          stepOutputKey: left,
          operand: c.operand,
          value: text(c.right),
          stepFilterGroupId: groupId,
          positionInStepFilterGroup: i,
        });
      } else {
        const [fieldName, ...sub] = left.replace(/^\{\{|\}\}$/g, '').split('.');
        filters.push({
          id: filterId,
          fieldMetadataId: '',
          fieldName,
          type: 'unknown',
          label: '',
          operand: c.operand,
          value: text(c.right),
          ...(sub.length ? { subFieldName: sub.join('.') } : {}),
          recordFilterGroupId: groupId,
          positionInRecordFilterGroup: i,
        });
      }
    });
  };
  walk(obj(tree), undefined, undefined);
  return { groups, filters };
}

/** A version 1 schedule (`settings.schedule`) as Twenty's CRON settings. */
function v1CronSettings(settings: Json): Json {
  const s = obj(settings.schedule);
  const extras = { timezone: settings.timezone ?? 'UTC', missedRuns: settings.missedRuns ?? 'once', outputSchema: {} };
  const days = (list(s.daysOfWeek) as number[]).join(',');
  switch (s.type) {
    case 'MINUTES':
      return { type: 'MINUTES', schedule: { minute: s.minutes }, ...extras };
    case 'HOURS':
      return { type: 'HOURS', schedule: { hour: s.hours, minute: s.minute ?? 0 }, ...extras };
    case 'DAYS':
      return { type: 'DAYS', schedule: { day: s.days, hour: s.hour, minute: s.minute ?? 0 }, ...extras };
    case 'WEEKLY':
      return { type: 'CUSTOM', pattern: `${s.minute ?? 0} ${s.hour} * * ${days}`, ...extras };
    default:
      return { type: 'CUSTOM', pattern: s.pattern, ...extras };
  }
}

function v1Trigger(trigger: Json): Json {
  const settings = obj(trigger.settings);
  switch (trigger.type) {
    case 'DATABASE_EVENT': {
      const { filter, ...rest } = settings;
      const hasFilter = list(obj(filter).conditions).length > 0;
      const lists = hasFilter ? v1FilterLists(filter, 'step', 'trigger') : undefined;
      // Version 1 trigger conditions named the record's fields; Twenty's name the event.
      const record = String(settings.eventName ?? '').endsWith('.deleted') ? 'before' : 'after';
      return {
        ...trigger,
        settings: {
          ...rest,
          outputSchema: {},
          ...(lists
            ? {
                filter: {
                  stepFilterGroups: lists.groups,
                  stepFilters: lists.filters.map((f) => ({
                    ...f,
                    stepOutputKey: `{{trigger.properties.${record}.${String(f.stepOutputKey).replace(/^\{\{|\}\}$/g, '')}}}`,
                  })),
                },
              }
            : {}),
        },
      };
    }
    case 'MANUAL': {
      const a = obj(settings.availability);
      const availability =
        a.type === 'SINGLE_RECORD' || a.type === 'BULK_RECORDS'
          ? { type: a.type, objectNameSingular: a.objectName }
          : { type: 'GLOBAL' };
      return { ...trigger, settings: { availability, outputSchema: {} } };
    }
    case 'CRON':
      return { ...trigger, settings: v1CronSettings(settings) };
    case 'WEBHOOK':
      return { ...trigger, settings: { ...settings, authentication: null, outputSchema: {} } };
    default:
      return trigger;
  }
}

function v1Step(step: Json): Json {
  const settings = obj(step.settings);
  const input = obj(settings.input);
  const withInput = (next: unknown): Json => ({ ...step, settings: { ...settings, input: next, outputSchema: {} } });
  switch (step.type) {
    case 'FILTER': {
      const lists = v1FilterLists(input.filter, 'step', String(step.id));
      return withInput({ stepFilterGroups: lists.groups, stepFilters: lists.filters });
    }
    case 'IF_ELSE': {
      const groups: Json[] = [];
      const filters: Json[] = [];
      const branches = list(input.branches).map((item) => {
        const b = obj(item);
        if (!b.filter) return { id: b.id, nextStepIds: b.nextStepIds ?? [] };
        const lists = v1FilterLists(b.filter, 'step', `${String(step.id)}-${String(b.id)}`);
        groups.push(...lists.groups);
        filters.push(...lists.filters);
        return { id: b.id, nextStepIds: b.nextStepIds ?? [], filterGroupId: lists.groups[0].id };
      });
      return withInput({ stepFilterGroups: groups, stepFilters: filters, branches });
    }
    case 'FIND_RECORDS': {
      const hasFilter = list(obj(input.filter).conditions).length > 0;
      const lists = hasFilter ? v1FilterLists(input.filter, 'record', String(step.id)) : undefined;
      const sorts = list(input.orderBy).map(obj);
      return withInput({
        objectName: input.objectName,
        ...(lists ? { filter: { recordFilterGroups: lists.groups, recordFilters: lists.filters } } : {}),
        ...(sorts.length
          ? {
              orderBy: {
                recordSorts: sorts.map((o) => ({
                  fieldName: o.field,
                  direction: o.direction === 'DESC' ? 'desc' : 'asc',
                })),
                gqlOperationOrderBy: sorts.map((o) => ({
                  [String(o.field)]: o.direction === 'DESC' ? 'DescNullsLast' : 'AscNullsFirst',
                })),
              },
            }
          : {}),
        limit: input.limit ?? 100,
      });
    }
    case 'ITERATOR': {
      const { continueOnIterationFailure, ...rest } = input;
      return withInput({ ...rest, shouldContinueOnIterationFailure: continueOnIterationFailure === true });
    }
    case 'SEND_EMAIL': {
      const { to, cc, bcc, ...rest } = input;
      return withInput({
        connectedAccountId: '',
        recipients: { to: to ?? '', cc: cc ?? '', bcc: bcc ?? '' },
        files: [],
        ...rest,
      });
    }
    case 'CODE': {
      const { params, ...rest } = input;
      return withInput({ ...rest, logicFunctionInput: params ?? {} });
    }
    case 'FORM': {
      const lifted = withInput(
        list(input.fields).map((item) => {
          const f = obj(item);
          const options = list(f.options);
          return {
            id: `${String(step.id)}-${String(f.name)}`,
            name: f.name,
            label: f.label,
            type: f.type,
            ...(f.placeholder ? { placeholder: f.placeholder } : {}),
            settings: {
              ...(f.objectName ? { objectName: f.objectName } : {}),
              ...(options.length ? { options } : {}),
              ...(f.required ? { required: true } : {}),
            },
            ...(f.defaultValue !== undefined ? { value: f.defaultValue } : {}),
          };
        }),
      );
      const description = typeof input.description === 'string' && input.description ? input.description : undefined;
      return {
        ...lifted,
        // Twenty's form has no title: the step's name is the title. The description stays, beside the fields.
        ...(typeof input.title === 'string' && input.title.trim() ? { name: input.title } : {}),
        settings: { ...obj(lifted.settings), ...(description ? { description } : {}) },
      };
    }
    default:
      return withInput(input);
  }
}

/**
 * A migration per format change. Twenty's own files are not in this chain: `fromTwenty`
 * (./twentyImport, on the file import path only) lifts them straight to the current version.
 *
 * The same chain lifts stored shapes (a version's or a run's graph, see db/storedShapes.ts)
 * and the workflows inside a workspace backup: a change to a step's shape is one migration here.
 */
export const WORKFLOW_MIGRATIONS: WorkflowMigration[] = [
  {
    from: 1,
    describe: "Twenty's current shapes: flat step filters, CRON and FORM settings, email recipients…",
    up: (file) => ({
      ...file,
      version: 2,
      trigger: v1Trigger(obj(file.trigger)),
      steps: list(file.steps).map((s) => v1Step(obj(s))),
    }),
  },
];

/** A chain of migrations and the version it ends at (tests pass their own). */
export interface MigrationChain {
  migrations: readonly WorkflowMigration[];
  current: number;
}
export const WORKFLOW_CHAIN: MigrationChain = { migrations: WORKFLOW_MIGRATIONS, current: WORKFLOW_FORMAT_VERSION };

export class MigrationError extends Error {}

function versionOf(file: Record<string, unknown>, current: number): number {
  if (file.format !== WORKFLOW_FORMAT) {
    throw new MigrationError(t`format: this is not a Localflow workflow (expected "format": "${WORKFLOW_FORMAT}")`);
  }
  const v = file.version;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
    throw new MigrationError(t`version: expected a whole number ≥ 1`);
  if (v > current) {
    throw new MigrationError(
      t`version: this workflow uses format version ${v}, newer than this app reads (${current}); update Localflow to import it`,
    );
  }
  return v;
}

/** Brings any known version up to the current one. Throws MigrationError on unknown shapes. */
export function migrateWorkflowFile(input: unknown, chain: MigrationChain = WORKFLOW_CHAIN): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input)) {
    throw new MigrationError(t`The file: expected a JSON object with a trigger and steps`);
  }
  let file = input as Record<string, unknown>;
  let version = versionOf(file, chain.current);
  while (version < chain.current) {
    const migration = chain.migrations.find((m) => m.from === version);
    if (!migration) throw new MigrationError(t`version: no migration from version ${version}`);
    file = migration.up(file);
    version++;
  }
  return file;
}

/** A stored graph (`{trigger, steps}` written at `version`) lifted to the chain's current version. */
export function liftGraph<G extends { trigger: unknown; steps: unknown }>(
  graph: G,
  version: number,
  chain: MigrationChain = WORKFLOW_CHAIN,
): G {
  if (version >= chain.current) return graph;
  const lifted = migrateWorkflowFile(
    { format: WORKFLOW_FORMAT, version, name: 'stored', trigger: graph.trigger, steps: graph.steps },
    chain,
  ) as { trigger: unknown; steps: unknown };
  return { ...graph, trigger: lifted.trigger, steps: lifted.steps };
}
