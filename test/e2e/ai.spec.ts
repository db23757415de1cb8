import { expect, test } from '@playwright/test';
import { startLocalServer, type LocalServer } from '../support/localServer';
import { activateAndRun, importJson, openApp } from './helpers';

/** A small local server speaking the chat-completions protocol. */
let server: LocalServer;
let base = '';
test.beforeAll(async () => {
  server = await startLocalServer(
    (req, res) => {
      const body = JSON.parse(req.body);
      const ask = String(body.messages.at(-1).content);
      const content = ask.includes('be strict')
        ? '{"score": -2, "code": "ab", "extra": true}'
        : body.response_format
          ? '{"category":"enterprise","confidence":0.9}'
          : `Summary of: ${ask}`;
      res
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify({ choices: [{ message: { role: 'assistant', content } }] }));
    },
    { cors: { headers: 'content-type, authorization, idempotency-key' } },
  );
  base = `${server.base}/v1`;
});
test.afterAll(() => server.close());

test('AI agent steps against a local chat-completions server: text and JSON answers', async ({ page }) => {
  await openApp(page, '/settings');
  const form = page.getByRole('form', { name: 'AI' });
  await form.getByLabel('Base URL').fill(base);
  await form.getByLabel('Model').fill('local-model');
  await form.getByLabel('API key').fill('sk-test');
  await form.getByRole('button', { name: 'Save AI settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'AI endpoint saved.' })).toBeVisible();

  const file = {
    format: 'localflow.workflow',
    version: 1,
    name: 'Classify with AI',
    trigger: {
      type: 'MANUAL',
      name: 'Launch manually',
      settings: { availability: { type: 'GLOBAL' } },
      nextStepIds: ['sum'],
    },
    steps: [
      {
        id: 'sum',
        name: 'Summarise',
        type: 'AI_AGENT',
        settings: { input: { prompt: 'Mistral AI, 650 people' } },
        nextStepIds: ['cls'],
      },
      {
        id: 'cls',
        name: 'Classify',
        type: 'AI_AGENT',
        settings: {
          input: {
            prompt: '{{sum.text}}',
            responseSchema:
              '{"type":"object","properties":{"category":{"type":"string"},"confidence":{"type":"number"}},"required":["category"]}',
          },
        },
        nextStepIds: ['note'],
      },
      {
        id: 'note',
        name: 'Note it',
        type: 'CREATE_RECORD',
        settings: {
          input: { objectName: 'note', objectRecord: { title: 'AI says {{cls.category}}', body: '{{sum.text}}' } },
        },
        nextStepIds: [],
      },
    ],
  };
  await importJson(page, file);
  await activateAndRun(page);
  await expect(page.getByTestId('run-status')).toHaveText('Completed');
  const cls = page.getByRole('listitem', { name: 'Classify: SUCCESS' });
  await cls.getByText('Input and output').click();
  await expect(cls.getByLabel('Output')).toContainText('"category": "enterprise"');
  const note = page.getByRole('listitem', { name: 'Note it: SUCCESS' });
  await note.getByText('Input and output').click();
  await expect(note.getByLabel('Output')).toContainText('"title": "AI says enterprise"');
  await expect(note.getByLabel('Output')).toContainText('Summary of: Mistral AI, 650 people');
});

test('an AI answer that breaks the response schema (minimum, pattern, additionalProperties) fails the step, each named', async ({
  page,
}) => {
  await openApp(page, '/settings');
  const form = page.getByRole('form', { name: 'AI' });
  await form.getByLabel('Base URL').fill(base);
  await form.getByLabel('Model').fill('local-model');
  await form.getByRole('button', { name: 'Save AI settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'AI endpoint saved.' })).toBeVisible();
  await importJson(page, {
    format: 'localflow.workflow',
    version: 1,
    name: 'Strict AI',
    trigger: {
      type: 'MANUAL',
      name: 'Launch manually',
      settings: { availability: { type: 'GLOBAL' } },
      nextStepIds: ['score'],
    },
    steps: [
      {
        id: 'score',
        name: 'Score',
        type: 'AI_AGENT',
        nextStepIds: [],
        settings: {
          input: {
            prompt: 'be strict',
            responseSchema: JSON.stringify({
              type: 'object',
              properties: { score: { type: 'number', minimum: 0 }, code: { type: 'string', pattern: '^[A-Z]{3}$' } },
              additionalProperties: false,
            }),
          },
        },
      },
    ],
  });
  await activateAndRun(page);
  await expect(page.getByTestId('run-status')).toHaveText('Failed');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('the answer does not match the response schema');
  await expect(alert).toContainText('(answer).score: -2 is less than 0.');
  await expect(alert).toContainText('(answer).code: String does not match pattern.');
  await expect(alert).toContainText('Property "extra" does not match additional properties schema.');
});
