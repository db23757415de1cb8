import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useEffect, useState } from 'react';
import { importWorkflow } from '../activation';
import { workflows } from '../../client/db';
import { describeError } from '../../client/errors';
import type { WorkflowFile } from '../../schema/workflow';
import { previewWorkflow } from '../../share/preview';
import { decodeShareLink } from '../../share/shareLink';
import { ImportError } from '../../share/workflowFile';
import { describeTrigger } from '../describe';
import { stepTypeLabel } from '../steps';
import { useToast } from '../components/Toasts';
import { Link, navigate } from '../router';

type State = { kind: 'reading' } | { kind: 'error'; problems: string[] } | { kind: 'preview'; file: WorkflowFile };

/** Opens a share link: shows what the workflow would do, then imports it as a draft. */
export function ImportLinkPage() {
  const [state, setState] = useState<State>({ kind: 'reading' });
  const toast = useToast();
  useEffect(() => {
    const read = () => {
      setState({ kind: 'reading' });
      decodeShareLink(location.hash).then(
        (file) => setState({ kind: 'preview', file }),
        (e) => setState({ kind: 'error', problems: e instanceof ImportError ? e.problems : [describeError(e)] }),
      );
    };
    read();
    // Another link opened in this tab changes only the fragment.
    window.addEventListener('hashchange', read);
    return () => window.removeEventListener('hashchange', read);
  }, []);

  const importDraft = async (file: WorkflowFile) => {
    try {
      const problems = await workflows.metadataProblems(file);
      if (problems.length) throw new ImportError(problems);
      const id = await importWorkflow(file);
      toast.info(t`Imported “${file.name}” as a draft.`);
      navigate(`/workflows/${id}`, { replace: true });
    } catch (e) {
      setState({ kind: 'error', problems: e instanceof ImportError ? e.problems : [describeError(e)] });
    }
  };

  return (
    <section className="page" aria-labelledby="import-title">
      <header className="page-header">
        <h1 id="import-title">
          <Trans>Import a shared workflow</Trans>
        </h1>
      </header>
      {state.kind === 'reading' && (
        <p className="loading">
          <Trans>Reading the link…</Trans>
        </p>
      )}
      {state.kind === 'error' && (
        <div className="error-box" role="alert">
          <strong>
            <Trans>This link cannot be imported. Nothing was changed.</Trans>
          </strong>
          <ul>
            {state.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {state.kind === 'preview' && <Preview file={state.file} onImport={() => importDraft(state.file)} />}
      <p>
        <Link to="/workflows">
          <Trans>Back to workflows</Trans>
        </Link>
      </p>
    </section>
  );
}

function Preview({ file, onImport }: { file: WorkflowFile; onImport: () => void }) {
  const p = previewWorkflow(file);
  return (
    <div className="card" aria-label={t`What this workflow does`} role="region">
      <h2>{p.name}</h2>
      <dl className="facts">
        <dt>
          <Trans>Starts</Trans>
        </dt>
        <dd>
          {describeTrigger(file.trigger)} <span className="muted">({p.trigger.name})</span>
        </dd>
        <dt>
          <Trans>Steps</Trans>
        </dt>
        <dd>
          <ol>
            {file.steps.map((s) => (
              <li key={s.id}>
                {s.name} <span className="muted">· {stepTypeLabel(s.type)}</span>
              </li>
            ))}
          </ol>
        </dd>
        <dt>
          <Trans>Writes records of</Trans>
        </dt>
        <dd>{p.writes.length ? p.writes.join(', ') : t`nothing`}</dd>
        <dt>
          <Trans>Calls hosts</Trans>
        </dt>
        <dd>{p.hosts.length ? p.hosts.join(', ') : t`none`}</dd>
        <dt>
          <Trans>Contains code</Trans>
        </dt>
        <dd>{p.containsCode ? t`Yes` : t`No`}</dd>
      </dl>
      <p className="muted">
        <Trans>It arrives as a draft: nothing runs until you activate it.</Trans>
      </p>
      <div className="actions">
        <button type="button" className="primary" onClick={onImport}>
          <Trans>Import as draft</Trans>
        </button>
      </div>
    </div>
  );
}
