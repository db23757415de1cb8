import { t } from '@lingui/core/macro';
import { lookup } from '../resolver';
import { StepError, requireObject, type StepDefinition } from './types';

/** Creates the record, or updates the first one whose match fields hold the same values. */
export const upsertRecord: StepDefinition<'UPSERT_RECORD'> = {
  type: 'UPSERT_RECORD',
  writesRecords: true,
  outputs: (step) => [{ path: '', label: '', record: step.settings.input.objectName }],
  async execute(ctx) {
    const { objectName, objectRecord, matchFields } = ctx.step.settings.input;
    const data = requireObject(ctx.resolve(objectRecord), () => t`the record to upsert`);
    const stored = await ctx.records.normalise(objectName, data);
    const wanted = matchFieldsFor(data, matchFields).map((f) => {
      const value = lookup(stored, f.split('.'));
      if (value === undefined || value === null || value === '')
        throw new StepError(t`match field "${f}" has no value in the record to upsert`);
      return [f, comparable(value)] as const;
    });
    const records = await ctx.records.find(objectName, (r) =>
      wanted.every(([f, v]) => comparable(lookup(r, f.split('.'))) === v),
    );
    const input = { objectName, objectRecord: data, matchFields };
    if (records[0]) {
      const after = await ctx.records.update(objectName, records[0].id, data, ctx.origin);
      return { input, output: after };
    }
    return { input, output: await ctx.records.create(objectName, data, ctx.origin) };
  },
};

function comparable(value: unknown): string {
  if (typeof value === 'string') return value.trim().toLowerCase();
  return JSON.stringify(value ?? null).toLowerCase();
}

/**
 * The fields that say which record to update: the step's match fields, else (as in Twenty, which
 * upserts on the record's id or its unique fields) the id, the primary email or the domain.
 */
function matchFieldsFor(data: Record<string, unknown>, matchFields: string[] | undefined): string[] {
  if (matchFields?.length) return matchFields;
  if (data.id) return ['id'];
  const email = (data.emails as { primaryEmail?: unknown } | undefined)?.primaryEmail;
  if (email) return ['emails.primaryEmail'];
  const domain = (data.domainName as { primaryLinkUrl?: unknown } | undefined)?.primaryLinkUrl;
  if (domain) return ['domainName.primaryLinkUrl'];
  throw new StepError(t`nothing says which record to update: choose the fields to match on (or give an id)`);
}
