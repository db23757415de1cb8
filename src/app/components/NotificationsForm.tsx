import { t } from '@lingui/core/macro';
import { Trans } from '@lingui/react/macro';
import { useEffect, useState } from 'react';
import { disableNotifications, enableNotifications, notificationsEnabled } from '../../client/notifications';
import { useToast } from './Toasts';

/** Opt in to system notifications for failed runs and waiting forms. */
export function NotificationsForm() {
  const [on, setOn] = useState<boolean | null>(null);
  const toast = useToast();
  useEffect(() => void notificationsEnabled().then(setOn), []);
  return (
    <section className="card stack" aria-label={t`Notifications`}>
      <h2>
        <Trans>Notifications</Trans>
      </h2>
      <p className="muted small">
        <Trans>
          While Localflow is in the background, a system notification says when a run fails or a form waits for you.
        </Trans>
      </p>
      <label className="inline">
        <input
          type="checkbox"
          checked={!!on}
          disabled={on === null}
          onChange={async (e) => {
            try {
              if (e.target.checked) setOn(await enableNotifications());
              else {
                await disableNotifications();
                setOn(false);
              }
            } catch (error) {
              toast.error(error);
              setOn(false);
            }
          }}
        />
        <Trans>Notify me about failed runs and waiting forms</Trans>
      </label>
    </section>
  );
}
