import { describe, expect, it } from 'vitest';
import { transitionCampaign } from '../../src/core/campaigns/transition-campaign';
import { VirtualClock } from '../../src/core/clock/virtual-clock';
import { seedDemoData } from '../../src/core/db/seed/seed-demo-data';
import { campaignTransitions } from '../../src/shared/campaigns/lifecycle';
import { renderTemplate, variablesIn } from '../../src/shared/campaigns/script-template';
import { type CampaignStatus, campaignStatuses } from '../../src/shared/contract/campaigns';
import { appForEachTest } from '../helpers/test-app';

const now = Date.UTC(2026, 10, 24, 15);

describe('campaigns', () => {
  const t = appForEachTest({
    prepare: (db) => seedDemoData(db, { customers: 300, now }),
    options: () => ({ clock: new VirtualClock(now) }),
  });

  it('are created from each of the four templates, listed, and survive a reopen of the list', async () => {
    const templates = await t.call('campaigns.templates', {});
    expect(templates.ok && templates.result.map((t) => t.name)).toEqual([
      'Neighborhood interest',
      'Booking reminder',
      'Renewal',
      'Upsell',
    ]);
    if (!templates.ok) return;
    for (const template of templates.result) {
      const created = await t.call('campaigns.create', template.campaign);
      expect(created).toMatchObject({
        ok: true,
        result: { status: 'draft', objective: template.campaign.objective },
      });
    }
    const list = await t.call('campaigns.list', {});
    expect(list.ok && list.result.length).toBe(4);
    const reminder = templates.result.find((t) => t.id === 'booking-reminder')!;
    const count = await t.call('audience.count', { criteria: reminder.campaign.criteria });
    expect(count.ok && count.result.matched).toBeGreaterThan(0);
  });

  it('reject invalid settings with the field named', async () => {
    const bad = await t.call('campaigns.create', {
      name: '',
      objective: 'renewal',
      script: { firstMessage: 'Hi' },
      schedule: { dailyWindow: { start: '07:00', end: '20:00' } },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (bad.ok) return;
    const paths = bad.error.issues?.map((i) => i.path);
    expect(paths).toContain('name');
    expect(paths).toContain('schedule.dailyWindow');
    expect(bad.error.issues?.find((i) => i.path === 'schedule.dailyWindow')?.message).toMatch(
      /08:00 and 21:00/,
    );
  });

  it('read the caller number like every other phone field, and say so next to it when it is not one', async () => {
    const created = await t.call('campaigns.create', {
      name: 'Caller',
      objective: 'renewal',
      script: { firstMessage: 'Hi' },
      callerNumber: '(305) 555-0142',
    });
    expect(created).toMatchObject({ ok: true, result: { callerNumber: '+13055550142' } });
    const bad = await t.call('campaigns.create', {
      name: 'Caller',
      objective: 'renewal',
      script: { firstMessage: 'Hi' },
      callerNumber: '555-12',
    });
    expect(bad).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        issues: [
          {
            path: 'callerNumber',
            message: '“555-12” is not a phone number: write it like +1 305 555 0142, or (305) 555-0142 in US',
          },
        ],
      },
    });
  });

  it('can be edited in draft, duplicated and archived', async () => {
    const created = await t.call('campaigns.create', {
      name: 'Spring',
      objective: 'custom',
      script: { firstMessage: 'Hello' },
    });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.result.id;
    const updated = await t.call('campaigns.update', {
      id,
      changes: { pacing: { maxConcurrent: 5, maxPerMinute: 12 } },
    });
    expect(updated).toMatchObject({
      ok: true,
      result: { pacing: { maxConcurrent: 5, maxPerMinute: 12 }, name: 'Spring' },
    });
    const copy = await t.call('campaigns.duplicate', { id });
    expect(copy).toMatchObject({
      ok: true,
      result: { name: 'Spring (copy)', status: 'draft', pacing: { maxConcurrent: 5 } },
    });
    await t.call('campaigns.archive', { id });
    const list = await t.call('campaigns.list', {});
    expect(list.ok && list.result.map((c) => c.name)).toEqual(['Spring (copy)']);
  });

  it('delete a draft for good, and refuse to delete one that ran (it is archived instead)', async () => {
    const create = async (name: string) => {
      const created = await t.call('campaigns.create', {
        name,
        objective: 'custom',
        script: { firstMessage: 'Hi' },
      });
      if (!created.ok) throw new Error(created.error.message);
      return created.result.id;
    };
    const draft = await create('Draft');
    const ran = await create('Ran');
    transitionCampaign(t.app.context.db, ran, 'running', now);
    transitionCampaign(t.app.context.db, ran, 'completed', now);
    expect(await t.call('campaigns.delete', { id: draft })).toEqual({ ok: true, result: { deleted: true } });
    expect(await t.call('campaigns.get', { id: draft })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await t.call('campaigns.delete', { id: ran })).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', message: expect.stringMatching(/archive it/) },
    });
    const list = await t.call('campaigns.list', { includeArchived: true });
    expect(list.ok && list.result.map((c) => c.name)).toEqual(['Ran']);
  });

  it('refuse edits while running', async () => {
    const created = await t.call('campaigns.create', {
      name: 'Live',
      objective: 'custom',
      script: { firstMessage: 'Hello' },
    });
    if (!created.ok) throw new Error();
    transitionCampaign(t.app.context.db, created.result.id, 'running', now);
    const edit = await t.call('campaigns.update', { id: created.result.id, changes: { name: 'Renamed' } });
    expect(edit).toMatchObject({
      ok: false,
      error: { code: 'invalid_state', message: expect.stringMatching(/pause it first/) },
    });
  });

  it('move only along the lifecycle table: every allowed move works and every other one is refused', async () => {
    const pathTo: Record<CampaignStatus, CampaignStatus[]> = {
      draft: [],
      scheduled: ['scheduled'],
      running: ['running'],
      paused: ['running', 'paused'],
      completed: ['running', 'completed'],
      cancelled: ['cancelled'],
    };
    for (const from of campaignStatuses) {
      for (const to of campaignStatuses) {
        const created = await t.call('campaigns.create', {
          name: `${from}->${to}`,
          objective: 'custom',
          script: { firstMessage: 'Hi' },
        });
        if (!created.ok) throw new Error();
        const id = created.result.id;
        for (const step of pathTo[from]) transitionCampaign(t.app.context.db, id, step, now);
        const allowed = campaignTransitions[from].includes(to);
        if (allowed) {
          expect(transitionCampaign(t.app.context.db, id, to, now).status, `${from} → ${to}`).toBe(to);
        } else {
          expect(() => transitionCampaign(t.app.context.db, id, to, now), `${from} → ${to}`).toThrow(
            /Cannot .* a .* campaign/,
          );
        }
      }
    }
  });

  it('preview the script for a real customer and flag unknown and missing variables', async () => {
    const preview = await t.call('campaigns.previewScript', {
      customerId: 1,
      script: {
        firstMessage:
          'Hi {{customer.first_name}} from {{company_name}}, about {{neighborhood}} and {{favourite_colour}}',
        prompt: 'Contract ends {{contract.end_date}}',
      },
    });
    expect(preview).toMatchObject({
      ok: true,
      result: {
        customerId: 1,
        firstMessage: 'Hi Amelia from Navaia Realty, about Brickell and {{favourite_colour}}',
        unknownVariables: ['favourite_colour'],
        missingValues: ['contract.end_date'],
      },
    });
  });
});

describe('script templates', () => {
  it('fill known variables and leave missing ones visible', () => {
    expect(renderTemplate('Hi {{ customer.first_name }}, {{x}}', { 'customer.first_name': 'Ann' })).toBe(
      'Hi Ann, {{x}}',
    );
    expect(variablesIn('{{a}} {{b.c}} {{a}}')).toEqual(['a', 'b.c']);
  });

  it('fill only the variables given, never what every object inherits', () => {
    expect(renderTemplate('{{constructor}} {{__proto__}} {{city}}', { city: 'Miami' })).toBe(
      '{{constructor}} {{__proto__}} Miami',
    );
  });
});
