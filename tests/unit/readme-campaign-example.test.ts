import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { campaignInputSchema } from '../../src/shared/contract/campaigns';

/** The README's example campaign is one `campaign create` accepts, with every field the editor has. */
describe('the README’s example campaign', () => {
  it('is a complete, valid campaign file', () => {
    const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
    const json = /A complete `my-campaign\.json`[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(json, 'the example is in the README').toBeDefined();
    const example = JSON.parse(json!);
    const parsed = campaignInputSchema.strict().safeParse(example);
    expect(parsed.error?.issues ?? []).toEqual([]);
    // Complete: every field of the editor is written out, none left to a default the reader cannot see.
    expect(Object.keys(example).sort()).toEqual(Object.keys(campaignInputSchema.shape).sort());
    expect(Object.keys(example.costs).sort()).toEqual([
      'aiPerMinute',
      'fixed',
      'perCall',
      'telephonyPerMinute',
    ]);
  });
});
