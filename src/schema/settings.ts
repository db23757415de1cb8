import * as z from 'zod/mini';

/**
 * The `settings` table: one row per key, `{key, value, version}`. Each key's value has its
 * schema here and is checked when read (a row that fails is ignored and reported, never
 * cast); `version` is the shape it was written in, lifted by the key's migrations.
 * zod/mini keeps the engine's hosts, which read settings too, small.
 */
export interface SettingRow { key: string; value: unknown; version?: number }

const EmailSettings = z.object({
  url: z.string(),
  headers: z.record(z.string(), z.string()),
  /** JSON sent to the endpoint; `{{email.to}}`, `{{email.subject}}`… are filled in. */
  bodyTemplate: z.string(),
  from: z.string(),
});
const AiSettings = z.object({ baseUrl: z.string(), model: z.string(), apiKey: z.string() });
const LastBackup = z.object({ at: z.number(), records: z.number(), workflows: z.number(), includesSecrets: z.boolean(), includesRuns: z.boolean() });

interface SettingDefinition<S extends z.ZodMiniType> {
  schema: S;
  /** The version written now; `migrations[v]` lifts a value written in version v to v + 1. */
  version: number;
  migrations: Record<number, (value: unknown) => unknown>;
  /**
   * What a workspace backup may keep in the clear: secret parts removed (undefined: none of
   * it). The whole value goes in the backup's encrypted part only when secrets are included.
   */
  redact: (value: z.infer<S>) => z.infer<S> | undefined;
}

const setting = <S extends z.ZodMiniType>(schema: S, redact: SettingDefinition<S>['redact'] = (v) => v): SettingDefinition<S> =>
  ({ schema, version: 1, migrations: {}, redact });

export const SETTINGS = {
  /** Where mail goes. Headers may hold an API key. */
  email: setting(EmailSettings, (v) => ({ ...v, headers: {} })),
  /** An OpenAI-compatible chat-completions endpoint. */
  ai: setting(AiSettings, (v) => ({ ...v, apiKey: '' })),
  /** Named secrets for `{{secrets.NAME}}`. */
  secrets: setting(z.record(z.string(), z.string()), () => undefined),
  /** Whether the person opted in to system notifications. */
  notifications: setting(z.boolean()),
  /** How many runs of each workflow the history keeps. */
  runRetention: setting(z.number()),
  /** When this workspace was last backed up, and what the backup held. */
  lastBackup: setting(LastBackup),
} satisfies Record<string, SettingDefinition<z.ZodMiniType>>;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;
export type EmailSettings = SettingValue<'email'>;
export type AiSettings = SettingValue<'ai'>;
export type LastBackup = SettingValue<'lastBackup'>;

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}

/** A stored row's value, lifted to the current version and checked; why not, if it is unusable. */
export function readSettingRow<K extends SettingKey>(key: K, row: SettingRow): { value: SettingValue<K> } | { problem: string } {
  const def = SETTINGS[key] as SettingDefinition<z.ZodMiniType>;
  let value = row.value;
  let version = row.version ?? 1;
  if (version > def.version) return { problem: `setting "${key}" was written by a newer Localflow (version ${version})` };
  for (; version < def.version; version++) {
    const up = def.migrations[version];
    if (!up) return { problem: `setting "${key}" has no migration from version ${version}` };
    value = up(value);
  }
  const parsed = z.safeParse(def.schema, value);
  if (!parsed.success) return { problem: `setting "${key}" is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; ')}` };
  return { value: parsed.data as SettingValue<K> };
}

export function settingRow<K extends SettingKey>(key: K, value: SettingValue<K>): SettingRow {
  return { key, value, version: SETTINGS[key].version };
}
