import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { countAudience } from '../../src/core/audience/count-audience';
import { buildCustomerVariables } from '../../src/core/campaigns/customer-variables';
import { campaignTemplates } from '../../src/core/campaigns/templates';
import { guessMapping } from '../../src/core/customers/import/column-mapping';
import type { CsvImportOptions } from '../../src/core/customers/import/import-customers-csv';
import { previewCustomerCsv } from '../../src/core/customers/import/preview-csv';
import { csvImportPerTest } from '../helpers/csv-import';

const now = Date.UTC(2026, 10, 24, 15);

/** A spreadsheet as real offices keep them: a yes/no consent column under a header of its own wording. */
const spreadsheet = [
  'Name,Mobile,Email,Consent to call,Lease end,Viewing date',
  'Ana Diaz,(305) 555-0110,ana@example.com,yes,2027-01-10,',
  'Ben Ortiz,(305) 555-0111,josé@exämple.com,Y,,2026-11-25 14:30',
  'Cy Wu,(305) 555-0112,cy@example,TRUE,,',
  'Dee Lam,(305) 555-0113,,1,2026-12-20,',
  'Eve Ng,(305) 555-0114,,opted in,,',
  'Fay Ko,(305) 555-0115,,no,,',
  'Gil Ha,(305) 555-0116,,N,,',
  'Hal Po,(305) 555-0117,,false,,',
  'Ida Yu,(305) 555-0118,,0,,',
  'Jo Li,(305) 555-0119,,,,',
  'Kai Su,(305) 555-0120,,Opted Out,,',
].join('\n');

describe('importing a spreadsheet as offices keep them', () => {
  const t = csvImportPerTest(now);
  const importText = (text: string, options: Partial<CsvImportOptions> = {}) => t.importText(text, options);
  const consentOf = () =>
    Object.fromEntries(
      t.db.$client
        .prepare('select first_name as name, consent from customers')
        .all()
        .map((r) => {
          const { name, consent } = r as { name: string; consent: string };
          return [name, consent];
        }),
    );

  it('recognises "Consent to call", reads yes/no, Y/N, true/false, 1/0, opted in/out and blanks, yes as verbal', async () => {
    const mapping = guessMapping(previewCustomerCsv(spreadsheet).headers);
    expect(mapping).toMatchObject({
      consent: 'Consent to call',
      contractEndsAt: 'Lease end',
      bookingAt: 'Viewing date',
    });
    const result = await importText(spreadsheet);
    expect(result).toMatchObject({ imported: 11, rejected: 0 });
    expect(consentOf()).toEqual({
      Ana: 'verbal',
      Ben: 'verbal',
      Cy: 'verbal',
      Dee: 'verbal',
      Eve: 'verbal',
      Fay: 'none',
      Gil: 'none',
      Hal: 'none',
      Ida: 'none',
      Jo: 'none',
      Kai: 'none',
    });
  });

  it('records a yes as written consent when the supervisor says the column records written consent', async () => {
    await importText(spreadsheet, { consentYes: 'written' });
    expect(consentOf()).toMatchObject({ Ana: 'written', Eve: 'written', Fay: 'none', Jo: 'none' });
  });

  it('keeps a customer whose email cannot be used, without the email, and says so with the value', async () => {
    const result = await importText(spreadsheet);
    expect(result.warned).toBe(2);
    expect(result.warnings).toEqual([
      {
        row: 3,
        column: 'Email',
        reason: 'email: not a valid email address (imported without it)',
        value: 'josé@exämple.com',
      },
      {
        row: 4,
        column: 'Email',
        reason: 'email: not a valid email address (imported without it)',
        value: 'cy@example',
      },
    ]);
    expect(
      t.db.$client.prepare("select email from customers where first_name = 'Ben'").pluck().get(),
    ).toBeNull();
  });

  it('gives imported tenants their lease end and viewings, so the Renewal and Reminder templates reach them', async () => {
    await importText(spreadsheet);
    const template = (id: string) => campaignTemplates.find((t) => t.id === id)!.campaign.criteria;
    // Ana's lease ends in 47 days, Dee's in 26: both within the Renewal template's 60.
    const renewal = countAudience(t.db, template('renewal'), { now, frequencyCapDays: 7 });
    expect(renewal.matched).toBe(2);
    // Ben's viewing is tomorrow, within the Reminder template's two days.
    expect(countAudience(t.db, template('booking-reminder'), { now, frequencyCapDays: 7 }).matched).toBe(1);
    // Dates are the customer's own: Ana (Miami) reads her lease end on the day the file says.
    const ana = t.db.$client
      .prepare("select id from customers where first_name = 'Ana'")
      .pluck()
      .get() as number;
    const ben = t.db.$client
      .prepare("select id from customers where first_name = 'Ben'")
      .pluck()
      .get() as number;
    const context = { now, agentName: 'Ava', companyName: 'Harbor Homes' };
    expect(buildCustomerVariables(t.db, ana, context)['contract.end_date']).toBe('10 January 2027');
    expect(buildCustomerVariables(t.db, ben, context)).toMatchObject({
      'booking.date': 'Wednesday 25 November',
      'booking.time': '2:30 PM',
    });
  });

  it('stops before writing anything when one column makes most rows fail, naming it and what it should hold', async () => {
    const garbled = [
      'Name,Mobile,Consent to call',
      'Ana Diaz,(305) 555-0110,maybe',
      'Ben Ortiz,(305) 555-0111,pending',
      'Cy Wu,(305) 555-0112,ask again',
      'Dee Lam,(305) 555-0113,yes',
    ].join('\n');
    await expect(importText(garbled)).rejects.toThrow(
      'Nothing was imported: the column “Consent to call” could not be read as consent in 3 of the first 4 rows ' +
        '(it holds values like “maybe”, “pending”, “ask again”). It should hold yes/no, Y/N, true/false, 1/0, ' +
        'opted in/out (or blank), or none/verbal/written. Fix the file, or map consent to another column (or to none).',
    );
    // A phone column that holds something else.
    const wrongColumn =
      'Name,Phone,City\nAna Diaz,A-1001,Miami\nBen Ortiz,A-1002,Miami\nCy Wu,A-1003,Miami\n';
    await expect(importText(wrongColumn)).rejects.toThrow(
      /the column “Phone” could not be read as phone in 3 of the first 3 rows \(it holds values like “A-1001”, “A-1002”, “A-1003”\)\. It should hold phone numbers/,
    );
    expect(t.db.$client.prepare('select count(*) from customers').pluck().get()).toBe(0);
    expect(existsSync(`${t.dir}rejects.csv`)).toBe(false);
  });
});
