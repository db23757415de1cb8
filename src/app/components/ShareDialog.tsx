import { formatNumber } from '../../i18n/format';
import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useEffect, useState } from 'react';
import { workflows } from '../../client/db';
import { describeError } from '../../client/errors';
import { encodeShareLink } from '../../share/shareLink';
import { toWorkflowFile } from '../../share/workflowFile';
import { Modal } from './Modal';

/** A link that carries the workflow in its fragment: nothing is uploaded anywhere. */
export function ShareDialog({
  open,
  workflowId,
  name,
  onClose,
}: {
  open: boolean;
  workflowId: string;
  name: string;
  onClose: () => void;
}) {
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!open) return;
    setLink(null);
    setCopied(false);
    setError(null);
    void (async () => {
      try {
        const version = await workflows.currentVersion(workflowId);
        if (!version) throw new Error(t`This workflow has no version to share.`);
        setLink(await encodeShareLink(toWorkflowFile(name, version.trigger, version.steps), location.origin));
      } catch (e) {
        setError(describeError(e));
      }
    })();
  }, [open, workflowId, name]);
  return (
    <Modal open={open} title={t`Share “${name}”`} onClose={onClose} wide>
      <p className="muted">
        <Trans>
          The workflow travels inside the link, after the <code>#</code>, which browsers never send to a server.
          Records, settings and secrets are not included. Whoever opens it sees a preview before importing.
        </Trans>
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="form-row">
        <label htmlFor="share-link">
          <Trans>Share link</Trans>
        </label>
        <input id="share-link" readOnly value={link ?? 'Preparing…'} onFocus={(e) => e.target.select()} />
      </div>
      <div className="actions">
        <span role="status" className="muted">
          {copied ? t`Copied to the clipboard.` : link ? t`${formatNumber(link.length)} characters` : ''}
        </span>
        <button type="button" onClick={onClose}>
          <Trans>Close</Trans>
        </button>
        <button
          type="button"
          className="primary"
          disabled={!link}
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(link!);
              setCopied(true);
            } catch {
              setError(t`The browser refused the clipboard: select the link and copy it by hand.`);
            }
          }}
        >
          <Trans>Copy link</Trans>
        </button>
      </div>
    </Modal>
  );
}
