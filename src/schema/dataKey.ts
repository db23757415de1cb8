/**
 * Sets a key on a plain object as its own data, `__proto__` included: `target[key] = value`
 * would set the object's prototype for that one key (Object.prototype's only accessor), where
 * a record's field, a template's key or a form's field is only data.
 */
export function setDataKey<T>(target: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
