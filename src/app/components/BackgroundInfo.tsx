import { useEffect, useState } from 'react';
import { getBackgroundStatus, onBackgroundStatus } from '../../client/serviceWorker';

/** What runs when no Localflow tab is open, and what this browser allows: said plainly. */
export function BackgroundInfo() {
  const [status, setStatus] = useState(getBackgroundStatus);
  useEffect(() => onBackgroundStatus(setStatus), []);
  const periodic = {
    registered: 'registered — the browser wakes Localflow now and then (it decides how often; often a few times a day)',
    'not-installed': 'not available: install Localflow as an app (browser menu › Install) to allow it',
    unsupported: 'not offered by this browser',
    refused: 'refused by this browser',
  }[status.periodicSync];
  return (
    <section className="card stack" aria-label="When Localflow is closed">
      <h2>When Localflow is closed</h2>
      <ul className="small">
        <li>
          <strong>A Localflow tab is open</strong> (even in the background): everything runs on time — record triggers,
          schedules, delays, retries, webhooks, code.
        </li>
        <li>
          <strong>No tab open, browser running</strong>: the service worker runs what is due when the browser wakes it —
          the last tab closing (it finishes what falls due within the next minute, such as a short delay), a webhook URL
          opened or called in this browser, a periodic sync, or a background sync when the network comes back. Code
          steps wait for a tab; everything else completes.
        </li>
        <li>
          <strong>Browser closed</strong>: nothing runs. At the next start, delays and retries that fell due run, and
          schedules follow each workflow’s missed-runs policy (run once or skip; the run history lists the missed
          times). Forms wait in the Inbox.
        </li>
      </ul>
      <dl className="facts small">
        <dt>Service worker</dt>
        <dd>
          {status.serviceWorker === 'active'
            ? 'active'
            : status.serviceWorker === 'starting'
              ? 'starting…'
              : 'not available in this browser'}
        </dd>
        <dt>Periodic sync</dt>
        <dd>{periodic}</dd>
        <dt>Background sync</dt>
        <dd>
          {status.backgroundSync === 'available'
            ? 'available (when the last tab goes to the background)'
            : 'not offered by this browser'}
        </dd>
      </dl>
    </section>
  );
}
