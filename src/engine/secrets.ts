/**
 * Secrets never stay in what a run keeps: every known secret value — as written, and as it
 * appears URL-encoded or base64-encoded — is replaced by •••• in a step's input, output,
 * error and logs, wherever an endpoint echoed it or a URL carried it.
 */
export const MASK = '••••';
/** Shorter values would mask ordinary words; secrets are longer than this. */
const MIN_SECRET_LENGTH = 4;

export function secretForms(secrets: Record<string, string>): string[] {
  const forms = new Set<string>();
  for (const value of Object.values(secrets)) {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) continue;
    forms.add(value);
    forms.add(encodeURIComponent(value));
    forms.add(new URLSearchParams({ v: value }).toString().slice(2));
    try {
      forms.add(btoa(value));
    } catch {
      /* not Latin-1: no base64 form */
    }
  }
  // Longest first, so a secret containing another is masked whole.
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

export function maskText(text: string, forms: readonly string[]): string {
  let out = text;
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(MASK);
  return out;
}

/** A copy of the value with secrets masked in every string (keys included). */
export function maskSecrets<T>(value: T, forms: readonly string[]): T {
  if (forms.length === 0) return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return maskText(v, forms);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v))
        Object.defineProperty(out, maskText(k, forms), {
          value: walk(x),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return out;
    }
    return v;
  };
  return walk(value) as T;
}
