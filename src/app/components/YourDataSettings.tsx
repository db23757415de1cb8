import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { db } from '../../client/db';
import { persistenceState, requestPersistence, updateMarker, type PersistenceState } from '../../client/workspace';
import { backupFileName, createBackup, type BackupProgress } from '../../db/backup';
import { readSetting } from '../../db/settings';
import { downloadBlob } from '../download';
import { ProgressBar, RestoreBackup } from './RestoreBackup';
import { useToast } from './Toasts';

const DAY = 24 * 3600_000;
const mb = (bytes: number | undefined) =>
  bytes === undefined
    ? '?'
    : bytes < 1e6
      ? `${Math.max(0.1, bytes / 1e6).toFixed(1)} MB`
      : `${Math.round(bytes / 1e6).toLocaleString()} MB`;

/** Settings → Your data: whether the browser keeps it, backups, and restore. */
export function YourDataSettings() {
  return (
    <>
      <h2 className="section-title" id="your-data">
        Your data
      </h2>
      <StorageCard />
      <BackupCard />
      <section className="card stack" aria-label="Restore a backup">
        <h2>Restore a backup</h2>
        <p className="muted small">
          A backup is checked whole (every row, its counts and checksum) before anything changes; a damaged or foreign
          file is refused and nothing is lost.
        </p>
        <RestoreBackup />
      </section>
    </>
  );
}

function StorageCard() {
  const [state, setState] = useState<PersistenceState | null>(null);
  const toast = useToast();
  const refresh = () => void persistenceState().then(setState);
  useEffect(refresh, []);
  return (
    <section className="card stack" aria-label="Storage">
      <h2>Storage in this browser</h2>
      {state === null ? (
        <p className="muted">…</p>
      ) : state.persisted === null ? (
        <p>This browser does not say whether it keeps site data. Back up regularly.</p>
      ) : state.persisted ? (
        <p>
          <strong>Persistent</strong>: the browser keeps Localflow’s data even when space runs low. Clearing site data
          in the browser still deletes it.
        </p>
      ) : (
        <>
          <p>
            <strong>Best effort</strong>: the browser may delete Localflow’s data when the disk runs low on space.
            {state.askedAt
              ? ` Localflow asked it to keep the data on ${new Date(state.askedAt).toLocaleDateString()}; the browser decides from how the site is used (installing Localflow as an app or bookmarking it helps).`
              : ''}
          </p>
          <div>
            <button
              type="button"
              onClick={async () => {
                const granted = await requestPersistence(true);
                refresh();
                if (granted) toast.info('The browser will keep Localflow’s data.');
                else
                  toast.error(
                    'The browser did not agree to keep the data persistently. Install Localflow as an app, then try again — and keep backups.',
                  );
              }}
            >
              Ask the browser to keep my data
            </button>
          </div>
        </>
      )}
      {state?.usage !== undefined && (
        <p className="muted small">
          Using {mb(state.usage)} of the {mb(state.quota)} this browser allows.
        </p>
      )}
    </section>
  );
}

function BackupCard() {
  const last = useLiveQuery(async () => (await readSetting(db, 'lastBackup')) ?? null, []);
  const [includeRuns, setIncludeRuns] = useState(false);
  const [includeSecrets, setIncludeSecrets] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  const toast = useToast();
  const age = last ? Math.floor((Date.now() - last.at) / DAY) : null;
  return (
    <section className="card stack" aria-label="Back up">
      <h2>Back up this workspace</h2>
      <p role="status" className={last === null || (age ?? 0) >= 7 ? 'warning' : undefined}>
        {last === undefined
          ? '…'
          : last === null
            ? 'No backup yet. A backup is the only way back if this browser’s data is deleted.'
            : `Last backup: ${new Date(last.at).toLocaleString()} (${age === 0 ? 'today' : `${age} day${age === 1 ? '' : 's'} ago`}), ${last.records.toLocaleString()} records and ${last.workflows} workflows.`}
      </p>
      <p className="muted small">
        One file with the data model, every record, every workflow with its versions, and the settings. Keep it
        somewhere other than this browser.
      </p>
      <form
        className="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            const { blob, counts } = await createBackup(
              db,
              { includeRuns, secretsPassphrase: includeSecrets ? passphrase : undefined },
              setProgress,
            );
            downloadBlob(blob, backupFileName());
            updateMarker({ lastBackupAt: Date.now() });
            toast.info(
              `Backup saved: ${(counts.records ?? 0).toLocaleString()} records, ${counts.workflows ?? 0} workflows.`,
            );
            setPassphrase('');
          } catch (error) {
            toast.error(error);
          } finally {
            setProgress(null);
          }
        }}
      >
        <label>
          <input type="checkbox" checked={includeRuns} onChange={(e) => setIncludeRuns(e.target.checked)} /> Include run
          history
        </label>
        <label>
          <input type="checkbox" checked={includeSecrets} onChange={(e) => setIncludeSecrets(e.target.checked)} />{' '}
          Include secrets (API keys, webhook tokens), encrypted
        </label>
        {includeSecrets && (
          <label className="stacked">
            Passphrase (at least 8 characters; needed to restore the secrets)
            <input
              type="password"
              autoComplete="new-password"
              required
              minLength={8}
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          </label>
        )}
        {progress && <ProgressBar progress={progress} />}
        <div>
          <button type="submit" className="primary" disabled={!!progress}>
            Download backup
          </button>
        </div>
      </form>
    </section>
  );
}
