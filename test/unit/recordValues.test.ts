import { describe, expect, it } from 'vitest';
import { RecordRepository } from '../../src/db/records';
import { freshDb } from './helpers';

describe('record values are checked against their field type on every write', () => {
  it('refuses wrong-typed parts and relations to records that do not exist, naming the field', async () => {
    const db = freshDb();
    const records = new RecordRepository(db);
    const refused = (object: string, data: Record<string, unknown>) =>
      records.create(object, data).then(
        () => 'stored',
        (e: Error) => e.message,
      );
    expect(await refused('person', { name: { firstName: { evil: true }, lastName: 'X' } })).toBe(
      'field "Name" expects firstName to be text, got {"evil":true}',
    );
    expect(await refused('person', { name: { firstName: 'A', nickname: 'B' } })).toContain(
      'field "Name" expects only the parts firstName, lastName',
    );
    expect(
      await refused('company', { annualRecurringRevenue: { amountMicros: 'abc', currencyCode: 'USD' } }),
    ).toContain('expects amountMicros to be a number');
    expect(await refused('company', { annualRecurringRevenue: { amountMicros: 1, currencyCode: 'ZZZZ' } })).toContain(
      'expects currencyCode to be a currency code',
    );
    expect(await refused('person', { emails: { primaryEmail: 'a@b.c', additionalEmails: 'not a list' } })).toContain(
      'a list of texts',
    );
    expect(await refused('person', { company: 'company-404' })).toBe(
      'field "Company" points to no company with id "company-404"',
    );
    expect(await refused('task', { title: 'T', targets: [{ object: 'person', id: 'person-404' }] })).toContain(
      'points to no person with id "person-404"',
    );
    expect(await refused('person', { company: 'person-1' })).toContain('points to no company');
    // Good values still go in, normalised.
    const ok = await records.create('person', {
      name: 'Ada Lovelace',
      company: 'company-1',
      emails: { primaryEmail: 'ada@x.y' },
    });
    expect(ok).toMatchObject({ company: 'company-1', emails: { primaryEmail: 'ada@x.y', additionalEmails: [] } });
    expect(await refused('company', { annualRecurringRevenue: { amountMicros: '5', currencyCode: 'eur' } })).toBe(
      'stored',
    );
  });
});
