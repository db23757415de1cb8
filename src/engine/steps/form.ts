import type { FormField } from '../../schema/workflow';
import type { RecordTx } from '../ports';
import { StepError, type StepDefinition } from './types';

/** Pauses the run until someone answers the form in the Inbox; defaults are filled in now. */
export const formStep: StepDefinition<'FORM'> = {
  type: 'FORM',
  outputs: (step) => step.settings.input.fields.map((f) => ({ path: f.name, label: f.label })),
  async execute(ctx) {
    const input = ctx.step.settings.input;
    const fields = input.fields.map((f) => ({
      ...f,
      defaultValue: f.defaultValue === undefined ? undefined : ctx.resolve(f.defaultValue),
    }));
    return {
      input: { title: ctx.resolve(input.title), description: ctx.resolve(input.description), fields },
      waitForInput: true,
    };
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
    const empty = raw === undefined || raw === null || raw === '' || (Array.isArray(raw) && raw.length === 0);
    if (empty) {
      if (f.required) throw new StepError(`${f.label}: this field is required`);
      out[f.name] = f.type === 'MULTI_SELECT' ? [] : null;
      continue;
    }
    switch (f.type) {
      case 'NUMBER': {
        const n = typeof raw === 'number' ? raw : Number(raw);
        if (!Number.isFinite(n)) throw new StepError(`${f.label}: “${raw}” is not a number`);
        out[f.name] = n;
        break;
      }
      case 'DATE': {
        const t = Date.parse(String(raw));
        if (Number.isNaN(t)) throw new StepError(`${f.label}: “${raw}” is not a date`);
        out[f.name] = String(raw);
        break;
      }
      case 'SELECT':
        if (!f.options.includes(String(raw))) throw new StepError(`${f.label}: choose one of ${f.options.join(', ')}`);
        out[f.name] = String(raw);
        break;
      case 'MULTI_SELECT': {
        const list = (Array.isArray(raw) ? raw : [raw]).map(String);
        const bad = list.find((v) => !f.options.includes(v));
        if (bad) throw new StepError(`${f.label}: “${bad}” is not one of ${f.options.join(', ')}`);
        out[f.name] = list;
        break;
      }
      case 'RECORD': {
        const record = f.objectName ? await records.get(f.objectName, String(raw)) : undefined;
        if (!record) throw new StepError(`${f.label}: choose an existing ${f.objectName ?? 'record'}`);
        out[f.name] = record;
        break;
      }
      default:
        out[f.name] = String(raw);
    }
  }
  return out;
}
