import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../../src/core/campaigns/campaign-store';
import { openDatabase } from '../../src/core/db/open';
import { cliSandbox, navaiaBin } from '../helpers/cli-sandbox';
import { insertCustomers, manyCustomers, nyMorning } from '../helpers/engine-harness';

const { dir } = cliSandbox('cli-report');
const db = join(dir, 'report.db');
/** Times print in this computer's zone: the test fixes it, so the expected text does not depend on the machine. */
const env = { ...process.env, TZ: 'America/Los_Angeles' };
const navaia = (...args: string[]) =>
  spawnSync(process.execPath, [navaiaBin, ...args, '--db', db], {
    encoding: 'utf8',
    env,
    maxBuffer: 64 << 20,
  });

describe('the campaign commands, for people', () => {
  beforeAll(() => {
    const d = openDatabase(db);
    const ids = insertCustomers(d, manyCustomers(3000), nyMorning);
    const script = {
      firstMessage: 'Hi {{customer.first_name}}, {{company_name}} here. Say stop to opt out.',
    };
    const big = createCampaign(d, { name: 'Big', objective: 'custom', script }, nyMorning).id;
    createCampaign(d, { name: 'Small', objective: 'custom', script }, nyMorning);
    const insert =
      d.$client.prepare(`insert into call_attempts (campaign_id, customer_id, attempt_number, idempotency_key,
      state, disposition, provider, to_number, queued_at, dialed_at, ended_at, duration_seconds, updated_at)
      values (?, ?, 1, ?, 'completed', ?, 'simulator', '+12125550100', ?, ?, ?, 42, ?)`);
    d.$client.transaction(() => {
      ids.forEach((customer, i) => {
        const at = nyMorning + i * 1000;
        insert.run(
          big,
          customer,
          `${big}:${customer}:1`,
          i % 2 ? 'interested' : 'not_interested',
          at,
          at,
          at + 42_000,
          at,
        );
      });
    })();
    d.$client.close();
  });

  it('lists each campaign with its own figures, as a table', () => {
    const list = navaia('campaign', 'list');
    expect(list.status, list.stderr).toBe(0);
    const [header, rule, ...rows] = list.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^Id +Name +Status +Customers called +Attempts done +Live calls +Updated$/);
    expect(rule).toMatch(/^─+ +─+/);
    expect(rows.find((r) => r.includes('Big'))).toMatch(
      /Big +draft +3000 +3000\/3000 +0 +2026-11-24 07:00:00/,
    );
    expect(rows.find((r) => r.includes('Small'))).toMatch(/Small +draft +0 +0\/0 +0 /);
  });

  it('prints every attempt in a table with local times, and the customer’s own', () => {
    const attempts = navaia('campaign', 'attempts', '1');
    expect(attempts.status, attempts.stderr).toBe(0);
    const lines = attempts.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(3002);
    expect(lines[0]).toMatch(
      /^Attempt +Customer +# +State +Disposition +Dialled \(PST\) +Customer’s time +Ended +Seconds +Error$/,
    );
    expect(lines[2]).toMatch(
      /^ +1 +Customer 1 +1 +completed +Not interested +2026-11-24 07:00:00 +10:00 EST +2026-11-24 07:00:42 +42$/,
    );
    const json = JSON.parse(navaia('campaign', 'attempts', '1', '--json').stdout);
    expect(json[0]).toMatchObject({ attempt: 1, idempotency_key: '1:1:1', started_at: nyMorning });
  });

  it('stops quietly when its reader does (| head), with no stack trace', () => {
    const piped = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${navaiaBin}" campaign attempts 1 --db "${db}" | head -n 3`],
      {
        encoding: 'utf8',
        env,
      },
    );
    expect(piped.stdout.split('\n')).toHaveLength(4);
    expect(piped.stderr).toBe('');
  });

  it('names every problem of a campaign file at once, and the valid audience fields for an unknown one', () => {
    const file = join(dir, 'bad-campaign.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: '',
        objective: 'sales',
        script: { firstMessage: '' },
        pacing: { maxConcurrent: 0 },
      }),
    );
    const created = navaia('campaign', 'create', '--file', file);
    expect(created.status).toBe(2);
    expect(created.stderr).toBe(
      [
        `navaia: Invalid campaign in ${file}:`,
        '  • Campaign name (name): give the campaign a name',
        '  • Objective (objective): choose one of neighborhood_interest, booking_reminder, renewal, upsell, custom',
        '  • First message (script.firstMessage): write the first thing the agent says',
        '  • Max concurrent calls (pacing.maxConcurrent): must be 1 or more',
        '',
      ].join('\n'),
    );
    const criteria = join(dir, 'bad-criteria.json');
    writeFileSync(
      criteria,
      JSON.stringify({ combinator: 'and', rules: [{ field: 'town', operator: '=', value: 'Miami' }] }),
    );
    const count = navaia('audience', 'count', '--criteria', criteria);
    expect(count.status).toBe(1);
    expect(count.stderr).toMatch(
      /^navaia: Unknown audience field “town”: use one of interests, city, neighborhood, .*contractEnds\n$/,
    );
  });
});
