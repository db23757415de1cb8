import { t } from '@lingui/core/macro';
import { checkJsonSchema, type JsonSchema } from '../jsonSchema';
import { StepError, type StepDefinition } from './types';

/**
 * Asks an OpenAI-compatible chat-completions endpoint. With a response schema the answer
 * must be JSON of that shape, and becomes the step's output; otherwise the output is `{text, response}`.
 */
export const aiAgent: StepDefinition<'AI_AGENT'> = {
  type: 'AI_AGENT',
  outputs: (step) => {
    const props = schemaProperties(step.settings.input.responseSchema);
    return props.length ? props.map((p) => ({ path: p, label: p })) : [{ path: 'text', label: t`Answer` }];
  },
  external: true,
  async execute(ctx) {
    const settings = await ctx.services.aiSettings();
    if (!settings?.baseUrl || !settings.model)
      throw new StepError(t`no AI endpoint is set up: add its base URL and model in Settings → AI`);
    const input = ctx.resolve(ctx.step.settings.input) as typeof ctx.step.settings.input;
    if (!String(input.prompt ?? '').trim())
      throw new StepError(
        input.agentId
          ? t`this step asked Twenty's AI agent ${input.agentId}: write the prompt in the editor`
          : t`the prompt is empty`,
      );
    let schema: JsonSchema | undefined;
    if (input.responseSchema.trim()) {
      const problem = responseSchemaProblem(input.responseSchema);
      if (problem) throw new StepError(problem);
      schema = JSON.parse(input.responseSchema) as JsonSchema;
    }
    const messages = [
      ...(input.systemPrompt ? [{ role: 'system', content: input.systemPrompt }] : []),
      ...(schema
        ? [{ role: 'system', content: `Answer with JSON only, matching this JSON Schema: ${JSON.stringify(schema)}` }]
        : []),
      { role: 'user', content: input.prompt },
    ];
    const url = `${settings.baseUrl.replace(/\/+$/, '')}/chat/completions`;
    let response: Response;
    try {
      response = await ctx.services.fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(settings.apiKey ? { authorization: `Bearer ${settings.apiKey}` } : {}),
          'Idempotency-Key': ctx.idempotencyKey,
        },
        body: JSON.stringify({
          model: settings.model,
          messages,
          ...(schema ? { response_format: { type: 'json_object' } } : {}),
        }),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new StepError(
        t`the AI endpoint could not be reached (${reason}); check its URL and that it allows this site (CORS)`,
      );
    }
    const raw = await response.text();
    if (!response.ok) {
      const { status } = response;
      const answer = raw.slice(0, 300);
      throw new StepError(t`the AI endpoint answered HTTP ${status}: ${answer}`);
    }
    let text: string;
    try {
      text = String(
        (JSON.parse(raw) as { choices: { message: { content: unknown } }[] }).choices[0].message.content ?? '',
      );
    } catch {
      const answer = raw.slice(0, 200);
      throw new StepError(t`the AI endpoint's answer is not a chat completion: ${answer}`);
    }
    const usedInput = { model: settings.model, messages };
    // `response` is where Twenty puts an agent's answer; `text` is Localflow's name for it.
    if (!schema) return { input: usedInput, output: { text, response: text } };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.replace(/^```(?:json)?\s*|\s*```$/g, ''));
    } catch {
      const answer = text.slice(0, 200);
      throw new StepError(t`the answer is not JSON: ${answer}`);
    }
    const problems = checkJsonSchema(parsed, schema);
    if (problems.length) {
      const first = problems.slice(0, 5).join('; ');
      throw new StepError(t`the answer does not match the response schema: ${first}`);
    }
    return { input: usedInput, output: parsed };
  },
};

/** Why a response schema cannot be used (not JSON, not a schema, an unresolved `$ref`), or null. */
export function responseSchemaProblem(text: string): string | null {
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch {
    return t`the response schema is not valid JSON`;
  }
  if (typeof schema !== 'boolean' && (!schema || typeof schema !== 'object' || Array.isArray(schema)))
    return t`the response schema must be a JSON object (a JSON Schema)`;
  try {
    checkJsonSchema(null, schema as JsonSchema);
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    return t`the response schema cannot be used: ${reason}`;
  }
  return null;
}

/** The top-level properties a response schema names (none when it is empty or not valid JSON). */
function schemaProperties(responseSchema: string): string[] {
  try {
    return Object.keys((JSON.parse(responseSchema || '{}') as { properties?: object }).properties ?? {});
  } catch {
    // An invalid schema is flagged on the step.
    return [];
  }
}
