import { t } from '@lingui/core/macro';
import type { Step, Trigger } from '../schema/workflow';
import { retries } from '../schema/workflowValues';

/**
 * A workflow as Twenty's own schemas take it (`{name, trigger, steps}`, a workflow version):
 * Localflow's extra settings are dropped or folded into Twenty's (query parameters into the URL,
 * a form body type into the Content-Type header), step ids become UUIDs with every reference and
 * `{{…}}` variable rewritten, and a step Twenty lacks, imported from it, goes back as it came.
 * What Twenty cannot take as it is — inline code, a schedule outside UTC, operands Twenty lacks,
 * an email step with no connected account — is listed in `warnings`, in a person's words, to
 * show before the file is saved.
 */
export interface TwentyExport {
  version: { name: string; trigger: Record<string, unknown>; steps: Record<string, unknown>[] };
  warnings: string[];
}

/** The object without these keys. */
function omit<T extends object, K extends keyof T>(o: T, ...keys: K[]): Omit<T, K> {
  const out = { ...o };
  for (const k of keys) delete out[k];
  return out;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
type Json = Record<string, unknown>;

/** Replaces step ids in every `{{id.…}}` of a value (strings, arrays, objects). */
function renameVariables(value: unknown, ids: Map<string, string>): unknown {
  if (typeof value === 'string')
    return value.replace(/\{\{\s*([A-Za-z0-9_-]+)(?=[.\s[}])/g, (whole, root: string) =>
      ids.has(root) ? whole.replace(root, ids.get(root)!) : whole,
    );
  if (Array.isArray(value)) return value.map((v) => renameVariables(v, ids));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renameVariables(v, ids)]));
  return value;
}

export function toTwentyVersion(name: string, trigger: Trigger, steps: Step[]): TwentyExport {
  const warnings: string[] = [];
  const ids = new Map(steps.filter((s) => !UUID.test(s.id)).map((s) => [s.id, crypto.randomUUID()]));
  const id = (old: string) => ids.get(old) ?? old;
  const named = (s: Step) => `“${s.name || s.type}”`;

  const exportTrigger = (): Json => {
    const base = { name: trigger.name, type: trigger.type, position: trigger.position ?? { x: 0, y: 0 } };
    const nextStepIds = trigger.nextStepIds.map(id);
    switch (trigger.type) {
      case 'CRON': {
        const { timezone } = trigger.settings;
        const settings = omit(trigger.settings, 'timezone', 'missedRuns');
        if (timezone !== 'UTC')
          warnings.push(t`The schedule runs in ${timezone}; Twenty runs schedules in UTC, so its times will shift.`);
        return { ...base, settings, nextStepIds };
      }
      case 'WEBHOOK': {
        const { httpMethod, expectedBody, outputSchema } = trigger.settings;
        const settings =
          httpMethod === 'GET'
            ? { httpMethod, outputSchema, authentication: trigger.settings.authentication ?? null }
            : { httpMethod, expectedBody, outputSchema, authentication: trigger.settings.authentication ?? null };
        warnings.push(t`The webhook gets a new URL in Twenty: give its callers the new address.`);
        return { ...base, settings, nextStepIds };
      }
      case 'DATABASE_EVENT': {
        const filter = trigger.settings.filter;
        const settings = filter
          ? {
              ...trigger.settings,
              filter: { ...filter, stepFilters: twentyOperands(filter.stepFilters, t`The trigger`) },
            }
          : trigger.settings;
        return { ...base, settings, nextStepIds };
      }
      case 'MANUAL':
        return { ...base, settings: trigger.settings, nextStepIds };
    }
  };

  /** Operands Twenty lacks are written as the nearest it has, and named. */
  const NEAREST: Record<string, string> = {
    STARTS_WITH: 'CONTAINS',
    ENDS_WITH: 'CONTAINS',
    GREATER_THAN: 'GREATER_THAN_OR_EQUAL',
    LESS_THAN: 'LESS_THAN_OR_EQUAL',
  };
  const words = (o: string) => `“${o.toLowerCase().replace(/_/g, ' ')}”`;
  const twentyOperands = <F extends { operand: string }>(filters: F[], where: string): F[] => {
    const extra = [...new Set(filters.map((f) => f.operand).filter((o) => o in NEAREST))];
    if (extra.length) {
      const operands = extra.map((o) => t`${words(o)} (written as ${words(NEAREST[o])})`).join(', ');
      warnings.push(t`${where} uses ${operands}, which Twenty's filters lack: check the condition in Twenty.`);
    }
    return filters.map((f) => (f.operand in NEAREST ? { ...f, operand: NEAREST[f.operand] } : f));
  };

  const exportInput = (s: Step): unknown => {
    switch (s.type) {
      case 'HTTP_REQUEST': {
        const { query, bodyType } = s.settings.input;
        const input = omit(s.settings.input, 'query', 'bodyType', 'timeoutMs', 'responseType', 'failOnNon2xx');
        let url = input.url;
        if (query && Object.keys(query).length) {
          const params = new URLSearchParams(query).toString();
          url = `${url}${url.includes('?') ? '&' : '?'}${params}`;
        }
        const headers = { ...input.headers };
        if (bodyType === 'form' && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type'))
          headers['Content-Type'] = 'application/x-www-form-urlencoded';
        const body = bodyType === 'none' ? undefined : input.body;
        return { ...input, url, headers, ...(body === undefined ? { body: undefined } : { body }) };
      }
      case 'SEND_EMAIL': {
        const input = omit(s.settings.input, 'bodyFormat');
        if (!input.connectedAccountId)
          warnings.push(t`Email step ${named(s)}: choose the connected account it sends from in Twenty.`);
        return input;
      }
      case 'CODE': {
        const { code } = s.settings.input;
        const input = omit(s.settings.input, 'code', 'timeoutMs', 'twentyStep');
        if (!input.logicFunctionId)
          warnings.push(
            code
              ? t`Code step ${named(s)}: Twenty keeps code in a logic function, so its code does not travel in this file; create the function in Twenty and paste the code.`
              : t`Code step ${named(s)}: Twenty keeps code in a logic function, so its code does not travel in this file; create the function in Twenty.`,
          );
        return { logicFunctionId: input.logicFunctionId ?? '', logicFunctionInput: input.logicFunctionInput };
      }
      case 'AI_AGENT': {
        const { systemPrompt } = s.settings.input;
        const input = omit(s.settings.input, 'systemPrompt', 'responseSchema');
        if (!input.agentId)
          warnings.push(
            systemPrompt
              ? t`AI step ${named(s)}: Twenty runs one of its agents; choose one in Twenty (with these instructions).`
              : t`AI step ${named(s)}: Twenty runs one of its agents; choose one in Twenty.`,
          );
        return input;
      }
      case 'UPSERT_RECORD': {
        const { matchFields, ...input } = s.settings.input;
        if (matchFields?.length)
          warnings.push(
            t`Upsert step ${named(s)}: Twenty matches records on their unique fields, not on ${matchFields.join(', ')}.`,
          );
        return input;
      }
      case 'FIND_RECORDS': {
        const input = s.settings.input;
        if (!input.filter) return input;
        if (input.filter.recordFilters.some((f) => !f.fieldMetadataId))
          warnings.push(
            t`Search step ${named(s)}: choose the fields of its conditions again in Twenty (its field ids differ).`,
          );
        const recordFilters = twentyOperands(input.filter.recordFilters, t`Search step ${named(s)}`);
        return { ...input, filter: { ...input.filter, recordFilters } };
      }
      case 'FILTER':
      case 'IF_ELSE':
        return { ...s.settings.input, stepFilters: twentyOperands(s.settings.input.stepFilters, t`Step ${named(s)}`) };
      default:
        return s.settings.input;
    }
  };

  const exportStep = (s: Step): Json => {
    if (s.type === 'FORM' && s.settings.description)
      warnings.push(`Form ${named(s)}: its description stays behind (Twenty's forms have none).`);
    const twenty = s.type === 'CODE' ? s.settings.input.twentyStep : undefined;
    const input = twenty ? twenty.input : exportInput(s);
    const out: Json = {
      id: id(s.id),
      name: s.name,
      type: twenty ? twenty.type : s.type,
      valid: s.valid,
      position: s.position ?? null,
      nextStepIds: s.nextStepIds.map(id),
      settings: {
        input,
        outputSchema: s.settings.outputSchema,
        errorHandlingOptions: {
          ...s.settings.errorHandlingOptions,
          // Twenty's schema now takes a boolean only.
          retryOnFailure: {
            ...s.settings.errorHandlingOptions.retryOnFailure,
            value: retries(s.settings.errorHandlingOptions),
          },
        },
      },
    };
    if (s.type === 'IF_ELSE')
      out.settings = {
        ...(out.settings as Json),
        input: {
          ...(input as Json),
          branches: s.settings.input.branches.map((b) => ({ ...b, nextStepIds: b.nextStepIds.map(id) })),
        },
      };
    if (s.type === 'ITERATOR')
      out.settings = {
        ...(out.settings as Json),
        input: { ...(input as Json), initialLoopStepIds: s.settings.input.initialLoopStepIds.map(id) },
      };
    return out;
  };

  const version = {
    name,
    trigger: exportTrigger(),
    steps: steps.map(exportStep),
  };
  return {
    version: renameVariables(JSON.parse(JSON.stringify(version)), ids) as TwentyExport['version'],
    warnings,
  };
}
