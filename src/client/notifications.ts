import { db } from './db';

const PREF_KEY = 'notifications';

/**
 * System notifications, opt-in: when a run fails or a form starts waiting while Localflow
 * is in the background. Only changes after this page opened are announced.
 */
export async function notificationsEnabled(): Promise<boolean> {
  return (await db.settings.get(PREF_KEY))?.value === true && 'Notification' in window && Notification.permission === 'granted';
}

export async function enableNotifications(): Promise<boolean> {
  if (!('Notification' in window)) throw new Error('This browser cannot show notifications.');
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission !== 'granted') throw new Error('Notifications are blocked for this site in the browser settings.');
  await db.settings.put({ key: PREF_KEY, value: true });
  return true;
}

export async function disableNotifications(): Promise<void> {
  await db.settings.put({ key: PREF_KEY, value: false });
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
    const runs = await db.runs.where('createdAt').above(since - 24 * 3600_000).filter((r) => r.updatedAt > since).toArray();
    for (const run of runs) {
      if (run.status === 'failed' && !announced.has(`${run.id}:failed`)) {
        announced.add(`${run.id}:failed`);
        new Notification(`“${run.workflowName}” failed`, { body: run.error ?? 'A step failed.', tag: run.id });
      }
      for (const step of run.flow.steps) {
        const key = `${run.id}:${step.id}:form`;
        if (step.type === 'FORM' && run.state.stepInfos[step.id]?.status === 'PENDING' && !announced.has(key)) {
          announced.add(key);
          new Notification(`“${run.workflowName}” is waiting for you`, { body: `${step.name}: answer it in the Inbox.`, tag: key });
        }
      }
    }
  };
  setInterval(() => void check(), 3000);
}
