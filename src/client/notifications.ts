import { t } from '@lingui/core/macro';
import { NOTIFICATIONS_KEY, notificationsWanted, runNotices } from '../db/notices';
import { writeSetting } from '../db/settings';
import { db } from './db';

/**
 * System notifications, opt-in: when a run fails or a form starts waiting while Localflow
 * is in the background. Only changes after this page opened are announced.
 */
export async function notificationsEnabled(): Promise<boolean> {
  return (await notificationsWanted(db)) && 'Notification' in window && Notification.permission === 'granted';
}

export async function enableNotifications(): Promise<boolean> {
  if (!('Notification' in window)) throw new Error(t`This browser cannot show notifications.`);
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission !== 'granted') throw new Error(t`Notifications are blocked for this site in the browser settings.`);
  await writeSetting(db, NOTIFICATIONS_KEY, true);
  return true;
}

export async function disableNotifications(): Promise<void> {
  await writeSetting(db, NOTIFICATIONS_KEY, false);
}

let started = false;

/** Watches runs and announces failures and waiting forms while the page is hidden. */
export function watchForNotifications(): void {
  if (started || !('Notification' in window)) return;
  started = true;
  const since = Date.now();
  const announced = new Set<string>();
  const check = async () => {
    if (!document.hidden || !(await notificationsEnabled())) return;
    for (const notice of await runNotices(db, since)) {
      if (announced.has(notice.tag)) continue;
      announced.add(notice.tag);
      new Notification(notice.title, { body: notice.body, tag: notice.tag });
    }
  };
  setInterval(() => void check(), 3000);
}
