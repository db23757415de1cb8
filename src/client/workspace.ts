import { readSetting } from '../db/settings';
import { seedDemoIfEmpty, workspaceCounts, workspaceIdentity } from '../db/workspace';
import { db } from './db';

/**
 * A note about this browser's workspace kept in localStorage, outside IndexedDB: when the
 * browser deletes the database (eviction of non-persistent storage) the note usually
 * survives, so the next start can say the data is gone instead of quietly re-seeding the
 * demo. It cannot help when a person clears all site data (the note goes too).
 */
export interface WorkspaceMarker {
  id: string;
  /** Last start of the app with this workspace, and what it held then. */
  lastSeen: number;
  records: number;
  workflows: number;
  lastBackupAt?: number;
  /** When the app last asked the browser to keep its storage. */
  persistAskedAt?: number;
}

const MARKER_KEY = 'localflow.workspace';

export function readMarker(): WorkspaceMarker | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(MARKER_KEY) ?? 'null') as WorkspaceMarker | null;
    return parsed && typeof parsed.id === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

export function updateMarker(patch: Partial<WorkspaceMarker> & { id?: string }): void {
  const current = readMarker();
  const next = { ...(current ?? { lastSeen: Date.now(), records: 0, workflows: 0 }), ...patch } as WorkspaceMarker;
  if (!next.id) return;
  try {
    localStorage.setItem(MARKER_KEY, JSON.stringify(next));
  } catch {
    /* storage refused: nothing more to do */
  }
}

export type WorkspaceCheck = { state: 'ok'; seeded: boolean } | { state: 'lost'; marker: WorkspaceMarker };

/**
 * Run once per tab at start-up, before anything is shown: a workspace new to this browser
 * gets the demo data; one whose database was re-created under the app is reported as lost
 * and left empty until the person chooses (restore a backup, start empty, or the demo).
 */
export async function checkWorkspace(): Promise<WorkspaceCheck> {
  const identity = await workspaceIdentity(db);
  const marker = readMarker();
  if (marker && marker.id !== identity.id) return { state: 'lost', marker };
  const seeded = !marker ? await seedDemoIfEmpty(db) : false;
  const [counts, lastBackup] = await Promise.all([workspaceCounts(db), readSetting(db, 'lastBackup')]);
  updateMarker({ id: identity.id, lastSeen: Date.now(), ...counts, lastBackupAt: lastBackup?.at });
  return { state: 'ok', seeded };
}

/** After "your data is gone": the person's choice makes this database the workspace from now on. */
export async function adoptWorkspace(choice: 'empty' | 'demo'): Promise<void> {
  if (choice === 'demo') await seedDemoIfEmpty(db);
  const identity = await workspaceIdentity(db);
  updateMarker({ id: identity.id, lastSeen: Date.now(), ...(await workspaceCounts(db)), lastBackupAt: undefined });
}

/** What the browser says about keeping this site's data. */
export interface PersistenceState {
  /** null: this browser has no Storage API. */
  persisted: boolean | null;
  usage?: number;
  quota?: number;
  askedAt?: number;
}

export async function persistenceState(): Promise<PersistenceState> {
  if (!navigator.storage?.persisted) return { persisted: null };
  const [persisted, estimate] = await Promise.all([
    navigator.storage.persisted(),
    navigator.storage.estimate?.() ?? Promise.resolve(undefined),
  ]);
  return { persisted, usage: estimate?.usage, quota: estimate?.quota, askedAt: readMarker()?.persistAskedAt };
}

let asked = false;

/**
 * Asks the browser to keep this site's storage (no eviction when space runs low). Called
 * when the person first saves something of their own, when the app is installed, and from
 * Settings; Chromium answers without a prompt, from how the site is used.
 */
export async function requestPersistence(force = false): Promise<boolean> {
  if (!navigator.storage?.persist) return false;
  if (await navigator.storage.persisted()) return true;
  if (asked && !force) return false;
  asked = true;
  updateMarker({ persistAskedAt: Date.now() });
  return navigator.storage.persist();
}

/** Ask when the app is installed too. */
export function watchInstall(): () => void {
  const onInstalled = () => void requestPersistence(true);
  window.addEventListener('appinstalled', onInstalled);
  return () => window.removeEventListener('appinstalled', onInstalled);
}
