import { startLocalServer, type LocalServer } from '../../support/localServer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiSettingsReader, AI_SETTINGS_KEY } from '../../../src/db/ai';
import { step } from '../helpers';
import { runSteps, setup } from './env';
import { freshWorkspace } from '../workspaces';

/** A tiny chat-completions server: answers by what the last message asks for. */
let server: LocalServer;
let base = '';
const requests: {
  auth?: string;
  body: { model: string; messages: { role: string; content: string }[]; response_format?: unknown };
}[] = [];
beforeAll(async () => {
  server = await startLocalServer((req, res) => {
    const body = JSON.parse(req.body);
    requests.push({ auth: req.headers.authorization, body });
    const ask = body.messages[body.messages.length - 1].content as string;
    const content = ask.includes('strict')
      ? '{"score": -2, "code": "ab", "extra": true}'
      : ask.includes('score')
        ? ask.includes('badly')
          ? 'not json at all'
          : ask.includes('wrong')
            ? '{"score":"high"}'
            : '{"score": 8, "reason": "fits"}'
        : `You said: ${ask}`;
    res
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
  });
  base = `${server.base}/v1`;
});
afterAll(() => server.close());

async function withAi(configured = true) {
  const db = await freshWorkspace();
  if (configured)
    await db.settings.put({ key: AI_SETTINGS_KEY, value: { baseUrl: base, model: 'tiny', apiKey: 'sk-local' } });
  return await setup({ db, services: { aiSettings: aiSettingsReader(db) } });
}
const schema = JSON.stringify({
  type: 'object',
  properties: { score: { type: 'number' }, reason: { type: 'string' } },
  required: ['score'],
});

describe('AI_AGENT', () => {
  it("text mode: sends the prompt with variables and returns {text, response} (Twenty's name)", async () => {
    const { info } = await runSteps(
      [step('ai', 'AI_AGENT', { prompt: 'hello {{trigger.nothing}}there', systemPrompt: 'Be brief.' })],
      ['ai'],
      await withAi(),
    );
    expect(info('ai').output).toEqual({ text: 'You said: hello there', response: 'You said: hello there' });
    const last = requests[requests.length - 1];
    expect(last.auth).toBe('Bearer sk-local');
    expect(last.body.model).toBe('tiny');
    expect(last.body.messages[0]).toEqual({ role: 'system', content: 'Be brief.' });
  });

  it('JSON mode: a valid answer becomes the output; invalid JSON or a wrong shape fails the step', async () => {
    const ok = await runSteps(
      [step('ai', 'AI_AGENT', { prompt: 'give a score', responseSchema: schema })],
      ['ai'],
      await withAi(),
    );
    expect(ok.info('ai').output).toEqual({ score: 8, reason: 'fits' });
    expect(requests[requests.length - 1].body.response_format).toEqual({ type: 'json_object' });
    const notJson = await runSteps(
      [step('ai', 'AI_AGENT', { prompt: 'score badly', responseSchema: schema })],
      ['ai'],
      await withAi(),
    );
    expect(notJson.info('ai').error).toContain('the answer is not JSON');
    const wrong = await runSteps(
      [step('ai', 'AI_AGENT', { prompt: 'wrong score', responseSchema: schema })],
      ['ai'],
      await withAi(),
    );
    expect(wrong.info('ai').error).toContain('(answer).score: Instance type "string" is invalid. Expected "number".');
  });

  it('an answer that breaks minimum, pattern and additionalProperties fails, each named', async () => {
    const strict = JSON.stringify({
      type: 'object',
      properties: { score: { type: 'number', minimum: 0 }, code: { type: 'string', pattern: '^[A-Z]{3}$' } },
      required: ['score'],
      additionalProperties: false,
    });
    const { info } = await runSteps(
      [step('ai', 'AI_AGENT', { prompt: 'be strict', responseSchema: strict })],
      ['ai'],
      await withAi(),
    );
    const error = info('ai').error ?? '';
    expect(error).toContain('the answer does not match the response schema');
    expect(error).toContain('(answer).score: -2 is less than 0.');
    expect(error).toContain('(answer).code: String does not match pattern.');
    expect(error).toContain('(answer): Property "extra" does not match additional properties schema.');
  });

  it('a response schema that cannot be used fails before the endpoint is asked', async () => {
    const before = requests.length;
    const { info } = await runSteps(
      [step('ai', 'AI_AGENT', { prompt: 'give a score', responseSchema: '{"$ref": "#/$defs/missing"}' })],
      ['ai'],
      await withAi(),
    );
    expect(info('ai').error).toMatch(/^the response schema cannot be used: Unresolved \$ref/);
    expect(requests.length).toBe(before);
  });

  it('says when no endpoint is set up', async () => {
    const { info } = await runSteps([step('ai', 'AI_AGENT', { prompt: 'hi' })], ['ai'], await withAi(false));
    expect(info('ai').error).toContain('no AI endpoint is set up');
  });
});
