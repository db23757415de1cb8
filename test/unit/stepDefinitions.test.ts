import { describe, expect, it } from 'vitest';
import { variableOptions } from '../../src/app/editor/variables';
import { STANDARD_OBJECTS } from '../../src/db/standardObjects';
import { stepDefinitions } from '../../src/engine/steps';
import type { StepDefinition } from '../../src/engine/steps/types';
import { Step, Trigger, type StepType } from '../../src/schema/workflow';
import { step } from './helpers';

describe('one definition per step type', () => {
  it('every step type of the format has a definition of that type, with its outputs', () => {
    const types = Step.options.map((o) => o.shape.type.value);
    expect(Object.keys(stepDefinitions).sort()).toEqual([...types].sort());
    for (const [type, definition] of Object.entries(stepDefinitions)) {
      expect(definition.type).toBe(type);
      expect(typeof definition.execute).toBe('function');
      expect(typeof definition.outputs).toBe('function');
    }
  });

  it('a definition lacking a part, or a step type lacking a definition, does not compile (checked by npm test’s typecheck)', () => {
    // @ts-expect-error — no `outputs`: the variable picker would silently offer nothing.
    const incomplete: StepDefinition<'DELAY'> = { type: 'DELAY', execute: async () => ({}) };
    // @ts-expect-error — CODE is missing from the registry.
    const partial: { [T in StepType]: StepDefinition<T> } = { DELAY: stepDefinitions.DELAY };
    expect(incomplete && partial).toBeTruthy();
  });
});

describe('the variable picker reads the step definitions', () => {
  it('offers a search’s records, and an iterator over them yields records of that object', () => {
    const trigger = Trigger.parse({ type: 'MANUAL', name: 'Launch manually', settings: { availability: { type: 'GLOBAL' } }, nextStepIds: ['search'] });
    const draft = {
      trigger,
      steps: [
        step('search', 'FIND_RECORDS', { objectName: 'company', limit: 10 }, ['loop']),
        step('loop', 'ITERATOR', { items: '{{search.all}}', initialLoopStepIds: ['ask'] }),
        step('ask', 'AI_AGENT', { prompt: 'x', responseSchema: '{"properties":{"score":{"type":"number"}}}' }, ['mail']),
        step('mail', 'SEND_EMAIL', { to: 'a@b.c' }),
      ].map((s) => Step.parse({ ...s, name: s.id })),
    };
    const objects = new Map(STANDARD_OBJECTS.map((o) => [o.name, o]));
    const paths = variableOptions(draft, 'mail', objects).map((o) => `${o.path} = ${o.label}`);
    expect(paths).toContain('search.all = search › All records');
    expect(paths).toContain('search.first.name = search › First › Name');
    expect(paths).toContain('loop.currentItemIndex = loop › Position');
    expect(paths).toContain('loop.currentItem.domainName.primaryLinkUrl = loop › Current item › Domain › URL');
    expect(paths).toContain('ask.score = ask › score');
    expect(paths.some((p) => p.startsWith('mail.'))).toBe(false);
  });
});
