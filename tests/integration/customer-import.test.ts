import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { guessMapping } from '../../src/core/customers/import/column-mapping';
import { importCustomersCsv } from '../../src/core/customers/import/import-customers-csv';
import { previewCustomerCsv } from '../../src/core/customers/import/preview-csv';
import { createRejectsFile } from '../../src/core/customers/import/rejects-file';
import { csvImportPerTest } from '../helpers/csv-import';

const now = Date.UTC(2026, 10, 24, 15);

// One file with a row for every way a CRM export goes wrong, between rows that must import.
const messyFile = [
  '\uFEFFExternal ID,First Name,Last Name,Mobile,E-mail,City,Interests,Customer since,Lifecycle stage',
  'C-1,Ann,Lee,(305) 555-0100,ann@example.com,Miami,"Waterfront; Luxury",2024-01-05,Lead',
  'C-2,Bob,"Smith, Jr",312-555-0101,,Chicago,schools|garden,,prospect',
  'C-3,Cat,Ng,555-01,,Miami,,,',
  'C-4,,Orr,(212) 555-0102,,New York,,,',
  'C-5,Dan,Park,(213) 555-0103,,Los Angeles,,2024-13-40,',
  'C-6,Eve,Kay,(646) 555-0104,,New York',
  'C-7,Fay,Cole,305.555.0100,,Miami,,,',
  'C-8,Gus,Hale,+44 20 7946 0958,gus@example.co.uk,London,"investment, new build",05/01/2023,customer',
  'C-9,Hal,Ives,+61 2 9374 4000,,Sydney,,,',
  'C-10,Ida,Moss,(702) 555-0105,not-an-email,Las Vegas,,,vip',
  '',
].join('\r\n');

describe('importing customers from a CSV file', () => {
  const t = csvImportPerTest(now);
  const importText = (text: string, pieces = 3, region?: string) => t.importText(text, { pieces, region });
  const customer = (externalId: string) =>
    t.db.$client
      .prepare(`select first_name as firstName, last_name as lastName, phone, email, time_zone as timeZone, region,
          city, lifecycle_stage as lifecycleStage, customer_since as customerSince,
          (select group_concat(tag, ' ') from (select tag from customer_tags where customer_id = c.id order by tag)) as tags
        from customers c where external_id = ?`)
      .get(externalId);
  const count = (table: string) => t.db.$client.prepare(`select count(*) from ${table}`).pluck().get();

  it('guesses the mapping from the header names a CRM export uses', () => {
    expect(
      guessMapping([
        'First Name',
        'Surname',
        'phone_number',
        'E-mail',
        'Tags',
        'Timezone',
        'Neighbourhood',
        'Budget',
        'Lifecycle stage',
        'Consent',
        'External ID',
        'Customer since',
        'Notes',
      ]),
    ).toEqual({
      firstName: 'First Name',
      lastName: 'Surname',
      phone: 'phone_number',
      email: 'E-mail',
      tags: 'Tags',
      timeZone: 'Timezone',
      neighborhood: 'Neighbourhood',
      budget: 'Budget',
      lifecycleStage: 'Lifecycle stage',
      consent: 'Consent',
      externalId: 'External ID',
      customerSince: 'Customer since',
    });
    expect(guessMapping(['Name', 'Mobile'])).toEqual({ fullName: 'Name', phone: 'Mobile' });
  });

  it('imports the good rows, keeps a callable customer without a field it cannot read, and reports each refused row', async () => {
    const result = await importText(messyFile);
    expect(result).toMatchObject({ rowsProcessed: 10, imported: 6, updated: 0, rejected: 4, warned: 2 });
    expect(result.rejects).toEqual([
      { row: 4, column: 'Mobile', reason: 'phone: not a valid number for region US', value: '555-01' },
      { row: 5, column: 'First Name', reason: 'first name: missing', value: '' },
      { row: 7, column: '(row)', reason: 'row: has 6 columns, the header has 9' },
      { row: 8, column: 'Mobile', reason: 'phone: same number as row 2 of this file' },
    ]);
    // A bad date, a malformed email, an unknown stage: the customer can still be called, so they are kept.
    expect(result.warnings).toEqual([
      {
        row: 6,
        column: 'Customer since',
        reason: 'customer since: not a date (use YYYY-MM-DD) (imported without it)',
        value: '2024-13-40',
      },
      {
        row: 11,
        column: 'E-mail',
        reason: 'email: not a valid email address (imported without it)',
        value: 'not-an-email',
      },
      {
        row: 11,
        column: 'Lifecycle stage',
        reason:
          'lifecycle stage: must be one of lead, prospect, customer, past_customer (imported without it)',
        value: 'vip',
      },
    ]);
    expect(customer('C-10')).toMatchObject({ firstName: 'Ida', email: null, lifecycleStage: 'lead' });
    expect(customer('C-5')).toMatchObject({ firstName: 'Dan', customerSince: null });
    expect(count('customers')).toBe(6);
    // The BOM did not stick to the first header: external ids were read.
    expect(customer('C-1')).toEqual({
      firstName: 'Ann',
      lastName: 'Lee',
      phone: '+13055550100',
      email: 'ann@example.com',
      timeZone: 'America/New_York',
      region: 'US-FL',
      city: 'Miami',
      lifecycleStage: 'lead',
      customerSince: Date.UTC(2024, 0, 5),
      tags: 'luxury waterfront',
    });
    // A quoted comma stays inside the last name; the zone comes from the Chicago area code.
    expect(customer('C-2')).toMatchObject({
      lastName: 'Smith, Jr',
      phone: '+13125550101',
      timeZone: 'America/Chicago',
      region: 'US-IL',
      tags: 'garden schools',
      customerSince: null,
    });
    // A UK number settles the zone; slashed dates follow the file's region (US: month first).
    expect(customer('C-8')).toMatchObject({
      phone: '+442079460958',
      timeZone: 'Europe/London',
      region: 'GB',
      tags: 'investment new-build',
      customerSince: Date.UTC(2023, 4, 1),
      lifecycleStage: 'customer',
    });
    // Australia has several zones, so the city decides.
    expect(customer('C-9')).toMatchObject({
      phone: '+61293744000',
      timeZone: 'Australia/Sydney',
      region: 'AU-NSW',
    });
  });

  it('writes the rejects as a CSV: the original columns, then row, column and reason', async () => {
    await importText(messyFile);
    const lines = readFileSync(`${t.dir}rejects.csv`, 'utf8').split('\r\n');
    expect(lines[0]).toBe(
      '\uFEFFExternal ID,First Name,Last Name,Mobile,E-mail,City,Interests,Customer since,Lifecycle stage,row,column,reason',
    );
    expect(lines[1]).toBe('C-3,Cat,Ng,555-01,,Miami,,,,4,Mobile,phone: not a valid number for region US');
    expect(lines[3]).toBe(
      'C-6,Eve,Kay,(646) 555-0104,,New York,,,,7,(row),"row: has 6 columns, the header has 9"',
    );
    expect(lines).toHaveLength(6); // header, four rejects, and the final line break
  });

  it('updates a customer already in the database instead of adding them again', async () => {
    await importText('External ID,First Name,Mobile,City\nC-1,Ann,(305) 555-0100,Miami\n');
    const second = await importText(
      'First Name,Last Name,Mobile,City,Tags\nAnnie,Lee-Ray,305 555 0100,Orlando,garden\nZed,Zo,(407) 555-0107,Orlando,\n',
    );
    expect(second).toMatchObject({ imported: 1, updated: 1, rejected: 0 });
    expect(count('customers')).toBe(2);
    // Matched by phone; the external id it had is kept since this file has none.
    expect(customer('C-1')).toMatchObject({
      firstName: 'Annie',
      lastName: 'Lee-Ray',
      city: 'Orlando',
      tags: 'garden',
    });
    // Matched by external id: the number can change.
    const third = await importText('External ID,First Name,Mobile\nC-1,Ann,(786) 555-0108\n');
    expect(third).toMatchObject({ imported: 0, updated: 1 });
    expect(customer('C-1')).toMatchObject({ firstName: 'Ann', phone: '+17865550108', city: 'Orlando' });
  });

  it('refuses a row whose number belongs to a customer with another external id', async () => {
    await importText('External ID,First Name,Mobile\nC-1,Ann,(305) 555-0100\n');
    const result = await importText('External ID,First Name,Mobile\nC-2,Bob,(305) 555-0100\n');
    expect(result.rejects).toEqual([
      {
        row: 2,
        column: 'Mobile',
        reason: 'phone: +13055550100 already belongs to another customer (external id C-1)',
      },
    ]);
    expect(count('customers')).toBe(1);
  });

  it('gives the same database when the same file is imported twice', async () => {
    await importText(messyFile);
    const snapshot = () =>
      t.db.$client
        .prepare(`select c.*, (select group_concat(tag) from customer_tags t where t.customer_id = c.id) as tags
          from customers c order by id`)
        .all();
    const before = snapshot();
    const again = await importText(messyFile, 5);
    expect(again).toMatchObject({ imported: 0, updated: 6, rejected: 4, warned: 2 });
    expect(snapshot()).toEqual(before);
    expect(count('customer_tags')).toBe(6);
  });

  it('reads numbers without a country code in the region asked for', async () => {
    const result = await importText('Name,Phone\nOla Nordmann,020 7946 0958\nJo Smith,12345\n', 1, 'GB');
    expect(result.rejects).toEqual([
      { row: 3, column: 'Phone', reason: 'phone: not a valid number for region GB', value: '12345' },
    ]);
    expect(
      t.db.$client.prepare('select first_name, last_name, phone, time_zone from customers').get(),
    ).toEqual({
      first_name: 'Ola',
      last_name: 'Nordmann',
      phone: '+442079460958',
      time_zone: 'Europe/London',
    });
  });

  it('writes nothing of a batch that fails, and nothing after the header when the mapping does not fit', async () => {
    await expect(
      importCustomersCsv(t.db, Readable.from(['Given,Phone\nAnn,(305) 555-0100\n']), {
        mapping: { firstName: 'First Name', phone: 'Phone' },
        now,
        rejects: createRejectsFile(`${t.dir}r.csv`),
      }),
    ).rejects.toThrow(
      'The file does not fit the mapping: column “First Name” (for firstName) is not in the file',
    );
    expect(count('customers')).toBe(0);
  });

  it('builds the indexes once at the end of a first load, with the same outcome row for row', async () => {
    const indexes = () =>
      t.db.$client
        .prepare(
          "select name, sql from sqlite_master where type = 'index' and tbl_name like 'customer%' order by name",
        )
        .all();
    const before = indexes();
    const headers = previewCustomerCsv(messyFile).headers;
    const result = await importCustomersCsv(t.db, Readable.from([messyFile]), {
      mapping: guessMapping(headers),
      now,
      rejects: createRejectsFile(`${t.dir}bulk.csv`),
      bulkFirstLoad: true,
    });
    expect(result).toMatchObject({ imported: 6, updated: 0, rejected: 4 });
    expect(result.rejects.map((r) => r.row)).toEqual([4, 5, 7, 8]);
    expect(indexes()).toEqual(before);
  });

  it('puts back indexes a killed first load left out, at the next import', async () => {
    const placeIndex = () =>
      t.db.$client
        .prepare("select count(*) from sqlite_master where name = 'customers_audience_idx'")
        .pluck()
        .get();
    t.db.$client.exec('drop index customers_audience_idx');
    expect(placeIndex()).toBe(0);
    await importText('Name,Phone\nAnn Lee,(305) 555-0100\n');
    expect(placeIndex()).toBe(1);
  });
});
