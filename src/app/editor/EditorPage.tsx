import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { db, workflows } from '../../client/db';
import { describeError } from '../../client/errors';
import { TRIGGER_ID } from '../../engine/graph';
import type { StepInfo } from '../../schema/run';
import { activateWorkflow } from '../activation';
import { useToast } from '../components/Toasts';
import { useObjects } from '../hooks';
import { Link, navigate } from '../router';
import { useAutosave, useDraftHistory, useEditorShortcuts, useStepClipboard } from './editorState';
import {
  changeStepType,
  defaultOutlet,
  deleteStep,
  insertStep,
  updateStep,
  type Draft,
  type InsertAt,
} from './graphEdits';
import { StepChooser } from './StepChooser';
import { AddStep, StepPanel } from './StepPanel';
import { TriggerChooser, TriggerForm } from './TriggerForm';
import { TryPanel } from './TryPanel';
import { withValidity } from './validate';
import { LastRunContext } from './VariableInput';
import { loadEditors } from './useEditorHandle';

const WorkflowCanvas = lazy(() => import('./WorkflowCanvas'));

/** The workflow editor: the draft on a canvas, a settings panel, undo/redo, autosave. */
export default function EditorPage({ id }: { id: string }) {
  const workflow = useLiveQuery(() => db.workflows.get(id), [id]);
  const objectList = useObjects();
  const toast = useToast();
  const [versionId, setVersionId] = useState<string | null>(null);
  const [selected, setSelected] = useState<string>(TRIGGER_ID);
  // On a phone the settings are a bottom sheet over the canvas, lowered at first so the canvas
  // shows (raised for a new workflow's first question); choosing a node raises it.
  const [sheetOpen, setSheetOpen] = useState(() => new URLSearchParams(location.search).has('new'));
  const choose = useCallback((id: string) => {
    setSelected(id);
    setSheetOpen(true);
  }, []);
  /** Set when a step is added: its settings take focus (once shown), where the person continues. */
  const focusPanel = useRef(false);
  useEffect(() => {
    if (!focusPanel.current) return;
    focusPanel.current = false;
    document.querySelector<HTMLElement>('.panel input, .panel select, .panel textarea')?.focus();
  }, [selected]);
  const [loadError, setLoadError] = useState<string | null>(null);
  /** A workflow just made asks first how it starts (the "?new" the New workflow dialog adds). */
  const [askTrigger, setAskTrigger] = useState(() => new URLSearchParams(location.search).has('new'));
  /** The step chooser, open to add a step somewhere or to change a step's type. */
  const [choosing, setChoosing] = useState<{ at: InsertAt } | { retype: string } | null>(null);
  /** Step statuses of the last test or dry run, shown on the canvas until the next edit. */
  const [overlay, setOverlay] = useState<Record<string, StepInfo> | null>(null);
  /** The last test's real step outputs: the variable picker offers their fields too. */
  const [lastOutputs, setLastOutputs] = useState<Record<string, StepInfo> | null>(null);
  const showResults = useCallback((infos: Record<string, StepInfo> | null) => {
    setOverlay(infos);
    if (infos) setLastOutputs(infos);
  }, []);
  const objects = useMemo(() => new Map((objectList ?? []).map((o) => [o.name, o])), [objectList]);
  /** What the variables held in the last test, for chips and previews. */
  const lastRun = useMemo(
    () =>
      lastOutputs
        ? Object.fromEntries(Object.entries(lastOutputs).map(([stepId, info]) => [stepId, info.output]))
        : undefined,
    [lastOutputs],
  );

  const prepare = useCallback((next: Draft) => withValidity(next, objects), [objects]);
  const clearOverlay = useCallback(() => setOverlay(null), []);
  const { draft, load, apply, undo, redo, canUndo, canRedo } = useDraftHistory(prepare, clearOverlay);
  /** The version shown while there is no draft (the active one): a first change copies it into a draft. */
  const [base, setBase] = useState<{ id: string; number: number } | null>(null);
  const draftId = useRef<string | null>(null);
  /** Saves the draft, making it on the first change (as in Twenty): opening never makes one. */
  const saveDraft = useCallback(
    async (content: Draft) => {
      if (!draftId.current) {
        draftId.current = await workflows.useAsDraft(id, base?.id);
        setVersionId(draftId.current);
      }
      await workflows.saveDraft(id, draftId.current, content);
      return draftId.current;
    },
    [id, base],
  );
  const saveState = useAutosave(draft, saveDraft);
  const { copy, paste } = useStepClipboard(draft, apply, choose);

  // The fields' editor (CodeMirror) loads while the draft does.
  useEffect(() => void loadEditors(), []);

  // Editing never touches the running version: open the draft, or show the active version until a first change.
  useEffect(() => {
    (async () => {
      const w = await db.workflows.get(id);
      if (!w) throw new Error(t`This workflow no longer exists.`);
      const shownId = w.draftVersionId ?? w.activeVersionId ?? (await workflows.useAsDraft(id));
      const v = await db.versions.get(shownId);
      if (!v) throw new Error(t`That version does not exist.`);
      if (v.status === 'draft') {
        draftId.current = v.id;
        setVersionId(v.id);
      } else setBase({ id: v.id, number: v.number });
      load({ trigger: v.trigger, steps: v.steps });
    })().catch((e) => setLoadError(describeError(e)));
  }, [id, load]);

  const remove = useCallback(
    (stepId: string) => {
      if (!draft || stepId === TRIGGER_ID) return;
      apply(deleteStep(draft, stepId));
      choose(TRIGGER_ID);
    },
    [draft, apply, choose],
  );

  useEditorShortcuts(selected, { undo, redo, copy, paste, remove });

  const editing = useMemo(
    () => ({
      onInsertBetween: (source: string, target: string) => setChoosing({ at: { between: { source, target } } }),
      onAddAfter: (stepId: string) => draft && setChoosing({ at: defaultOutlet(draft, stepId) }),
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
        <h1>
          <Trans>Cannot edit this workflow</Trans>
        </h1>
        <p role="alert">{loadError}</p>
        <Link to="/workflows">
          <Trans>All workflows</Trans>
        </Link>
      </section>
    );
  if (!workflow || !draft || !objectList)
    return (
      <p className="loading">
        <Trans>Loading the editor…</Trans>
      </p>
    );

  const invalid = draft.steps.filter((s) => !s.valid);
  const blocked =
    draft.trigger.nextStepIds.length === 0
      ? t`Add a step after the trigger first.`
      : invalid.length
        ? t`Fix ${invalid.map((s) => `“${s.name}”`).join(', ')} first.`
        : null;
  const step = draft.steps.find((s) => s.id === selected);
  /** Activate: a draft, or a workflow not running (the active version, unchanged, has nothing to activate). */
  const showActivate = !!versionId || !workflow.activeVersionId;

  return (
    <section className={sheetOpen ? 'page editor' : 'page editor sheet-closed'} aria-labelledby="editor-title">
      <nav className="breadcrumbs" aria-label={t`Breadcrumbs`}>
        <Link to="/workflows">
          <Trans>Workflows</Trans>
        </Link>{' '}
        › <Link to={`/workflows/${id}`}>{workflow.name}</Link> ›{' '}
        {versionId ? t`Edit draft` : t`Version ${base?.number ?? ''}`}
      </nav>
      <header className="page-header">
        <h1 id="editor-title">
          <input
            className="title-input"
            aria-label={t`Workflow name`}
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
            {saveState === 'saving'
              ? t`Saving…`
              : saveState === 'error'
                ? t`Not saved`
                : versionId
                  ? t`Draft saved`
                  : t`Version ${base?.number ?? ''} is active; your first change starts a draft`}
          </span>
          <button type="button" onClick={undo} disabled={!canUndo} aria-keyshortcuts="Control+Z">
            <Trans>Undo</Trans>
          </button>
          <button type="button" onClick={redo} disabled={!canRedo} aria-keyshortcuts="Control+Shift+Z">
            <Trans>Redo</Trans>
          </button>
          {showActivate && (
            <button
              type="button"
              className="primary"
              disabled={!!blocked}
              title={blocked ?? undefined}
              onClick={async () => {
                try {
                  if (versionId) await saveDraft(draft);
                  await activateWorkflow(id);
                  toast.info(t`Active: it now runs on its trigger.`);
                  navigate(`/workflows/${id}`);
                } catch (e) {
                  toast.error(e);
                }
              }}
            >
              <Trans>Activate</Trans>
            </button>
          )}
        </div>
      </header>
      {blocked && showActivate && (
        <p className="muted small" id="activation-blocked">
          <Trans>Cannot activate yet: {blocked}</Trans>
        </p>
      )}
      {(versionId || base) && (
        <TryPanel
          draft={draft}
          workflowId={id}
          saveForTest={async () => (versionId || saveState !== 'unchanged' ? saveDraft(draft) : base!.id)}
          onStepInfos={showResults}
        />
      )}
      <div className="editor-layout">
        <Suspense
          fallback={
            <p className="loading">
              <Trans>Loading the canvas…</Trans>
            </p>
          }
        >
          <WorkflowCanvas
            trigger={draft.trigger}
            steps={draft.steps}
            selectedId={selected}
            onSelect={choose}
            stepInfos={overlay ?? undefined}
            label={t`Editing ${workflow.name}`}
            editing={editing}
          />
        </Suspense>
        <LastRunContext.Provider value={lastRun}>
          <aside className="card panel" aria-label={t`Step settings`}>
            <button
              type="button"
              className="sheet-toggle"
              aria-expanded={sheetOpen}
              onClick={() => setSheetOpen((open) => !open)}
            >
              {sheetOpen
                ? t`Hide settings`
                : t`Settings: ${selected === TRIGGER_ID || !step ? draft.trigger.name || t`Trigger` : step.name}`}
            </button>
            {selected === TRIGGER_ID || !step ? (
              <>
                <h2>
                  <Trans>Trigger</Trans>
                </h2>
                {askTrigger && (
                  <TriggerChooser
                    objects={objectList}
                    current={draft.trigger}
                    onPick={(trigger) => {
                      apply({ ...draft, trigger });
                      setAskTrigger(false);
                      navigate(`/workflows/${id}/edit`, { replace: true });
                    }}
                  />
                )}
                {!askTrigger && (
                  <>
                    <label className="stacked">
                      <Trans>Name</Trans>
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
                      saveDraft={() => saveDraft(draft).then(() => undefined)}
                    />
                    <AddStep draft={draft} after={TRIGGER_ID} onAdd={(at) => setChoosing({ at })} />
                  </>
                )}
              </>
            ) : (
              <StepPanel
                key={step.id}
                draft={draft}
                step={step}
                objects={objects}
                objectList={objectList}
                onChange={(s) => apply(updateStep(draft, step.id, () => s))}
                onChangeType={() => setChoosing({ retype: step.id })}
                realOutputs={lastOutputs ?? undefined}
                onAdd={(at) => setChoosing({ at })}
                onDelete={() => remove(step.id)}
                onCopy={() => copy(step.id)}
                onPaste={() => paste(step.id)}
              />
            )}
          </aside>
        </LastRunContext.Provider>
      </div>
      {choosing && (
        <StepChooser
          title={'retype' in choosing ? t`Change the step’s type` : t`Add a step`}
          current={'retype' in choosing ? draft.steps.find((s) => s.id === choosing.retype)?.type : undefined}
          onClose={() => setChoosing(null)}
          onPick={(type) => {
            setChoosing(null);
            if ('retype' in choosing) apply(changeStepType(draft, choosing.retype, type));
            else {
              const r = insertStep(draft, type, choosing.at);
              apply(r.draft);
              focusPanel.current = true;
              choose(r.id);
            }
          }}
        />
      )}
    </section>
  );
}
