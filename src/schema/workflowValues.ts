import type { ErrorHandlingOptions, FormField } from './workflow';

/**
 * Reading a step's settings without the validator (zod stays out of the engine's worker and
 * the service worker).
 */

/** Whether a step retries when it fails. */
export const retries = (options: ErrorHandlingOptions): boolean =>
  options.retryOnFailure.value === true ||
  (typeof options.retryOnFailure.value === 'number' && options.retryOnFailure.value > 0);

/**
 * A form field's choices, whether it must be answered, (RECORD) the object it picks from, and
 * the value it starts with. Forms waiting in the Inbox since before format 2 carry these on the
 * field itself (`options`, `required`, `objectName`, `defaultValue`), so those are read too.
 */
type LegacyField = { options?: string[]; required?: boolean; objectName?: string; defaultValue?: unknown };
export const formFieldOptions = (f: FormField): string[] => f.settings?.options ?? (f as LegacyField).options ?? [];
export const formFieldRequired = (f: FormField): boolean =>
  (f.settings?.required ?? (f as LegacyField).required) === true;
export const formFieldObject = (f: FormField): string | undefined =>
  f.settings?.objectName ?? (f as LegacyField).objectName;
export const formFieldValue = (f: FormField): unknown => f.value ?? (f as LegacyField).defaultValue;
