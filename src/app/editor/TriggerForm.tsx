import { Trans } from '@lingui/react/macro';
import { Suspense } from 'react';
import type { ObjectMetadata } from '../../schema/objectMetadata';
import type { Trigger, TriggerType } from '../../schema/workflow';
import { TRIGGER_TYPES, triggerUi } from '../triggers';

/** The trigger's settings: how it starts, then the form its type's UI definition gives (`app/triggers/<type>.tsx`). */
export function TriggerForm({
  trigger,
  onChange,
  objects,
  workflowId,
  saveDraft,
}: {
  trigger: Trigger;
  onChange: (t: Trigger) => void;
  objects: ObjectMetadata[];
  workflowId: string;
  saveDraft: () => Promise<void>;
}) {
  const first = objects[0]?.name ?? 'person';
  const { Form } = triggerUi(trigger.type);
  // Switching keeps the trigger's place in the graph.
  const switchTo = (type: TriggerType) =>
    onChange({
      ...triggerUi(type).create(first),
      nextStepIds: trigger.nextStepIds,
      position: trigger.position,
    } as Trigger);
  return (
    <>
      <label className="stacked">
        <Trans>Starts</Trans>
        <select value={trigger.type} onChange={(e) => switchTo(e.target.value as TriggerType)}>
          {TRIGGER_TYPES.map((t) => (
            <option key={t} value={t}>
              {triggerUi(t).label}
            </option>
          ))}
        </select>
      </label>
      <Suspense
        fallback={
          <p className="muted">
            <Trans>Loading…</Trans>
          </p>
        }
      >
        <Form trigger={trigger} onChange={onChange} objects={objects} workflowId={workflowId} saveDraft={saveDraft} />
      </Suspense>
    </>
  );
}

/** The first question of a new workflow: how does it start? (Twenty's "Select a trigger"). */
export function TriggerChooser({
  objects,
  current,
  onPick,
}: {
  objects: ObjectMetadata[];
  current: Trigger;
  onPick: (t: Trigger) => void;
}) {
  const first = objects[0]?.name ?? 'person';
  const starts = TRIGGER_TYPES.flatMap((type) => triggerUi(type).starts);
  return (
    <fieldset className="trigger-chooser">
      <legend>
        <Trans>How does this workflow start?</Trans>
      </legend>
      {starts.map((s) => (
        <button
          key={s.label}
          type="button"
          className="trigger-choice"
          onClick={() =>
            onPick({ ...s.create(first), nextStepIds: current.nextStepIds, position: current.position } as Trigger)
          }
        >
          <strong>{s.label}</strong>
          {s.description && <span className="muted small">{s.description}</span>}
        </button>
      ))}
    </fieldset>
  );
}
