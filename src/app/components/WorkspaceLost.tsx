import { formatDateTime, formatNumber } from '../../i18n/format';
import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { adoptWorkspace, type WorkspaceMarker } from '../../client/workspace';
import { Modal } from './Modal';

const RestoreBackup = lazy(() => import('./RestoreBackup').then((m) => ({ default: m.RestoreBackup })));

/**
 * Shown when this browser's database was re-created after it held a workspace: the browser
 * deleted the data. Nothing is seeded until the person chooses.
 */
export function WorkspaceLost({ marker, onResolved }: { marker: WorkspaceMarker; onResolved: () => void }) {
  const [restoring, setRestoring] = useState(false);
  const restoreButton = useRef<HTMLButtonElement>(null);
  // After the dialog's showModal() (a child effect, so it ran first), which focuses its first button.
  useEffect(() => restoreButton.current?.focus(), []);
  const choose = async (choice: 'empty' | 'demo') => {
    await adoptWorkspace(choice);
    onResolved();
  };
  return (
    <Modal open title={t`Your Localflow data is gone from this browser`} onClose={() => {}} closable={false} wide>
      <div role="alert">
        <p>
          <Trans>
            When Localflow was last open here ({formatDateTime(marker.lastSeen)}) this browser held{' '}
            {formatNumber(marker.records)} records and {marker.workflows} workflows. The browser has since deleted
            Localflow’s storage — browsers do that to sites whose storage is not persistent when the disk runs low, or
            when site data is cleared. It cannot be recovered from this browser.
          </Trans>
        </p>
        <p>
          {marker.lastBackupAt ? (
            <>
              <Trans>
                Your last backup was made on <strong>{formatDateTime(marker.lastBackupAt)}</strong>: restore it to get
                your workspace back.
              </Trans>
            </>
          ) : (
            <>
              <Trans>If you saved a backup (Settings → Your data), restore it to get your workspace back.</Trans>
            </>
          )}
        </p>
      </div>
      {restoring ? (
        <Suspense
          fallback={
            <p className="loading">
              <Trans>Loading…</Trans>
            </p>
          }
        >
          <RestoreBackup autoFocus onDone={onResolved} />
        </Suspense>
      ) : (
        <div className="actions">
          <button type="button" onClick={() => void choose('empty')}>
            <Trans>Start with an empty workspace</Trans>
          </button>
          <button type="button" onClick={() => void choose('demo')}>
            <Trans>Start with the demo data</Trans>
          </button>
          <button ref={restoreButton} type="button" className="primary" onClick={() => setRestoring(true)}>
            <Trans>Restore a backup…</Trans>
          </button>
        </div>
      )}
    </Modal>
  );
}
