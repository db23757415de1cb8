import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { retries } from '../../schema/workflowValues';
import { useMemo, useState } from 'react';
import type { ObjectMetadata } from '../../schema/objectMetadata';
import type { StepInfo } from '../../schema/run';
import { choosableOutlets } from '../../schema/stepEdges';
import type { Step } from '../../schema/workflow';
import { stepTypeLabel } from '../steps';
import type { Draft, InsertAt } from './graphEdits';
import { StepSettingsForm } from './StepForm';
import { problemText, stepIssues } from './validate';
import { FieldProblems } from './fieldProblems';
import { variableOptions } from './variables';

/**
 * The settings panel of the selected step: type, name, problems, its form, failure handling, and what comes after it.
 */
export function StepPanel({
  draft,
  step,
  objects,
  objectList,
  onChange,
  onChangeType,
  onAdd,
  onDelete,
  onCopy,
  onPaste,
  realOutputs,
}: {
  draft: Draft;
  step: Step;
  objects: Map<string, ObjectMetadata>;
  objectList: ObjectMetadata[];
  onChange: (s: Step) => void;
  /** Opens the step chooser to give this step another type. */
  onChangeType: () => void;
  /** Opens the step chooser to add a step there. */
  onAdd: (at: InsertAt) => void;
  onDelete: () => void;
  onCopy: () => void;
  onPaste: () => void;
  realOutputs?: Record<string, StepInfo>;
}) {
  const problems = stepIssues(draft, step, objects);
  const byField = new Map(problems.flatMap((p) => (p.field ? [[p.field, p.message] as const] : [])));
  const options = useMemo(
    () => variableOptions(draft, step.id, objects, realOutputs),
    [draft, step.id, objects, realOutputs],
  );
  const handling = step.settings.errorHandlingOptions;
  return (
    <>
      <h2>{stepTypeLabel(step.type)}</h2>
      <p className="inputs-row">
        <span className="muted">
          <Trans>Type: {stepTypeLabel(step.type)}</Trans>
        </span>
        <button type="button" className="small" onClick={onChangeType}>
          <Trans>Change type…</Trans>
        </button>
      </p>
      <label className="stacked">
        <Trans>Step name</Trans>
        <input value={step.name} onChange={(e) => onChange({ ...step, name: e.target.value })} />
      </label>
      {problems.length > 0 && (
        <div className="error-box" role="alert" aria-label={t`Problems with this step`}>
          <strong>
            <Trans>This step cannot run yet:</Trans>
          </strong>
          <ul>
            {problems.map((p) => (
              <li key={problemText(p)}>{problemText(p)}</li>
            ))}
          </ul>
        </div>
      )}
      <FieldProblems.Provider value={byField}>
        <StepSettingsForm step={step} onChange={onChange} objects={objectList} options={options} />
      </FieldProblems.Provider>
      <fieldset className="checks-column">
        <legend>
          <Trans>When this step fails</Trans>
        </legend>
        <label className="inline">
          <input
            type="checkbox"
            checked={retries(handling)}
            onChange={(e) =>
              onChange({
                ...step,
                settings: {
                  ...step.settings,
                  errorHandlingOptions: { ...handling, retryOnFailure: { value: e.target.checked, maxAttempts: 3 } },
                },
              } as Step)
            }
          />
          <Trans>Retry up to 3 times (after 1 s, 5 s, 15 s)</Trans>
        </label>
        <label className="inline">
          <input
            type="checkbox"
            checked={handling.continueOnFailure.value}
            onChange={(e) =>
              onChange({
                ...step,
                settings: {
                  ...step.settings,
                  errorHandlingOptions: { ...handling, continueOnFailure: { value: e.target.checked } },
                },
              } as Step)
            }
          />
          <Trans>Continue the workflow anyway</Trans>
        </label>
      </fieldset>
      <AddStep draft={draft} after={step.id} onAdd={onAdd} />
      <div className="toolbar">
        <button type="button" onClick={onCopy} aria-keyshortcuts="Control+C">
          <Trans>Copy step</Trans>
        </button>
        <button type="button" onClick={onPaste} aria-keyshortcuts="Control+V">
          <Trans>Paste after this step</Trans>
        </button>
        <button type="button" className="danger" onClick={onDelete} aria-keyshortcuts="Delete">
          <Trans>Delete this step</Trans>
        </button>
      </div>
    </>
  );
}

/** Adds a step after a node, on the outlet chosen (a branch, the loop body, or after): the step chooser opens. */
export function AddStep({ draft, after, onAdd }: { draft: Draft; after: string; onAdd: (at: InsertAt) => void }) {
  const step = draft.steps.find((s) => s.id === after);
  const outlets = choosableOutlets(step).map((o) => ({ value: o.id, label: o.placement }));
  const [outlet, setOutlet] = useState(outlets[0]?.value ?? '');
  return (
    <fieldset className="add-step">
      <legend>
        <Trans>Add a step after this one</Trans>
      </legend>
      <div className="inputs-row">
        {outlets.length > 0 && (
          <select aria-label={t`Where`} value={outlet} onChange={(e) => setOutlet(e.target.value)}>
            {outlets.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        )}
        <button type="button" onClick={() => onAdd({ after, outlet: outlet || undefined })}>
          <Trans>+ Add a step…</Trans>
        </button>
      </div>
    </fieldset>
  );
}
