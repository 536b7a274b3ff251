import { describe, expect, it } from 'vitest';
import { appForEachTest } from '../helpers/test-app';

describe('importing a do-not-call list from CSV', () => {
  const t = appForEachTest();
  const listed = () =>
    t.app.context.db.$client.prepare('select phone, source, reason from dnc_numbers order by phone').all();

  it('reads the column named phone, normalises each number, and reports the bad ones by row', async () => {
    await t.call('dnc.add', { phone: '(212) 555-0102' });
    const result = await t.call('dnc.import', {
      csvText:
        '\uFEFFName,Phone Number,Reason\nAnn,(305) 555-0100,asked on call\nBob,555-01,\nCat,212.555.0102,\n,,\nDan,+44 20 7946 0958,\nEd,,\nAnn again,305-555-0100,\n',
    });
    expect(result).toEqual({
      ok: true,
      result: {
        added: 2,
        alreadyListed: 2,
        rejected: 2,
        rejects: [
          { row: 3, column: 'Phone Number', reason: 'phone: not a valid number for region US' },
          { row: 7, column: 'Phone Number', reason: 'phone: missing' },
        ],
      },
    });
    expect(listed()).toEqual([
      { phone: '+12125550102', source: 'manual', reason: null },
      { phone: '+13055550100', source: 'import', reason: 'asked on call' },
      { phone: '+442079460958', source: 'import', reason: null },
    ]);
  });

  it('takes the first column of a file without a header, in the region asked for', async () => {
    const result = await t.call('dnc.import', {
      csvText: '020 7946 0958\n07723 123456,extra\n12\n',
      region: 'gb',
    });
    expect(result).toMatchObject({
      ok: true,
      result: {
        added: 2,
        rejected: 1,
        rejects: [{ row: 3, column: 'column 1', reason: 'phone: not a valid number for region GB' }],
      },
    });
    expect(listed().map((r) => (r as { phone: string }).phone)).toEqual(['+442079460958', '+447723123456']);
  });

  it('is idempotent: the same file again adds nothing', async () => {
    const csvText = 'number\n(305) 555-0100\n(305) 555-0101\n';
    await t.call('dnc.import', { csvText });
    expect(await t.call('dnc.import', { csvText })).toMatchObject({
      ok: true,
      result: { added: 0, alreadyListed: 2, rejected: 0 },
    });
  });

  it('refuses a file with no numbers, and a region that is not a country code', async () => {
    expect(await t.call('dnc.import', { csvText: 'phone\n' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: 'The file has no phone numbers' },
    });
    expect(await t.call('dnc.import', { csvText: '3055550100', region: 'USA' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });
});
