import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useEffect, useState } from 'react';
import { getBackgroundStatus, onBackgroundStatus } from '../../client/serviceWorker';

/** What runs when no Localflow tab is open, and what this browser allows: said plainly. */
export function BackgroundInfo() {
  const [status, setStatus] = useState(getBackgroundStatus);
  useEffect(() => onBackgroundStatus(setStatus), []);
  const periodic = {
    registered: t`registered — the browser wakes Localflow now and then (it decides how often; often a few times a day)`,
    'not-installed': t`not available: install Localflow as an app (browser menu › Install) to allow it`,
    unsupported: t`not offered by this browser`,
    refused: t`refused by this browser`,
  }[status.periodicSync];
  return (
    <section className="card stack" aria-label={t`When Localflow is closed`}>
      <h2>
        <Trans>When Localflow is closed</Trans>
      </h2>
      <ul className="small">
        <li>
          <Trans>
            <strong>A Localflow tab is open</strong> (even in the background): everything runs on time — record
            triggers, schedules, delays, retries, webhooks, code.
          </Trans>
        </li>
        <li>
          <Trans>
            <strong>No tab open, browser running</strong>: the service worker runs what is due when the browser wakes it
            — the last tab closing (it finishes what falls due within the next minute, such as a short delay), a webhook
            URL opened or called in this browser, a periodic sync, or a background sync when the network comes back.
            Code steps wait for a tab; everything else completes.
          </Trans>
        </li>
        <li>
          <Trans>
            <strong>Browser closed</strong>: nothing runs. At the next start, delays and retries that fell due run, and
            schedules follow each workflow’s missed-runs policy (run once or skip; the run history lists the missed
            times). Forms wait in the Inbox.
          </Trans>
        </li>
      </ul>
      <dl className="facts small">
        <dt>
          <Trans>Service worker</Trans>
        </dt>
        <dd>
          {status.serviceWorker === 'active'
            ? t`active`
            : status.serviceWorker === 'starting'
              ? t`starting…`
              : t`not available in this browser`}
        </dd>
        <dt>
          <Trans>Periodic sync</Trans>
        </dt>
        <dd>{periodic}</dd>
        <dt>
          <Trans>Background sync</Trans>
        </dt>
        <dd>
          {status.backgroundSync === 'available'
            ? t`available (when the last tab goes to the background)`
            : t`not offered by this browser`}
        </dd>
      </dl>
    </section>
  );
}
