import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { db, workflows } from '../../client/db';
import { describeError } from '../../client/errors';
import { TRIGGER_ID } from '../../engine/graph';
import type { StepInfo } from '../../schema/run';
import { activateWorkflow } from '../activation';
import { useToast } from '../components/Toasts';
import { useObjects } from '../hooks';
import { Link, navigate } from '../router';
import { useAutosave, useDraftHistory, useEditorShortcuts, useStepClipboard } from './editorState';
import { changeStepType, defaultOutlet, deleteStep, insertStep, updateStep, type Draft } from './graphEdits';
import { AddStep, StepPanel } from './StepPanel';
import { TriggerForm } from './TriggerForm';
import { TryPanel } from './TryPanel';
import { withValidity } from './validate';

const WorkflowCanvas = lazy(() => import('./WorkflowCanvas'));

/** The workflow editor: the draft on a canvas, a settings panel, undo/redo, autosave. */
export default function EditorPage({ id }: { id: string }) {
  const workflow = useLiveQuery(() => db.workflows.get(id), [id]);
  const objectList = useObjects();
  const toast = useToast();
  const [versionId, setVersionId] = useState<string | null>(null);
  const [selected, setSelected] = useState<string>(TRIGGER_ID);
  const [loadError, setLoadError] = useState<string | null>(null);
  /** Step statuses of the last test or dry run, shown on the canvas until the next edit. */
  const [overlay, setOverlay] = useState<Record<string, StepInfo> | null>(null);
  /** The last test's real step outputs: the variable picker offers their fields too. */
  const [lastOutputs, setLastOutputs] = useState<Record<string, StepInfo> | null>(null);
  const showResults = useCallback((infos: Record<string, StepInfo> | null) => {
    setOverlay(infos);
    if (infos) setLastOutputs(infos);
  }, []);
  const objects = useMemo(() => new Map((objectList ?? []).map((o) => [o.name, o])), [objectList]);

  const prepare = useCallback((next: Draft) => withValidity(next, objects), [objects]);
  const clearOverlay = useCallback(() => setOverlay(null), []);
  const { draft, load, apply, undo, redo, canUndo, canRedo } = useDraftHistory(prepare, clearOverlay);
  const saveState = useAutosave(id, versionId, draft);
  const { copy, paste } = useStepClipboard(draft, apply, setSelected);

  // Editing never touches the running version: open (or make) the draft.
  useEffect(() => {
    workflows.useAsDraft(id).then(
      async (vid) => {
        const v = await db.versions.get(vid);
        setVersionId(vid);
        load({ trigger: v!.trigger, steps: v!.steps });
      },
      (e) => setLoadError(describeError(e)),
    );
  }, [id, load]);

  const remove = useCallback(
    (stepId: string) => {
      if (!draft || stepId === TRIGGER_ID) return;
      apply(deleteStep(draft, stepId));
      setSelected(TRIGGER_ID);
    },
    [draft, apply],
  );

  useEditorShortcuts(selected, { undo, redo, copy, paste, remove });

  const editing = useMemo(
    () => ({
      onInsertBetween: (source: string, target: string) => {
        if (!draft) return;
        const r = insertStep(draft, 'CREATE_RECORD', { between: { source, target } });
        apply(r.draft);
        setSelected(r.id);
      },
      onAddAfter: (stepId: string) => {
        if (!draft) return;
        const r = insertStep(draft, 'CREATE_RECORD', defaultOutlet(draft, stepId));
        apply(r.draft);
        setSelected(r.id);
      },
      onMove: (stepId: string, position: { x: number; y: number }) => {
        if (!draft) return;
        apply(
          stepId === TRIGGER_ID
            ? { ...draft, trigger: { ...draft.trigger, position } }
            : updateStep(draft, stepId, (s) => ({ ...s, position })),
        );
      },
    }),
    [draft, apply],
  );

  if (loadError)
    return (
      <section className="page">
        <h1>Cannot edit this workflow</h1>
        <p role="alert">{loadError}</p>
        <Link to="/workflows">All workflows</Link>
      </section>
    );
  if (!workflow || !draft || !objectList) return <p className="loading">Loading the editor…</p>;

  const invalid = draft.steps.filter((s) => !s.valid);
  const blocked =
    draft.trigger.nextStepIds.length === 0
      ? 'Add a step after the trigger first.'
      : invalid.length
        ? `Fix ${invalid.map((s) => `“${s.name}”`).join(', ')} first.`
        : null;
  const step = draft.steps.find((s) => s.id === selected);

  return (
    <section className="page editor" aria-labelledby="editor-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/workflows">Workflows</Link> › <Link to={`/workflows/${id}`}>{workflow.name}</Link> › Edit draft
      </nav>
      <header className="page-header">
        <h1 id="editor-title">
          <input
            className="title-input"
            aria-label="Workflow name"
            defaultValue={workflow.name}
            key={workflow.name}
            onBlur={(e) => {
              if (e.target.value.trim() && e.target.value !== workflow.name)
                workflows.rename(id, e.target.value).catch(toast.error);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
            }}
          />
        </h1>
        <div className="toolbar">
          <span className="muted small" role="status">
            {saveState === 'saving' ? 'Saving…' : saveState === 'error' ? 'Not saved' : 'Draft saved'}
          </span>
          <button type="button" onClick={undo} disabled={!canUndo} aria-keyshortcuts="Control+Z">
            Undo
          </button>
          <button type="button" onClick={redo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z">
            Redo
          </button>
          <button
            type="button"
            className="primary"
            disabled={!!blocked}
            title={blocked ?? undefined}
            onClick={async () => {
              try {
                await workflows.saveDraft(id, versionId!, draft);
                await activateWorkflow(id);
                toast.info('Active: it now runs on its trigger.');
                navigate(`/workflows/${id}`);
              } catch (e) {
                toast.error(e);
              }
            }}
          >
            Activate
          </button>
        </div>
      </header>
      {blocked && (
        <p className="muted small" id="activation-blocked">
          Cannot activate yet: {blocked}
        </p>
      )}
      {versionId && <TryPanel draft={draft} workflowId={id} versionId={versionId} onStepInfos={showResults} />}
      <div className="editor-layout">
        <Suspense fallback={<p className="loading">Loading the canvas…</p>}>
          <WorkflowCanvas
            trigger={draft.trigger}
            steps={draft.steps}
            selectedId={selected}
            onSelect={setSelected}
            stepInfos={overlay ?? undefined}
            label={`Editing ${workflow.name}`}
            editing={editing}
          />
        </Suspense>
        <aside className="card panel" aria-label="Step settings">
          {selected === TRIGGER_ID || !step ? (
            <>
              <h2>Trigger</h2>
              <label className="stacked">
                Name
                <input
                  value={draft.trigger.name}
                  onChange={(e) => apply({ ...draft, trigger: { ...draft.trigger, name: e.target.value } })}
                />
              </label>
              <TriggerForm
                trigger={draft.trigger}
                objects={objectList}
                onChange={(trigger) => apply({ ...draft, trigger })}
                workflowId={id}
                saveDraft={() => workflows.saveDraft(id, versionId!, draft)}
              />
              <AddStep
                draft={draft}
                after={TRIGGER_ID}
                onAdd={(at, type) => {
                  const r = insertStep(draft, type, at);
                  apply(r.draft);
                  setSelected(r.id);
                }}
              />
            </>
          ) : (
            <StepPanel
              key={step.id}
              draft={draft}
              step={step}
              objects={objects}
              objectList={objectList}
              onChange={(s) => apply(updateStep(draft, step.id, () => s))}
              onChangeType={(t) => apply(changeStepType(draft, step.id, t))}
              realOutputs={lastOutputs ?? undefined}
              onAdd={(at, type) => {
                const r = insertStep(draft, type, at);
                apply(r.draft);
                setSelected(r.id);
              }}
              onDelete={() => remove(step.id)}
              onCopy={() => copy(step.id)}
              onPaste={() => paste(step.id)}
            />
          )}
        </aside>
      </div>
    </section>
  );
}
