/**
 * The `settings` table: one row per key, `{key, value, version}`. Each key's value has its
 * shape here and is checked when read (a row that fails is ignored and reported, never
 * cast); `version` is the shape it was written in, lifted by the key's migrations.
 * The shapes are flat, so a few checks written here do it: the engine's hosts, which read
 * settings too, load no validator library.
 */
export interface SettingRow {
  key: string;
  value: unknown;
  version?: number;
}

/** A check of one value: its problems (empty when it fits), and its type for TypeScript. */
interface Shape<T> {
  problems(value: unknown, path: string): string[];
  readonly _type?: T;
}
type Infer<S> = S extends Shape<infer T> ? T : never;

const primitive = <T>(kind: 'string' | 'number' | 'boolean'): Shape<T> => ({
  problems: (v, path) =>
    typeof v === kind && (kind !== 'number' || Number.isFinite(v)) ? [] : [`${path} should be a ${kind}`],
});
const str = primitive<string>('string');
const num = primitive<number>('number');
const bool = primitive<boolean>('boolean');
const isPlain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const recordOf = <T>(item: Shape<T>): Shape<Record<string, T>> => ({
  problems: (v, path) =>
    isPlain(v)
      ? Object.entries(v).flatMap(([k, x]) => item.problems(x, `${path}.${k}`))
      : [`${path} should be an object`],
});
const object = <S extends Record<string, Shape<unknown>>>(shape: S): Shape<{ [K in keyof S]: Infer<S[K]> }> => ({
  problems: (v, path) =>
    isPlain(v)
      ? Object.entries(shape).flatMap(([k, s]) => s.problems(v[k], `${path}.${k}`))
      : [`${path} should be an object`],
});

const EmailSettings = object({
  url: str,
  headers: recordOf(str),
  /** JSON sent to the endpoint; `{{email.to}}`, `{{email.subject}}`… are filled in. */
  bodyTemplate: str,
  from: str,
});
const AiSettings = object({ baseUrl: str, model: str, apiKey: str });
const LastBackup = object({ at: num, records: num, workflows: num, includesSecrets: bool, includesRuns: bool });

interface SettingDefinition<S extends Shape<unknown>> {
  schema: S;
  /** The version written now; `migrations[v]` lifts a value written in version v to v + 1. */
  version: number;
  migrations: Record<number, (value: unknown) => unknown>;
  /**
   * What a workspace backup may keep in the clear: secret parts removed (undefined: none of
   * it). The whole value goes in the backup's encrypted part only when secrets are included.
   */
  redact: (value: Infer<S>) => Infer<S> | undefined;
}

const setting = <S extends Shape<unknown>>(
  schema: S,
  redact: SettingDefinition<S>['redact'] = (v) => v,
): SettingDefinition<S> => ({ schema, version: 1, migrations: {}, redact });

export const SETTINGS = {
  /** Where mail goes. Headers may hold an API key. */
  email: setting(EmailSettings, (v) => ({ ...v, headers: {} })),
  /** An OpenAI-compatible chat-completions endpoint. */
  ai: setting(AiSettings, (v) => ({ ...v, apiKey: '' })),
  /** Named secrets for `{{secrets.NAME}}`. */
  secrets: setting(recordOf(str), () => undefined),
  /** Whether the person opted in to system notifications. */
  notifications: setting(bool),
  /** How many runs of each workflow the history keeps. */
  runRetention: setting(num),
  /**
   * The UI's language, as a tab last chose it: the engine's hosts (worker, service worker) write
   * run failures and notifications in it. Tabs keep their own copy in localStorage.
   */
  locale: setting(str),
  /** When this workspace was last backed up, and what the backup held. */
  lastBackup: setting(LastBackup),
} satisfies Record<string, SettingDefinition<Shape<unknown>>>;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = Infer<(typeof SETTINGS)[K]['schema']>;
export type EmailSettings = SettingValue<'email'>;
export type AiSettings = SettingValue<'ai'>;
export type LastBackup = SettingValue<'lastBackup'>;

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTINGS, key);
}

/** A stored row's value, lifted to the current version and checked; why not, if it is unusable. */
export function readSettingRow<K extends SettingKey>(
  key: K,
  row: SettingRow,
): { value: SettingValue<K> } | { problem: string } {
  const def = SETTINGS[key] as SettingDefinition<Shape<unknown>>;
  let value = row.value;
  let version = row.version ?? 1;
  if (version > def.version)
    return { problem: `setting "${key}" was written by a newer Localflow (version ${version})` };
  for (; version < def.version; version++) {
    const up = def.migrations[version];
    if (!up) return { problem: `setting "${key}" has no migration from version ${version}` };
    value = up(value);
  }
  const problems = def.schema.problems(value, key);
  if (problems.length) return { problem: `setting "${key}" is not valid: ${problems.join('; ')}` };
  return { value: value as SettingValue<K> };
}

export function settingRow<K extends SettingKey>(key: K, value: SettingValue<K>): SettingRow {
  return { key, value, version: SETTINGS[key].version };
}
