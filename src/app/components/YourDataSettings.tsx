import { formatDate, formatDateTime, formatNumber } from '../../i18n/format';
import { plural, t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
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
      : `${formatNumber(Math.round(bytes / 1e6))} MB`;

/** Settings → Your data: whether the browser keeps it, backups, and restore. */
export function YourDataSettings() {
  return (
    <>
      <h2 className="section-title" id="your-data">
        <Trans>Your data</Trans>
      </h2>
      <StorageCard />
      <BackupCard />
      <section className="card stack" aria-label={t`Restore a backup`}>
        <h2>
          <Trans>Restore a backup</Trans>
        </h2>
        <p className="muted small">
          <Trans>
            A backup is checked whole (every row, its counts and checksum) before anything changes; a damaged or foreign
            file is refused and nothing is lost.
          </Trans>
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
    <section className="card stack" aria-label={t`Storage`}>
      <h2>
        <Trans>Storage in this browser</Trans>
      </h2>
      {state === null ? (
        <p className="muted">…</p>
      ) : state.persisted === null ? (
        <p>
          <Trans>This browser does not say whether it keeps site data. Back up regularly.</Trans>
        </p>
      ) : state.persisted ? (
        <p>
          <Trans>
            <strong>Persistent</strong>: the browser keeps Localflow’s data even when space runs low. Clearing site data
            in the browser still deletes it.
          </Trans>
        </p>
      ) : (
        <>
          <p>
            <Trans>
              <strong>Best effort</strong>: the browser may delete Localflow’s data when the disk runs low on space.
            </Trans>
            {state.askedAt
              ? t` Localflow asked it to keep the data on ${formatDate(state.askedAt)}; the browser decides from how the site is used (installing Localflow as an app or bookmarking it helps).`
              : ''}
          </p>
          <div>
            <button
              type="button"
              onClick={async () => {
                const granted = await requestPersistence(true);
                refresh();
                if (granted) toast.info(t`The browser will keep Localflow’s data.`);
                else
                  toast.error(
                    t`The browser did not agree to keep the data persistently. Install Localflow as an app, then try again — and keep backups.`,
                  );
              }}
            >
              <Trans>Ask the browser to keep my data</Trans>
            </button>
          </div>
        </>
      )}
      {state?.usage !== undefined && (
        <p className="muted small">
          <Trans>
            Using {mb(state.usage)} of the {mb(state.quota)} this browser allows.
          </Trans>
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
    <section className="card stack" aria-label={t`Back up`}>
      <h2>
        <Trans>Back up this workspace</Trans>
      </h2>
      <p role="status" className={last === null || (age ?? 0) >= 7 ? 'warning' : undefined}>
        {last === undefined
          ? '…'
          : last === null
            ? t`No backup yet. A backup is the only way back if this browser’s data is deleted.`
            : age === 0
              ? t`Last backup: ${formatDateTime(last.at)} (today), ${plural(last.records, { one: '# record', other: '# records' })} and ${plural(last.workflows, { one: '# workflow', other: '# workflows' })}.`
              : t`Last backup: ${formatDateTime(last.at)} (${plural(age ?? 0, { one: '# day ago', other: '# days ago' })}), ${plural(last.records, { one: '# record', other: '# records' })} and ${plural(last.workflows, { one: '# workflow', other: '# workflows' })}.`}
      </p>
      <p className="muted small">
        <Trans>
          One file with the data model, every record, every workflow with its versions, and the settings. Keep it
          somewhere other than this browser.
        </Trans>
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
              t`Backup saved: ${plural(counts.records ?? 0, { one: '# record', other: '# records' })}, ${plural(counts.workflows ?? 0, { one: '# workflow', other: '# workflows' })}.`,
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
          <input type="checkbox" checked={includeRuns} onChange={(e) => setIncludeRuns(e.target.checked)} />{' '}
          <Trans>Include run history</Trans>
        </label>
        <label>
          <input type="checkbox" checked={includeSecrets} onChange={(e) => setIncludeSecrets(e.target.checked)} />
          <Trans> Include secrets (API keys, webhook tokens), encrypted</Trans>
        </label>
        {includeSecrets && (
          <label className="stacked">
            <Trans>Passphrase (at least 8 characters; needed to restore the secrets)</Trans>
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
            <Trans>Download backup</Trans>
          </button>
        </div>
      </form>
    </section>
  );
}
