import { describe, expect, it } from 'vitest';
import type { EventBatch } from '../../src/shared/contract';
import { appForEachTest } from '../helpers/test-app';

const file = [
  'id,Name,phone_number,Interests,Notes',
  '1,Ann Lee,(305) 555-0100,"waterfront, luxury","likes ""sea"" views,',
  'and sunsets"',
  '2,Bob Ray,not a phone,,',
  '3,Cy Dee,(312) 555-0101,schools,',
  '',
].join('\n');

describe('uploading a customer CSV from the app in pieces', () => {
  const t = appForEachTest();

  const ok = <T>(response: { ok: true; result: T } | { ok: false; error: { message: string } }): T => {
    if (!response.ok) throw new Error(response.error.message);
    return response.result;
  };

  it('previews the header and first rows with a guessed mapping', async () => {
    const preview = ok(await t.call('customers.import.preview', { sampleText: file }));
    expect(preview.headers).toEqual(['id', 'Name', 'phone_number', 'Interests', 'Notes']);
    expect(preview.guessedMapping).toEqual({
      externalId: 'id',
      fullName: 'Name',
      phone: 'phone_number',
      tags: 'Interests',
    });
    expect(preview.previewRows[0]).toEqual([
      '1',
      'Ann Lee',
      '(305) 555-0100',
      'waterfront, luxury',
      'likes "sea" views,\nand sunsets',
    ]);
  });

  it('imports pieces cut anywhere — even inside a quoted field — and reports progress and rejects', async () => {
    const batches: EventBatch[] = [];
    t.app.context.bus.subscribe((batch) => batches.push(batch));
    const { guessedMapping } = ok(await t.call('customers.import.preview', { sampleText: file }));
    const { importId } = ok(
      await t.call('customers.import.begin', { fileName: 'people.csv', mapping: guessedMapping }),
    );
    for (let at = 0; at < file.length; at += 17) {
      ok(await t.call('customers.import.chunk', { importId, text: file.slice(at, at + 17) }));
    }
    const result = ok(await t.call('customers.import.finish', { importId }));
    // Three customers; Bob's row number is his line in the file, after Ann's two-line note.
    expect(result).toMatchObject({ importId, rowsProcessed: 3, imported: 2, updated: 0, rejected: 1 });
    expect(result.rejects).toEqual([
      {
        row: 4,
        column: 'phone_number',
        reason: 'phone: not a valid number for region US',
        value: 'not a phone',
      },
    ]);
    t.app.context.bus.flush();
    const progress = batches.flat().filter((e) => e.name === 'customer.importProgress');
    expect(progress.at(-1)?.payload).toEqual({
      importId,
      rowsProcessed: 3,
      imported: 2,
      updated: 0,
      rejected: 1,
      warned: 0,
    });

    let csv = '';
    for (let offset: number | null = 0; offset !== null; ) {
      const piece: { text: string; nextOffset: number | null } = ok(
        await t.call('customers.import.rejectsCsv', { importId, offset }),
      );
      csv += piece.text;
      offset = piece.nextOffset;
    }
    expect(csv).toBe(
      '\uFEFFid,Name,phone_number,Interests,Notes,row,column,reason\r\n2,Bob Ray,not a phone,,,4,phone_number,phone: not a valid number for region US\r\n',
    );
    expect(csv.length).toBe(result.rejectsCsvBytes - 2); // the BOM is 3 bytes, one character
    const ann = t.app.context.db.$client
      .prepare("select first_name, last_name, external_id from customers where phone = '+13055550100'")
      .get();
    expect(ann).toEqual({ first_name: 'Ann', last_name: 'Lee', external_id: '1' });
  });

  it('says so on the first piece when the file does not have the mapped columns', async () => {
    const { importId } = ok(
      await t.call('customers.import.begin', {
        fileName: 'x.csv',
        mapping: { fullName: 'Name', phone: 'Mobile' },
      }),
    );
    const first = await t.call('customers.import.chunk', {
      importId,
      text: 'Name,Phone\nAnn,(305) 555-0100\n',
    });
    expect(first).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'The file does not fit the mapping: column “Mobile” (for phone) is not in the file',
      },
    });
    expect(await t.call('customers.import.finish', { importId })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });

  it('refuses a mapping without a phone column, and forgets a cancelled import', async () => {
    expect(
      await t.call('customers.import.begin', { fileName: 'x.csv', mapping: { firstName: 'First' } }),
    ).toMatchObject({
      ok: false,
      error: { message: 'Cannot import x.csv: choose the column that holds the phone number' },
    });
    const { importId } = ok(
      await t.call('customers.import.begin', {
        fileName: 'x.csv',
        mapping: { firstName: 'First', phone: 'Phone' },
      }),
    );
    ok(await t.call('customers.import.chunk', { importId, text: 'First,Phone\n' }));
    expect(ok(await t.call('customers.import.cancel', { importId }))).toEqual({ cancelled: true });
    expect(await t.call('customers.import.chunk', { importId, text: 'Ann,(305) 555-0100\n' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(t.app.context.db.$client.prepare('select count(*) from customers').pluck().get()).toBe(0);
  });
});
