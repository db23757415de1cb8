import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useEffect, useState } from 'react';
import { db, workflows } from '../../client/db';
import { describeError } from '../../client/errors';
import type { TwentyExport } from '../../share/twentyExport';
import { downloadBlob } from '../download';
import { Modal } from './Modal';
import { useToast } from './Toasts';

const VERSION_SHAPE = '{ name, trigger, steps }';

/**
 * "Export for Twenty": the workflow as a Twenty workflow version, with what Twenty cannot take
 * as it is named before the file is saved.
 */
export function TwentyExportDialog({ workflowId, onClose }: { workflowId: string; onClose: () => void }) {
  const [prepared, setPrepared] = useState<TwentyExport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const toast = useToast();
  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const [{ toTwentyVersion }, w, version] = await Promise.all([
          import('../../share/twentyExport'),
          db.workflows.get(workflowId),
          workflows.currentVersion(workflowId),
        ]);
        if (!w || !version) throw new Error(t`This workflow has no version to export.`);
        if (live) setPrepared(toTwentyVersion(w.name, version.trigger, version.steps));
      } catch (e) {
        if (live) setError(describeError(e));
      }
    })();
    return () => {
      live = false;
    };
  }, [workflowId]);

  const save = () => {
    if (!prepared) return;
    const slug =
      prepared.version.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'workflow';
    downloadBlob(
      new Blob([JSON.stringify(prepared.version, null, 2)], { type: 'application/json' }),
      `${slug}.twenty.json`,
    );
    toast.info(t`Saved as a Twenty workflow version.`);
    onClose();
  };

  return (
    // Opens once prepared, so focus lands on its first action.
    <Modal open={prepared !== null || error !== null} title={t`Export for Twenty`} onClose={onClose} wide>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {prepared && (
        <>
          <p>
            <Trans>
              A Twenty workflow version (<code>{VERSION_SHAPE}</code>) that Twenty's own checks accept.
            </Trans>
          </p>
          {prepared.warnings.length > 0 ? (
            <>
              <p>
                <Trans>Twenty cannot take everything in it as it is:</Trans>
              </p>
              <ul>
                {prepared.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </>
          ) : (
            <p>
              <Trans>Everything in it runs in Twenty as it does here.</Trans>
            </p>
          )}
          <div className="actions">
            <button type="button" className="primary" onClick={save}>
              {prepared.warnings.length ? t`Export anyway` : t`Export`}
            </button>
            <button type="button" onClick={onClose}>
              <Trans>Cancel</Trans>
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
