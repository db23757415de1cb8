import { activateWorkflow } from '../activation';
import { useLiveQuery } from 'dexie-react-hooks';
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { db, workflows } from '../../client/db';
import { describeError } from '../../client/errors';
import { TRIGGER_ID } from '../../engine/graph';
import type { ObjectMetadata } from '../../schema/objectMetadata';
import type { StepType } from '../../schema/workflow';
import { choosableOutlets } from '../../schema/stepEdges';
import { STEP_TYPES, stepTypeLabel } from '../steps';
import { useToast } from '../components/Toasts';
import { useObjects } from '../hooks';
import { Link, navigate } from '../router';
import { changeStepType, defaultOutlet, deleteStep, insertStep, pasteStep, updateStep, type Draft, type InsertAt } from './graphEdits';
import { Step } from '../../schema/workflow';
import { StepSettingsForm } from './StepForm';
import { TriggerForm } from './TriggerForm';
import { TryPanel } from './TryPanel';
import type { StepInfo } from '../../schema/run';
import { stepProblems, withValidity } from './validate';
import { variableOptions } from './variables';

const WorkflowCanvas = lazy(() => import('./WorkflowCanvas'));
const HISTORY = 100;
const CLIPBOARD_KEY = 'localflow.copiedStep';

/** The workflow editor: the draft on a canvas, a settings panel, undo/redo, autosave. */
export default function EditorPage({ id }: { id: string }) {
  const workflow = useLiveQuery(() => db.workflows.get(id), [id]);
  const objectList = useObjects();
  const toast = useToast();
  const [versionId, setVersionId] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [past, setPast] = useState<Draft[]>([]);
  const [future, setFuture] = useState<Draft[]>([]);
  const [selected, setSelected] = useState<string>(TRIGGER_ID);
  const [saveState, setSaveState] = useState<'saved' | 'saving' | 'error'>('saved');
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

  // Editing never touches the running version: open (or make) the draft.
  useEffect(() => {
    workflows.useAsDraft(id).then(async (vid) => {
      const v = await db.versions.get(vid);
      setVersionId(vid);
      setDraft({ trigger: v!.trigger, steps: v!.steps });
    }, (e) => setLoadError(describeError(e)));
  }, [id]);

  const apply = useCallback((next: Draft) => {
    if (!draft) return;
    setPast((p) => [...p, draft].slice(-HISTORY));
    setFuture([]);
    setOverlay(null);
    setDraft(withValidity(next, objects));
  }, [draft, objects]);
  const undo = useCallback(() => {
    if (!draft || past.length === 0) return;
    setFuture((f) => [draft, ...f]);
    setDraft(past[past.length - 1]);
    setPast((p) => p.slice(0, -1));
  }, [draft, past]);
  const redo = useCallback(() => {
    if (!draft || future.length === 0) return;
    setPast((p) => [...p, draft]);
    setDraft(future[0]);
    setFuture((f) => f.slice(1));
  }, [draft, future]);

  // Autosave: the draft is written shortly after each change.
  const saved = useRef<Draft | null>(null);
  useEffect(() => {
    if (!draft || !versionId) return;
    if (saved.current === null) saved.current = draft; // as loaded
    if (saved.current === draft) {
      // Back to what is stored (undo before the save of a redo): nothing to write.
      setSaveState('saved');
      return;
    }
    setSaveState('saving');
    const h = setTimeout(() => {
      workflows.saveDraft(id, versionId, draft).then(() => {
        saved.current = draft;
        setSaveState('saved');
      }, (e) => {
        setSaveState('error');
        toast.error(e);
      });
    }, 300);
    return () => clearTimeout(h);
  }, [draft, versionId, id, toast]);

  // Copy/paste works across workflows (and tabs): the copied step is kept in localStorage.
  const copy = useCallback((stepId: string) => {
    const s = draft?.steps.find((x) => x.id === stepId);
    if (!s) return;
    localStorage.setItem(CLIPBOARD_KEY, JSON.stringify(s));
    void navigator.clipboard?.writeText(JSON.stringify(s, null, 2)).catch(() => {});
    toast.info(`Copied “${s.name}”.`);
  }, [draft, toast]);
  const paste = useCallback((afterId: string) => {
    if (!draft) return;
    const raw = localStorage.getItem(CLIPBOARD_KEY);
    const parsed = raw ? Step.safeParse(JSON.parse(raw)) : null;
    if (!parsed?.success) {
      toast.error(new Error(raw ? 'The copied step is not one this version can paste.' : 'Copy a step first (select it, then Ctrl+C).'));
      return;
    }
    const r = pasteStep(draft, parsed.data, { after: afterId });
    apply(r.draft);
    setSelected(r.id);
  }, [draft, apply, toast]);

  const remove = useCallback((stepId: string) => {
    if (!draft || stepId === TRIGGER_ID) return;
    apply(deleteStep(draft, stepId));
    setSelected(TRIGGER_ID);
  }, [draft, apply]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && (e.target.closest('input, textarea, select, [contenteditable]') !== null);
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z' && !typing) {
        e.preventDefault();
        if (e.shiftKey) redo();
        else undo();
      } else if (mod && e.key.toLowerCase() === 'y' && !typing) {
        e.preventDefault();
        redo();
      } else if (mod && e.key.toLowerCase() === 'c' && !typing && selected !== TRIGGER_ID && window.getSelection()?.isCollapsed !== false) {
        copy(selected);
      } else if (mod && e.key.toLowerCase() === 'v' && !typing) {
        e.preventDefault();
        paste(selected);
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && !typing && selected !== TRIGGER_ID) {
        e.preventDefault();
        remove(selected);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [undo, redo, remove, selected, copy, paste]);

  const editing = useMemo(() => ({
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
      apply(stepId === TRIGGER_ID ? { ...draft, trigger: { ...draft.trigger, position } } : updateStep(draft, stepId, (s) => ({ ...s, position })));
    },
  }), [draft, apply]);

  if (loadError) return <section className="page"><h1>Cannot edit this workflow</h1><p role="alert">{loadError}</p><Link to="/workflows">All workflows</Link></section>;
  if (!workflow || !draft || !objectList) return <p className="loading">Loading the editor…</p>;

  const invalid = draft.steps.filter((s) => !s.valid);
  const blocked = draft.trigger.nextStepIds.length === 0 ? 'Add a step after the trigger first.'
    : invalid.length ? `Fix ${invalid.map((s) => `“${s.name}”`).join(', ')} first.` : null;
  const step = draft.steps.find((s) => s.id === selected);

  return (
    <section className="page editor" aria-labelledby="editor-title">
      <nav className="breadcrumbs" aria-label="Breadcrumbs"><Link to="/workflows">Workflows</Link> › <Link to={`/workflows/${id}`}>{workflow.name}</Link> › Edit draft</nav>
      <header className="page-header">
        <h1 id="editor-title">
          <input className="title-input" aria-label="Workflow name" defaultValue={workflow.name} key={workflow.name}
            onBlur={(e) => { if (e.target.value.trim() && e.target.value !== workflow.name) workflows.rename(id, e.target.value).catch(toast.error); }}
            onKeyDown={(e) => { if (e.key === 'Enter') (e.target as HTMLInputElement).blur(); }} />
        </h1>
        <div className="toolbar">
          <span className="muted small" role="status">{saveState === 'saving' ? 'Saving…' : saveState === 'error' ? 'Not saved' : 'Draft saved'}</span>
          <button type="button" onClick={undo} disabled={past.length === 0} aria-keyshortcuts="Control+Z">Undo</button>
          <button type="button" onClick={redo} disabled={future.length === 0} aria-keyshortcuts="Control+Shift+Z">Redo</button>
          <button type="button" className="primary" disabled={!!blocked} title={blocked ?? undefined} onClick={async () => {
            try {
              await workflows.saveDraft(id, versionId!, draft);
              await activateWorkflow(id);
              toast.info('Active: it now runs on its trigger.');
              navigate(`/workflows/${id}`);
            } catch (e) {
              toast.error(e);
            }
          }}>Activate</button>
        </div>
      </header>
      {blocked && <p className="muted small" id="activation-blocked">Cannot activate yet: {blocked}</p>}
      {versionId && <TryPanel draft={draft} workflowId={id} versionId={versionId} onStepInfos={showResults} />}
      <div className="editor-layout">
        <Suspense fallback={<p className="loading">Loading the canvas…</p>}>
          <WorkflowCanvas trigger={draft.trigger} steps={draft.steps} selectedId={selected} onSelect={setSelected} stepInfos={overlay ?? undefined}
            label={`Editing ${workflow.name}`} editing={editing} />
        </Suspense>
        <aside className="card panel" aria-label="Step settings">
          {selected === TRIGGER_ID || !step ? (
            <>
              <h2>Trigger</h2>
              <label className="stacked">
                Name
                <input value={draft.trigger.name} onChange={(e) => apply({ ...draft, trigger: { ...draft.trigger, name: e.target.value } })} />
              </label>
              <TriggerForm trigger={draft.trigger} objects={objectList} onChange={(trigger) => apply({ ...draft, trigger })}
                workflowId={id} saveDraft={() => workflows.saveDraft(id, versionId!, draft)} />
              <AddStep draft={draft} after={TRIGGER_ID} onAdd={(at, type) => { const r = insertStep(draft, type, at); apply(r.draft); setSelected(r.id); }} />
            </>
          ) : (
            <StepPanel key={step.id} draft={draft} step={step} objects={objects} objectList={objectList}
              onChange={(s) => apply(updateStep(draft, step.id, () => s))}
              onChangeType={(t) => apply(changeStepType(draft, step.id, t))}
              realOutputs={lastOutputs ?? undefined}
              onAdd={(at, type) => { const r = insertStep(draft, type, at); apply(r.draft); setSelected(r.id); }}
              onDelete={() => remove(step.id)} onCopy={() => copy(step.id)} onPaste={() => paste(step.id)} />
          )}
        </aside>
      </div>
    </section>
  );
}

function StepPanel({ draft, step, objects, objectList, onChange, onChangeType, onAdd, onDelete, onCopy, onPaste, realOutputs }: {
  draft: Draft; step: Step; objects: Map<string, ObjectMetadata>; objectList: ObjectMetadata[];
  onChange: (s: Step) => void; onChangeType: (t: StepType) => void; onAdd: (at: InsertAt, type: StepType) => void;
  onDelete: () => void; onCopy: () => void; onPaste: () => void; realOutputs?: Record<string, StepInfo>;
}) {
  const problems = stepProblems(draft, step, objects);
  const options = useMemo(() => variableOptions(draft, step.id, objects, realOutputs), [draft, step.id, objects, realOutputs]);
  const handling = step.settings.errorHandlingOptions;
  return (
    <>
      <h2>{stepTypeLabel(step.type)}</h2>
      <label className="stacked">
        Type
        <select aria-label="Step type" value={step.type} onChange={(e) => onChangeType(e.target.value as StepType)}>
          {STEP_TYPES.map((t) => <option key={t} value={t}>{stepTypeLabel(t)}</option>)}
        </select>
      </label>
      <label className="stacked">
        Step name
        <input value={step.name} onChange={(e) => onChange({ ...step, name: e.target.value })} />
      </label>
      {problems.length > 0 && (
        <div className="error-box" role="alert" aria-label="Problems with this step">
          <strong>This step cannot run yet:</strong>
          <ul>{problems.map((p) => <li key={p}>{p}</li>)}</ul>
        </div>
      )}
      <StepSettingsForm step={step} onChange={onChange} objects={objectList} options={options} />
      <fieldset className="checks-column">
        <legend>When this step fails</legend>
        <label className="inline">
          <input type="checkbox" checked={handling.retryOnFailure.value}
            onChange={(e) => onChange({ ...step, settings: { ...step.settings, errorHandlingOptions: { ...handling, retryOnFailure: { value: e.target.checked, maxAttempts: 3 } } } } as Step)} />
          Retry up to 3 times (after 1 s, 5 s, 15 s)
        </label>
        <label className="inline">
          <input type="checkbox" checked={handling.continueOnFailure.value}
            onChange={(e) => onChange({ ...step, settings: { ...step.settings, errorHandlingOptions: { ...handling, continueOnFailure: { value: e.target.checked } } } } as Step)} />
          Continue the workflow anyway
        </label>
      </fieldset>
      <AddStep draft={draft} after={step.id} onAdd={onAdd} />
      <div className="toolbar">
        <button type="button" onClick={onCopy} aria-keyshortcuts="Control+C">Copy step</button>
        <button type="button" onClick={onPaste} aria-keyshortcuts="Control+V">Paste after this step</button>
        <button type="button" className="danger" onClick={onDelete} aria-keyshortcuts="Delete">Delete this step</button>
      </div>
    </>
  );
}

function AddStep({ draft, after, onAdd }: { draft: Draft; after: string; onAdd: (at: InsertAt, type: StepType) => void }) {
  const [type, setType] = useState<StepType>('CREATE_RECORD');
  const step = draft.steps.find((s) => s.id === after);
  const outlets = choosableOutlets(step).map((o) => ({ value: o.id, label: o.placement }));
  const [outlet, setOutlet] = useState(outlets[0]?.value ?? '');
  return (
    <fieldset className="add-step">
      <legend>Add a step after this one</legend>
      <div className="inputs-row">
        <select aria-label="Type of step to add" value={type} onChange={(e) => setType(e.target.value as StepType)}>
          {STEP_TYPES.map((t) => <option key={t} value={t}>{stepTypeLabel(t)}</option>)}
        </select>
        {outlets.length > 0 && (
          <select aria-label="Where" value={outlet} onChange={(e) => setOutlet(e.target.value)}>
            {outlets.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        )}
        <button type="button" onClick={() => onAdd({ after, outlet: outlet || undefined }, type)}>Add step</button>
      </div>
    </fieldset>
  );
}
