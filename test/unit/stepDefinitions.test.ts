import { describe, expect, it } from 'vitest';
import { variableOptions } from '../../src/app/editor/variables';
import { STANDARD_OBJECTS } from '../../src/db/standardObjects';
import { stepUis } from '../../src/app/steps';
import type { StepUi } from '../../src/app/steps/types';
import { stepDefinitions } from '../../src/engine/steps';
import type { StepDefinition } from '../../src/engine/steps/types';
import { triggerUis } from '../../src/app/triggers';
import type { TriggerUi } from '../../src/app/triggers/types';
import { triggerDefinitions } from '../../src/engine/triggers';
import type { TriggerDefinition } from '../../src/engine/triggers/types';
import { FIELD_TYPE_DEFINITIONS, type FieldTypeDefinition } from '../../src/schema/fieldTypes';
import { FIELD_TYPES, type FieldType } from '../../src/schema/objectMetadata';
import { Step, Trigger, type StepType, type TriggerType } from '../../src/schema/workflow';
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
    // And what the app shows for it: each type's defaults are valid settings of that type.
    expect(Object.keys(stepUis).sort()).toEqual([...types].sort());
    for (const [type, ui] of Object.entries(stepUis)) {
      expect(ui.label).toBeTruthy();
      const parsed = Step.safeParse({ id: 'x', name: ui.label, type, settings: { input: ui.defaultInput() } });
      // Blank where the person must choose (a URL, a prompt, code…) is allowed to fail only on those.
      if (!parsed.success)
        expect(
          parsed.error.issues.every((i) => i.code === 'too_small' || i.code === 'custom'),
          `${type}: ${parsed.error.message}`,
        ).toBe(true);
    }
  });

  it('a definition lacking a part, or a step type lacking a definition, does not compile (checked by npm test’s typecheck)', () => {
    // @ts-expect-error — no `outputs`: the variable picker would silently offer nothing.
    const incomplete: StepDefinition<'DELAY'> = { type: 'DELAY', execute: async () => ({}) };
    // @ts-expect-error — CODE is missing from the registry.
    const partial: { [T in StepType]: StepDefinition<T> } = { DELAY: stepDefinitions.DELAY };
    // @ts-expect-error — no `Form`: the step's settings panel would be silently empty.
    const formless: StepUi<'DELAY'> = { label: 'Delay', group: 'Flow', defaultInput: stepUis.DELAY.defaultInput };
    // @ts-expect-error — a step type without a UI definition.
    const partialUi: { [T in StepType]: StepUi<T> } = { DELAY: stepUis.DELAY };
    expect(incomplete && partial && formless && partialUi).toBeTruthy();
  });
});

describe('one definition per trigger type', () => {
  it('every trigger type of the format has both halves, and a new trigger of each type is valid', () => {
    const types = Trigger.options.map((o) => o.shape.type.value);
    expect(Object.keys(triggerDefinitions).sort()).toEqual([...types].sort());
    expect(Object.keys(triggerUis).sort()).toEqual([...types].sort());
    for (const [type, ui] of Object.entries(triggerUis)) {
      const trigger = Trigger.parse({ ...ui.create('person'), nextStepIds: [] });
      expect(trigger.type).toBe(type);
      expect(triggerDefinitions[trigger.type].type).toBe(type);
    }
  });

  it('a trigger type lacking a part does not compile (checked by npm test’s typecheck)', () => {
    // @ts-expect-error — no `samplePayload`: a test run would start with nothing.
    const incomplete: TriggerDefinition<'CRON'> = {
      type: 'CRON',
      fires: 'scheduler',
      outputs: () => [],
      sampleObject: () => undefined,
    };
    // @ts-expect-error — WEBHOOK is missing from the registry.
    const partial: { [T in TriggerType]: TriggerUi<T> } = {
      CRON: triggerUis.CRON,
      MANUAL: triggerUis.MANUAL,
      DATABASE_EVENT: triggerUis.DATABASE_EVENT,
    };
    expect(incomplete && partial).toBeTruthy();
  });
});

describe('one definition per record field type', () => {
  it('every field type has a label, filter operands, and composite parts that its checks know', () => {
    expect(Object.keys(FIELD_TYPE_DEFINITIONS).sort()).toEqual([...FIELD_TYPES].sort());
    for (const type of FIELD_TYPES) {
      const definition = FIELD_TYPE_DEFINITIONS[type];
      expect(definition.label).toBeTruthy();
      expect(definition.operands.length).toBeGreaterThan(0);
      for (const part of definition.parts ?? []) expect(part.kind).toMatch(/^(text|texts|amount|currency|links)$/);
    }
  });

  it('a field type without a definition does not compile (checked by npm test’s typecheck)', () => {
    // @ts-expect-error — RAW_JSON (and the rest) missing: its values would have no checks.
    const partial: { [T in FieldType]: FieldTypeDefinition } = { TEXT: FIELD_TYPE_DEFINITIONS.TEXT };
    expect(partial).toBeTruthy();
  });
});

describe('the variable picker reads the step and trigger definitions', () => {
  it('an update trigger offers the record after and before, field by field', () => {
    const trigger = Trigger.parse({
      type: 'DATABASE_EVENT',
      name: 'Person updated',
      settings: { eventName: 'person.updated' },
      nextStepIds: ['x'],
    });
    const draft = {
      trigger,
      steps: [Step.parse({ ...step('x', 'DELAY', { delayType: 'DURATION', duration: { seconds: 1 } }), name: 'x' })],
    };
    const paths = variableOptions(draft, 'x', new Map(STANDARD_OBJECTS.map((o) => [o.name, o]))).map(
      (o) => `${o.path} = ${o.label}`,
    );
    expect(paths).toContain('trigger.recordId = Person updated › Record id');
    expect(paths).toContain('trigger.properties.after.name.firstName = Person updated › Name › First name');
    expect(paths).toContain('trigger.properties.before.jobTitle = Person updated › Before › Job title');
  });

  it('offers a search’s records, and an iterator over them yields records of that object', () => {
    const trigger = Trigger.parse({
      type: 'MANUAL',
      name: 'Launch manually',
      settings: { availability: { type: 'GLOBAL' } },
      nextStepIds: ['search'],
    });
    const draft = {
      trigger,
      steps: [
        step('search', 'FIND_RECORDS', { objectName: 'company', limit: 10 }, ['loop']),
        step('loop', 'ITERATOR', { items: '{{search.all}}', initialLoopStepIds: ['ask'] }),
        step('ask', 'AI_AGENT', { prompt: 'x', responseSchema: '{"properties":{"score":{"type":"number"}}}' }, [
          'mail',
        ]),
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
