import { t } from '@lingui/core/macro';

/**
 * Secrets in a backup: AES-GCM with a key derived from a passphrase (PBKDF2, SHA-256).
 * GCM's tag makes a wrong passphrase or an altered secret fail to open, never half-open.
 */
export interface SealedBox {
  kdf: 'PBKDF2-SHA256';
  iterations: number;
  salt: string;
  iv: string;
  data: string;
}

const ITERATIONS = 310_000;
const toBase64 = (bytes: Uint8Array) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function keyFrom(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function seal(value: unknown, passphrase: string): Promise<SealedBox> {
  if (passphrase.length < 8) throw new Error(t`Choose a passphrase of at least 8 characters for the secrets.`);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await keyFrom(passphrase, salt, ITERATIONS);
  const data = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(JSON.stringify(value))),
  );
  return { kdf: 'PBKDF2-SHA256', iterations: ITERATIONS, salt: toBase64(salt), iv: toBase64(iv), data: toBase64(data) };
}

/** Throws "wrong passphrase" when the box does not open. */
export async function open<T>(box: SealedBox, passphrase: string): Promise<T> {
  try {
    const key = await keyFrom(passphrase, fromBase64(box.salt), box.iterations);
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(box.iv) as BufferSource },
      key,
      fromBase64(box.data) as BufferSource,
    );
    return JSON.parse(new TextDecoder().decode(plain)) as T;
  } catch {
    throw new Error(t`This passphrase does not open the backup’s secrets.`);
  }
}
