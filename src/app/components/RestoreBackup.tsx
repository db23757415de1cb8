import { formatDateTime, formatNumber } from '../../i18n/format';
import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useEffect, useRef, useState } from 'react';
import { db } from '../../client/db';
import { engineClient } from '../../client/engineClient';
import { adoptWorkspace } from '../../client/workspace';
import { currentContents, readBackup, restoreBackup, type BackupProgress, type CheckedBackup } from '../../db/backup';

const dateTime = (at: number) => formatDateTime(at);
const n = (x: number | undefined) => formatNumber(x ?? 0);

/** "Restore a backup…": pick a file, see what it holds and what it replaces, then restore — all or nothing. */
export function RestoreBackup({ onDone, autoFocus }: { onDone?: () => void; autoFocus?: boolean }) {
  const [checked, setChecked] = useState<{
    backup: CheckedBackup;
    name: string;
    current: Awaited<ReturnType<typeof currentContents>>;
  } | null>(null);
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) fileRef.current?.focus();
  }, [autoFocus]);

  const choose = async (file: File | undefined) => {
    setError(null);
    setDone(null);
    setChecked(null);
    if (!file) return;
    try {
      const backup = await readBackup(file, setProgress);
      setChecked({ backup, name: file.name, current: await currentContents(db) });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setProgress(null);
    }
  };

  const restore = async () => {
    if (!checked) return;
    setError(null);
    try {
      const counts = await restoreBackup(db, checked.backup, { passphrase: passphrase || undefined }, setProgress);
      await adoptWorkspace('empty');
      void engineClient().kick({ outbox: true });
      const records = n(counts.records);
      const workflows = n(counts.workflows);
      const file = checked.name;
      setDone(t`Restored ${records} records and ${workflows} workflows from ${file}.`);
      setChecked(null);
      if (fileRef.current) fileRef.current.value = '';
      onDone?.();
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      setError(t`Nothing was changed: ${reason}`);
    } finally {
      setProgress(null);
    }
  };

  const b = checked?.backup;
  const replaces =
    checked && (checked.current.records > 0 || checked.current.workflows > 0 || checked.current.runs > 0);
  return (
    <div className="stack">
      <label className="stacked">
        <Trans>Backup file (.jsonl.gz)</Trans>
        <input
          ref={fileRef}
          type="file"
          accept=".gz,.jsonl,application/gzip"
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </label>
      {progress && <ProgressBar progress={progress} />}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      {done && <p role="status">{done}</p>}
      {b && checked && (
        <div className="restore-summary" role="region" aria-label={t`Backup contents`}>
          <p>
            <Trans>
              Made {dateTime(b.header.createdAt)}: <strong>{n(b.counts.records)} records</strong>, {n(b.counts.objects)}{' '}
              objects, <strong>{n(b.counts.workflows)} workflows</strong> ({n(b.counts.versions)} versions),{' '}
              {n(b.counts.settings)} settings
            </Trans>
            {b.header.includes.runs ? t`, ${n(b.counts.runs)} runs` : t`, no run history`}
            {b.header.includes.secrets ? t`, and encrypted secrets.` : '.'}
          </p>
          {b.sealed && (
            <label className="stacked">
              <Trans>Passphrase for the secrets (leave empty to restore without them; webhook URLs then change)</Trans>
              <input
                type="password"
                autoComplete="off"
                value={passphrase}
                onChange={(e) => setPassphrase(e.target.value)}
              />
            </label>
          )}
          {replaces ? (
            <p className="warning" role="note">
              <Trans>
                Restoring replaces everything in this workspace: its {n(checked.current.records)} records,{' '}
                {n(checked.current.workflows)} workflows and {n(checked.current.runs)} runs will be deleted. This cannot
                be undone — back them up first if you need them.
              </Trans>
            </p>
          ) : (
            <p className="muted">
              <Trans>This workspace is empty: nothing will be lost.</Trans>
            </p>
          )}
          <div className="actions">
            <button
              type="button"
              onClick={() => {
                setChecked(null);
                if (fileRef.current) fileRef.current.value = '';
              }}
            >
              <Trans>Cancel</Trans>
            </button>
            <button
              type="button"
              className={replaces ? 'danger' : 'primary'}
              disabled={!!progress}
              onClick={() => void restore()}
            >
              {replaces ? t`Replace this workspace and restore` : t`Restore`}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

export function ProgressBar({ progress }: { progress: BackupProgress }) {
  const label =
    progress.phase === 'checking'
      ? t`Checking the file`
      : progress.phase === 'restoring'
        ? t`Restoring`
        : t`Reading the workspace`;
  return (
    <div className="progress-row">
      <progress aria-label={label} max={Math.max(1, progress.total)} value={progress.done} />
      <span className="muted small">
        {label}… {Math.round((100 * progress.done) / Math.max(1, progress.total))}%
      </span>
    </div>
  );
}
