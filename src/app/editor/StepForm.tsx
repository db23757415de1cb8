import type { ObjectMetadata } from '../../schema/objectMetadata';
import type { Step } from '../../schema/workflow';
import { stepUi } from '../steps';
import type { VariableOption } from './variables';

/** A step's settings: the form its type's UI definition gives (`app/steps/<type>.tsx`). */
export function StepSettingsForm({
  step,
  onChange,
  objects,
  options,
}: {
  step: Step;
  onChange: (s: Step) => void;
  objects: ObjectMetadata[];
  options: VariableOption[];
}) {
  const { Form } = stepUi(step.type);
  const byName = new Map(objects.map((o) => [o.name, o]));
  const setInput = (input: object) => onChange({ ...step, settings: { ...step.settings, input } } as Step);
  return (
    <Form
      step={step}
      setInput={setInput}
      setStep={(s: Step) => onChange(s)}
      objects={objects}
      byName={byName}
      options={options}
    />
  );
}
