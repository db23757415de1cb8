import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { db } from '../../client/db';
import { DEFAULT_RUN_RETENTION, MIN_RUN_RETENTION, runRetention, setRunRetention } from '../../db/retention';
import { useToast } from './Toasts';

/** How much run history to keep: the newest N runs of each workflow. */
export function RunHistoryForm() {
  const keep = useLiveQuery(() => runRetention(db), []);
  const [draft, setDraft] = useState<string | null>(null);
  const toast = useToast();
  return (
    <section className="card stack" aria-label={t`Run history`}>
      <h2>
        <Trans>Run history</Trans>
      </h2>
      <form
        className="inputs-row align-end"
        onSubmit={async (e) => {
          e.preventDefault();
          try {
            await setRunRetention(db, Number(draft ?? keep));
            setDraft(null);
            toast.info(t`Saved: older finished runs are deleted within a minute.`);
          } catch (error) {
            toast.error(error);
          }
        }}
      >
        <label className="stacked">
          <Trans>Keep the newest runs of each workflow (at least {MIN_RUN_RETENTION})</Trans>
          <input
            type="number"
            step={1}
            value={draft ?? keep ?? DEFAULT_RUN_RETENTION}
            onChange={(e) => setDraft(e.target.value)}
          />
        </label>
        <button type="submit" disabled={draft === null}>
          <Trans>Save</Trans>
        </button>
      </form>
      <p className="muted small">
        <Trans>
          Older finished runs (and what they stored) are deleted, like n8n’s execution pruning; running and waiting runs
          always stay. A schedule every minute makes 1,440 runs a day.
        </Trans>
      </p>
    </section>
  );
}
