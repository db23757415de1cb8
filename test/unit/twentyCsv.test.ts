import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildRecords, guessMapping, parseCsv, type RelationIndex } from '../../src/db/csvRecords';
import { recordsOf, setup } from './helpers';

/** Companies by id and name, as the import dialog's index has them (people point to companies). */
async function companyIndex(env: ReturnType<typeof setup>): Promise<RelationIndex> {
  const companies = await recordsOf(env.db, 'company');
  return {
    titles: new Map(companies.map((c) => [c.id, String(c.data.name)])),
    objects: new Map((await env.db.objects.toArray()).map((o) => [o.name, o])),
    byTitle: new Map([['company', new Map(companies.map((c) => [String(c.data.name).toLowerCase(), [c.id]]))]]),
    ids: new Map([['company', new Set(companies.map((c) => c.id))]]),
  };
}

/** CSV files as Twenty exports them (a BOM, "Field / Sub Field" columns, "Company Id", JSON lists). */
const csv = (name: string) => readFileSync(new URL(`../fixtures/twenty/${name}`, import.meta.url), 'utf8');

describe('CSV exported from Twenty', () => {
  it('maps its columns without editing, keeps its ids, and links people to their companies', async () => {
    const env = setup();
    const objects = new Map((await env.db.objects.toArray()).map((o) => [o.name, o]));
    const importFile = async (object: string, name: string) => {
      const meta = objects.get(object)!;
      const parsed = parseCsv(csv(name));
      const mapping = guessMapping(parsed.headers, meta);
      const built = buildRecords(meta, parsed, mapping, await companyIndex(env));
      expect(built.problems).toEqual([]);
      await env.records.createMany(object, built.records);
      return Object.fromEntries(parsed.headers.map((h, i) => [h, mapping[i]]));
    };

    const companyMapping = await importFile('company', 'companies.csv');
    expect(companyMapping).toMatchObject({
      Id: { field: 'id' },
      'Domain / Link URL': { field: 'domainName', part: 'primaryLinkUrl' },
      'Address / Address 1': { field: 'address', part: 'addressStreet1' },
      'Address / Post Code': { field: 'address', part: 'addressPostcode' },
      'ARR / Amount': { field: 'annualRecurringRevenue', part: 'amount' },
      ICP: { field: 'idealCustomerProfile' },
      'Address / Latitude': null,
      Position: null,
      'Created by / Source': null,
    });
    const peopleMapping = await importFile('person', 'people.csv');
    expect(peopleMapping).toMatchObject({
      'Name / First Name': { field: 'name', part: 'firstName' },
      'Emails / Additional Emails': { field: 'emails', part: 'additionalEmails' },
      'Phones / Primary Phone Country Code': { field: 'phones', part: 'primaryPhoneCountryCode' },
      'Linkedin / Link URL': { field: 'linkedinLink', part: 'primaryLinkUrl' },
      'Job Title': { field: 'jobTitle' },
      'Company Id': { field: 'company', part: 'id' },
      'X / Link URL': null,
    });

    const nimbus = (await recordsOf(env.db, 'company')).find((c) => c.data.name === 'Nimbus Labs')!;
    expect(nimbus.id).toBe('5b6e4f0a-1c2d-4e3f-8a9b-0c1d2e3f4a51');
    expect(nimbus.data).toMatchObject({
      employees: 120,
      idealCustomerProfile: true,
      annualRecurringRevenue: { amountMicros: 1_500_000_000_000, currencyCode: 'EUR' },
      address: { addressStreet1: '12 Rue de la Paix', addressCity: 'Paris', addressPostcode: '75002' },
    });
    const odile = (await recordsOf(env.db, 'person')).find((p) => p.id === '7c8d9e0f-2a3b-4c5d-8e9f-0a1b2c3d4e61')!;
    expect(odile.data).toMatchObject({
      name: { firstName: 'Odile', lastName: 'Marchand' },
      emails: { primaryEmail: 'odile@nimbus.example', additionalEmails: ['o.marchand@nimbus.example'] },
      phones: { primaryPhoneNumber: '+33612345678', primaryPhoneCountryCode: 'FR', additionalPhones: ['+33698765432'] },
      company: nimbus.id,
      jobTitle: 'CTO',
    });
    const noemie = (await recordsOf(env.db, 'person')).find((p) => p.id === '7c8d9e0f-2a3b-4c5d-8e9f-0a1b2c3d4e63')!;
    expect(noemie.data.company ?? null).toBeNull(); // no company in Twenty: none here
  });

  it('importing the same Twenty file twice refuses the rows whose ids already exist, with the reason', async () => {
    const env = setup();
    const meta = (await env.db.objects.get('company'))!;
    const parsed = parseCsv(csv('companies.csv'));
    const built = buildRecords(meta, parsed, guessMapping(parsed.headers, meta), await companyIndex(env));
    await env.records.createMany('company', built.records);
    await expect(env.records.createMany('company', built.records)).rejects.toThrow(
      'a record with id "5b6e4f0a-1c2d-4e3f-8a9b-0c1d2e3f4a51" already exists',
    );
  });
});
