import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useState } from 'react';
import { importWorkflow } from '../activation';
import { workflows } from '../../client/db';
import { describeError } from '../../client/errors';
import { formatNumber } from '../../i18n/format';
import { ImportError, parseWorkflowFile } from '../../share/workflowFile';
import { navigate } from '../router';
import { Modal } from './Modal';
import { useToast } from './Toasts';

const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Import a workflow from a JSON file or pasted text. Nothing is written unless it is valid. */
export function ImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [text, setText] = useState('');
  const [fileName, setFileName] = useState<string | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const toast = useToast();

  const close = () => {
    setText('');
    setFileName(null);
    setProblems([]);
    onClose();
  };

  const importText = async (source: string) => {
    setProblems([]);
    try {
      const file = parseWorkflowFile(source);
      const metadataProblems = await workflows.metadataProblems(file);
      if (metadataProblems.length) throw new ImportError(metadataProblems);
      const id = await importWorkflow(file);
      toast.info(t`Imported “${file.name}” as a draft.`);
      close();
      navigate(`/workflows/${id}`);
    } catch (error) {
      setProblems(error instanceof ImportError ? error.problems : [describeError(error)]);
    }
  };

  return (
    <Modal open={open} title={t`Import a workflow`} onClose={close} wide>
      <p className="muted">
        <Trans>
          A Localflow workflow file (<code>.json</code>) or a Twenty workflow version. It arrives as a draft: nothing
          runs until you activate it.
        </Trans>
      </p>
      <div className="form-row">
        <label htmlFor="import-file">
          <Trans>From a file</Trans>
        </label>
        <input
          id="import-file"
          type="file"
          accept=".json,application/json"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            setFileName(file.name);
            if (file.size > MAX_FILE_BYTES) {
              setProblems([
                t`${file.name} is ${formatNumber(file.size / 1024 / 1024, { maximumFractionDigits: 1 })} MB; a workflow file is at most 5 MB.`,
              ]);
              return;
            }
            const content = await file.text();
            setText(content);
            await importText(content);
          }}
        />
        {fileName && <span className="muted small">{fileName}</span>}
      </div>
      <div className="form-row">
        <label htmlFor="import-text">
          <Trans>Or paste JSON</Trans>
        </label>
        <textarea
          id="import-text"
          rows={10}
          spellCheck={false}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={'{"format": "localflow.workflow", "version": 1, …}'}
        />
      </div>
      {problems.length > 0 && (
        <div className="error-box" role="alert">
          <strong>
            <Trans>Not imported.</Trans>{' '}
            {problems.length === 1 ? t`There is a problem:` : t`There are ${problems.length} problems:`}
          </strong>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="actions">
        <button type="button" onClick={close}>
          <Trans>Cancel</Trans>
        </button>
        <button type="button" className="primary" disabled={!text.trim()} onClick={() => void importText(text)}>
          <Trans>Import</Trans>
        </button>
      </div>
    </Modal>
  );
}
