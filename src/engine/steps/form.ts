import { t } from '@lingui/core/macro';
import type { FormField } from '../../schema/workflow';
import { formFieldObject, formFieldOptions, formFieldRequired } from '../../schema/workflowValues';
import type { RecordTx } from '../ports';
import { StepError, type StepDefinition } from './types';

/** Pauses the run until someone answers the form in the Inbox; defaults are filled in now. */
export const formStep: StepDefinition<'FORM'> = {
  type: 'FORM',
  outputs: (step) => step.settings.input.map((f) => ({ path: f.name, label: f.label })),
  execute(ctx) {
    const fields = ctx.step.settings.input.map((f) => ({
      ...f,
      value: f.value === undefined ? undefined : ctx.resolve(f.value),
    }));
    // What the Inbox shows: the step's name is the form's title (Twenty's forms have no other).
    let title = ctx.step.name;
    try {
      title = String(ctx.resolve(title) ?? '');
    } catch {
      // A name that is not a valid template is shown as written.
    }
    const description = String(ctx.resolve(ctx.step.settings.description ?? '') ?? '');
    return { input: { title, description, fields }, waitForInput: true };
  },
};

/** Checks and converts a person's answers; throws StepError naming the field and the reason. */
export async function readFormAnswers(
  fields: FormField[],
  answers: Record<string, unknown>,
  records: RecordTx,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = answers[f.name];
    const { label } = f;
    const text = String(raw);
    const empty = raw === undefined || raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0);
    if (empty) {
      if (formFieldRequired(f)) throw new StepError(t`${label}: this field is required`);
      out[f.name] = f.type === 'MULTI_SELECT' ? [] : null;
      continue;
    }
    switch (f.type) {
      case 'NUMBER': {
        const n = typeof raw === 'number' ? raw : Number(raw);
        if (!Number.isFinite(n)) throw new StepError(t`${label}: “${text}” is not a number`);
        out[f.name] = n;
        break;
      }
      case 'DATE': {
        if (Number.isNaN(Date.parse(text))) throw new StepError(t`${label}: “${text}” is not a date`);
        out[f.name] = String(raw);
        break;
      }
      case 'SELECT': {
        const options = formFieldOptions(f);
        const choices = options.join(', ');
        if (options.length && !options.includes(text)) throw new StepError(t`${label}: choose one of ${choices}`);
        out[f.name] = String(raw);
        break;
      }
      case 'MULTI_SELECT': {
        const options = formFieldOptions(f);
        const list = (Array.isArray(raw) ? raw : [raw]).map(String);
        const bad = options.length ? list.find((v) => !options.includes(v)) : undefined;
        const choices = options.join(', ');
        if (bad) throw new StepError(t`${label}: “${bad}” is not one of ${choices}`);
        out[f.name] = list;
        break;
      }
      case 'RECORD': {
        const object = formFieldObject(f);
        const record = object ? await records.get(object, String(raw)) : undefined;
        if (!record)
          throw new StepError(
            object ? t`${label}: choose an existing ${object}` : t`${label}: choose an existing record`,
          );
        out[f.name] = record;
        break;
      }
      default:
        out[f.name] = String(raw);
    }
  }
  return out;
}
