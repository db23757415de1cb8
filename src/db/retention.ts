import { t } from '@lingui/core/macro';
import { readSetting, writeSetting, type SettingsSink, type SettingsSource } from './settings';

/** Settings key: how many runs of each workflow the history keeps. */
export const RUN_RETENTION_KEY = 'runRetention';
export const DEFAULT_RUN_RETENTION = 1000;
export const MIN_RUN_RETENTION = 10;

/** How many runs of each workflow to keep (the newest; running and waiting ones always stay). */
export async function runRetention(db: SettingsSource): Promise<number> {
  const value = await readSetting(db, RUN_RETENTION_KEY);
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_RUN_RETENTION
    ? value
    : DEFAULT_RUN_RETENTION;
}

export async function setRunRetention(db: SettingsSink, keep: number): Promise<void> {
  if (!Number.isInteger(keep) || keep < MIN_RUN_RETENTION)
    throw new Error(t`Keep at least ${MIN_RUN_RETENTION} runs of each workflow.`);
  await writeSetting(db, RUN_RETENTION_KEY, keep);
}
