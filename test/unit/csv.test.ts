import { describe, expect, it } from 'vitest';
import {
  buildRecords,
  csvColumns,
  guessMapping,
  parseCsv,
  problemsToCsv,
  recordsToCsv,
  type RelationIndex,
} from '../../src/db/csvRecords';
import { STANDARD_OBJECTS } from '../../src/db/standardObjects';
import type { RecordRow } from '../../src/schema/record';

const person = STANDARD_OBJECTS.find((o) => o.name === 'person')!;
const objects = new Map(STANDARD_OBJECTS.map((o) => [o.name, o]));
const index: RelationIndex = {
  titles: new Map([
    ['company-1', 'Airbnb'],
    ['company-2', 'Qonto'],
  ]),
  objects,
  byTitle: new Map([
    [
      'company',
      new Map([
        ['airbnb', ['company-1']],
        ['qonto', ['company-2']],
        ['twin', ['company-3', 'company-4']],
      ]),
    ],
  ]),
  ids: new Map([['company', new Set(['company-1', 'company-2', 'company-3', 'company-4'])]]),
};

const ada: RecordRow = {
  id: 'p1',
  object: 'person',
  createdAt: 1,
  updatedAt: 1,
  data: {
    name: { firstName: 'Ada', lastName: 'Lovelace, Countess' },
    emails: { primaryEmail: 'ada@example.com', additionalEmails: ['a@b.c', 'd@e.f'] },
    phones: { primaryPhoneNumber: '612345678', primaryPhoneCountryCode: '+33', additionalPhones: [] },
    jobTitle: 'Analyst "first"',
    city: 'London',
    company: 'company-2',
    linkedinLink: {
      primaryLinkUrl: 'https://x.y',
      primaryLinkLabel: '',
      secondaryLinks: [{ url: 'https://z', label: 'Z' }],
    },
  },
};

describe('CSV', () => {
  it('exports composite fields as sub-columns and relations by title and id; imports it back to the same values', () => {
    const headers = csvColumns(person).map((c) => c.header);
    expect(headers).toContain('Name / First name');
    expect(headers).toContain('Company');
    expect(headers).toContain('Company / Id');
    const text = recordsToCsv(person, [ada], index);
    expect(text.split('\r\n')[1]).toContain('"Lovelace, Countess"');
    expect(text).toContain('Qonto');
    const parsed = parseCsv(text);
    const built = buildRecords(person, parsed, guessMapping(parsed.headers, person), index);
    expect(built.problems).toEqual([]);
    expect(built.records[0]).toEqual(ada.data);
  });

  it('guesses columns from common headers; relations match by title (case-insensitive) or id', () => {
    const parsed = parseCsv(
      'First name,Last name,Email,Company,Job title,Unrelated\nGrace,Hopper,grace@navy.mil,airbnb,Engineer,x\n',
    );
    const mapping = guessMapping(parsed.headers, person);
    expect(mapping).toEqual([
      { field: 'name', part: 'firstName' },
      { field: 'name', part: 'lastName' },
      { field: 'emails', part: 'primaryEmail' },
      { field: 'company', part: 'title' },
      { field: 'jobTitle', part: undefined },
      null,
    ]);
    const built = buildRecords(person, parsed, mapping, index);
    expect(built.records[0]).toMatchObject({
      name: { firstName: 'Grace', lastName: 'Hopper' },
      company: 'company-1',
      jobTitle: 'Engineer',
    });
  });

  it('gives each bad row its reason, and the failed rows download with it', () => {
    const parsed = parseCsv(
      'Name / First name,Company,Emails / Primary email\nA,Qonto,a@x\nB,Nowhere,b@x\nC,Twin,c@x\n',
    );
    const built = buildRecords(person, parsed, guessMapping(parsed.headers, person), index);
    expect(built.records).toHaveLength(1);
    expect(built.rowNumbers).toEqual([2]);
    expect(built.problems.map((p) => [p.row, p.message])).toEqual([
      [3, 'Company: no company is called "Nowhere" or has that id'],
      [4, 'Company: 2 company records are called "Twin"; use the id column to say which'],
    ]);
    const failed = parseCsv(problemsToCsv(parsed.headers, built.problems));
    expect(failed.headers).toEqual(['Row', ...parsed.headers, 'Error']);
    expect(failed.rows[0]).toEqual([
      '3',
      'B',
      'Nowhere',
      'b@x',
      'Company: no company is called "Nowhere" or has that id',
    ]);
  });

  it('a value the field refuses names the field', () => {
    const opportunity = objects.get('opportunity')!;
    const parsed = parseCsv('Name,Stage,Amount / Amount\nDeal,Negotiating,10\nDeal 2,Customer,ten\n');
    const built = buildRecords(opportunity, parsed, guessMapping(parsed.headers, opportunity), index);
    expect(built.problems[0].message).toContain('field "Stage" expects one of');
    expect(built.problems[1].message).toContain('"Amount / Amount" expects a number');
  });
});
