import { describe, expect, it } from 'vitest';
import { toRecordView, type RecordRow } from '../../src/schema/record';

describe('toRecordView', () => {
  const row = (data: Record<string, unknown>): RecordRow => ({
    id: 'r1',
    object: 'company',
    data,
    createdAt: Date.UTC(2026, 0, 2, 3, 4, 5, 6),
    updatedAt: Date.UTC(2026, 0, 2, 3, 4, 5, 7),
  });

  it('is the record’s fields, then its id and times, as a spread of them would be: same keys, order and values', () => {
    const samples: Record<string, unknown>[] = [
      {},
      { name: 'Acme', employees: 5, address: { addressCity: 'Paris' }, tags: ['a'], empty: null },
      // Keys a view sets itself keep the field's place and take the row's value.
      { name: 'Acme', id: 'forged', createdAt: 'then', updatedAt: 'now', 2: 'two', 1: 'one' },
    ];
    for (const data of samples) {
      const r = row(data);
      const spread = {
        ...r.data,
        id: r.id,
        createdAt: new Date(r.createdAt).toISOString(),
        updatedAt: new Date(r.updatedAt).toISOString(),
      };
      const view = toRecordView(r);
      expect(Object.keys(view)).toEqual(Object.keys(spread));
      expect(view).toEqual(spread);
      expect(JSON.stringify(view)).toBe(JSON.stringify(spread));
    }
  });

  it('keeps a "__proto__" field as data: the view’s prototype stays Object’s', () => {
    const data = JSON.parse('{"name":"Acme","__proto__":{"polluted":true}}') as Record<string, unknown>;
    const view = toRecordView(row(data));
    expect(Object.getPrototypeOf(view)).toBe(Object.prototype);
    expect((view as { polluted?: unknown }).polluted).toBeUndefined();
    expect(Object.hasOwn(view, '__proto__')).toBe(true);
    expect(JSON.stringify(view)).toBe(
      JSON.stringify({ ...data, id: 'r1', createdAt: view.createdAt, updatedAt: view.updatedAt }),
    );
  });
});
