import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type NavaiaApp } from '../../src/core/app';
import { createCampaign } from '../../src/core/campaigns/campaign-store';
import { campaignTemplates } from '../../src/core/campaigns/templates';
import { runVirtualUntil, VirtualClock } from '../../src/core/clock/virtual-clock';
import {
  consentAllowsRealCall,
  offersOptOut,
  realCallConsentCondition,
  realCallReadiness,
} from '../../src/core/compliance/real-call-readiness';
import { openDatabase } from '../../src/core/db/open';
import { customers as customersTable } from '../../src/core/db/schema';
import { silentLogger } from '../../src/core/logging/logger';
import { createEncryptedFileStore, secretFilesFor } from '../../src/core/secrets/encrypted-file-store';
import { updateSettings } from '../../src/core/settings/settings-store';
import type { CampaignInput } from '../../src/shared/contract/campaigns';
import { settingsSchema } from '../../src/shared/contract/settings';
import { createEngineHarness, type EngineHarness, insertCustomers } from '../helpers/engine-harness';
import { invoker } from '../helpers/invoke';
import { formCredentials, recordingAdapter } from './provider-settings.doubles';

const tuesdayMorning = Date.UTC(2026, 10, 24, 15, 0);
const compliantMessage =
  'Hello {{customer.first_name}}, this is {{agent_name}} from {{company_name}}. This call may be recorded. ' +
  'If you would rather not get these calls, just say so and we will not call again.';

describe('readiness of a campaign to call real customers', () => {
  let dir: string;
  let app: NavaiaApp;
  let clock: VirtualClock;
  let call: ReturnType<typeof invoker>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'navaia-ready-'));
    const dataFile = join(dir, 'navaia.db');
    clock = new VirtualClock(tuesdayMorning);
    app = createApp({
      db: openDatabase(dataFile),
      logger: silentLogger,
      host: 'browser',
      dataFile,
      clock,
      secrets: createEncryptedFileStore(secretFilesFor(dataFile)),
      realProviderAdapter: recordingAdapter().adapter,
    });
    await app.start();
    call = invoker(app);
    insertCustomers(
      app.context.db,
      [
        { name: 'Wren', phone: '+12125550101', consent: 'written' },
        { name: 'Vera', phone: '+12125550102', consent: 'verbal' },
        { name: 'Nell', phone: '+12125550103', consent: 'none' },
      ],
      tuesdayMorning,
    );
  });
  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const campaign = (input: Partial<CampaignInput>) =>
    createCampaign(
      app.context.db,
      {
        name: 'Real',
        objective: 'booking_reminder',
        provider: 'elevenlabs-twilio',
        script: { firstMessage: compliantMessage },
        ...input,
      },
      tuesdayMorning,
    ).id;
  const status = (id: number) =>
    app.context.db.$client.prepare('select status from campaigns where id = ?').pluck().get(id);

  it('refuses to start with every problem listed, and leaves the campaign a draft', async () => {
    const id = campaign({
      objective: 'neighborhood_interest',
      script: { firstMessage: 'Hi {{customer.first_name}}!' },
    });
    const reply = await call('campaigns.start', { id });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('invalid_state');
    expect(reply.error.issues?.map((i) => i.message)).toEqual([
      'The ElevenLabs + Twilio provider is not configured: add its credentials in Settings → Providers.',
      'The first message must say who is calling: include the company name “Navaia Realty” (or {{company_name}}).',
      'The first message must offer a way to stop the calls, e.g. “If you would rather not get these calls, just say so and we will not call again.”',
      'Calls are recorded, so the first message must include the recording disclosure from Settings: “This call may be recorded.” (or {{recording_disclosure}})',
    ]);
    expect(reply.error.message).toMatch(/^This campaign cannot call real customers yet:\n• /);
    expect(status(id)).toBe('draft');
  });

  it('passes every shipped template as it is, recording on or off', async () => {
    const templates = campaignTemplates;
    const settings = settingsSchema.parse({});
    for (const template of templates) {
      const readiness = realCallReadiness(app.context.db, {
        campaign: {
          ...template.campaign,
          provider: 'elevenlabs-twilio',
          script: { agentId: '', prompt: '', voicemailMessage: '', ...template.campaign.script },
        },
        settings,
        providerConfigured: true,
        now: tuesdayMorning,
      });
      expect(readiness.problems, template.name).toEqual([]);
    }
    // While calls are not recorded, the disclosure reads as nothing — no "{{recording_disclosure}}", no gap.
    await call('settings.update', { recordCalls: false });
    const first = await call('campaigns.previewScript', { script: templates[0].campaign.script });
    expect(first.ok && first.result.firstMessage).toMatch(/calling from Navaia Realty\. We have new homes/);
  });

  it('starts a reminder campaign once the provider is configured and the first message complies', async () => {
    await call('providers.save', formCredentials());
    const id = campaign({ objective: 'booking_reminder' });
    expect(await call('campaigns.start', { id })).toEqual({
      ok: true,
      result: { status: 'running', warnings: [] },
    });
  });

  it('checks the voicemail message like the first message: who called, and how to call back or stop the calls', async () => {
    await call('providers.save', formCredentials());
    const silent = campaign({
      objective: 'booking_reminder',
      script: {
        firstMessage: compliantMessage,
        voicemailMessage: 'Hi {{customer.first_name}}, please ring us.',
      },
    });
    const reply = await call('campaigns.start', { id: silent });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.issues?.map((i) => i.message)).toEqual([
      'The voicemail message must say who called: include the company name “Navaia Realty” (or {{company_name}}).',
      'The voicemail message must say how to call back or stop the calls, e.g. “Call us back on 305 555 0142, or reply stop and we will not call again.”',
    ]);
    const good = campaign({
      objective: 'booking_reminder',
      script: {
        firstMessage: compliantMessage,
        voicemailMessage:
          'Hi {{customer.first_name}}, this is {{company_name}} about your viewing. Please call us back.',
      },
    });
    expect(await call('campaigns.start', { id: good })).toMatchObject({
      ok: true,
      result: { status: 'running' },
    });
  });

  const skippedVera =
    '1 customers skipped: marketing calls need written consent, and they gave only verbal consent.';
  const calledCustomers = (id: number) =>
    app.context.db.$client
      .prepare(`select c.first_name from call_attempts a join customers c on c.id = a.customer_id
        where a.campaign_id = ? and a.dialed_at is not null order by c.id`)
      .pluck()
      .all(id);

  it('starts marketing with verbal-only customers in the audience, says how many it skips, and never calls them', async () => {
    await call('providers.save', formCredentials());
    const upsell = campaign({ objective: 'upsell' });
    expect(await call('campaigns.start', { id: upsell })).toEqual({
      ok: true,
      result: { status: 'running', warnings: [skippedVera] },
    });
    expect(await call('campaigns.progress', { id: upsell })).toMatchObject({
      ok: true,
      result: { notices: [skippedVera] },
    });
    await runVirtualUntil(clock, tuesdayMorning + 30 * 60_000);
    expect(calledCustomers(upsell)).toEqual(['Wren']);
    // No attempt at all for Vera (verbal) or Nell (none): they are left out of the audience, not failed.
    expect(
      app.context.db.$client
        .prepare('select count(*) from call_attempts where campaign_id = ?')
        .pluck()
        .get(upsell),
    ).toBe(1);

    // A service call needs only verbal consent: Vera is called, and nobody is reported skipped (no
    // frequency cap here, so that Wren, just called, is called again).
    updateSettings(app.context.db, { frequencyCapDays: 0 });
    const reminder = campaign({ objective: 'booking_reminder' });
    expect(await call('campaigns.start', { id: reminder })).toEqual({
      ok: true,
      result: { status: 'running', warnings: [] },
    });
    await runVirtualUntil(clock, tuesdayMorning + 60 * 60_000);
    expect(calledCustomers(reminder)).toEqual(['Wren', 'Vera']);
  });

  it('cancels a queued marketing call whose customer has only verbal consent by the time it is dialled', async () => {
    await call('providers.save', formCredentials());
    const later = insertCustomers(
      app.context.db,
      [
        { name: 'Ada', phone: '+12125550104', consent: 'written' },
        { name: 'Bo', phone: '+12125550105', consent: 'written' },
      ],
      tuesdayMorning,
    );
    // One call a minute: Wren is dialled at once, Ada and Bo wait in the queue.
    const id = campaign({ objective: 'upsell', pacing: { maxConcurrent: 5, maxPerMinute: 1 } });
    expect(await call('campaigns.start', { id })).toMatchObject({ ok: true });
    const bo = later[1];
    app.context.db.$client.prepare("update customers set consent = 'verbal' where id = ?").run(bo);
    await runVirtualUntil(clock, tuesdayMorning + 30 * 60_000);
    expect(calledCustomers(id)).toEqual(['Wren', 'Ada']);
    expect(
      app.context.db.$client
        .prepare('select state, error, dialed_at as dialedAt from call_attempts where customer_id = ?')
        .all(bo),
    ).toEqual([{ state: 'cancelled', error: 'no_consent', dialedAt: null }]);
  });

  it('checks a resumed campaign again: a disclosure changed while it was paused stops the resume', async () => {
    await call('providers.save', formCredentials());
    const id = campaign({ objective: 'booking_reminder' });
    expect(await call('campaigns.start', { id })).toMatchObject({ ok: true });
    expect(await call('campaigns.pause', { id })).toMatchObject({ ok: true, result: { status: 'paused' } });

    updateSettings(app.context.db, { recordingDisclosure: 'We record our calls for training.' });
    const refused = await call('campaigns.resume', { id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_state' } });
    if (!refused.ok)
      expect(refused.error.issues?.map((i) => i.message)).toEqual([
        'Calls are recorded, so the first message must include the recording disclosure from Settings: “We record our calls for training.” (or {{recording_disclosure}})',
      ]);
    expect(status(id)).toBe('paused');

    // Credentials removed while it is paused (once its live call has ended) stop the resume too.
    await runVirtualUntil(clock, tuesdayMorning + 30 * 60_000);
    expect(await call('providers.clear', {})).toMatchObject({ ok: true });
    updateSettings(app.context.db, { recordingDisclosure: 'This call may be recorded.' });
    expect(await call('campaigns.resume', { id })).toMatchObject({
      ok: false,
      error: { issues: [{ message: expect.stringMatching(/not configured/) }] },
    });
    await call('providers.save', formCredentials());
    expect(await call('campaigns.resume', { id })).toEqual({
      ok: true,
      result: { status: 'running', warnings: [] },
    });
  });

  it('accepts {{recording_disclosure}} for the disclosure and says the sentence from Settings on the call', async () => {
    await call('providers.save', formCredentials());
    updateSettings(app.context.db, { recordingDisclosure: 'Heads up: this call is recorded.' });
    const id = campaign({
      script: {
        firstMessage:
          'Hi {{customer.first_name}}, {{company_name}} here. {{recording_disclosure}} Say stop and we will not call again.',
      },
    });
    expect(await call('campaigns.start', { id })).toMatchObject({ ok: true });
    const placed = app.context.db.$client
      .prepare('select request from simulator_calls order by started_at limit 1')
      .pluck()
      .get() as string;
    expect(JSON.parse(placed).firstMessage).toBe(
      'Hi Wren, Navaia Realty here. Heads up: this call is recorded. Say stop and we will not call again.',
    );
  });

  it('asks for the recording disclosure only while calls are recorded, and accepts the company name written out', async () => {
    await call('providers.save', formCredentials());
    const plain = campaign({
      script: {
        firstMessage: 'Hi, NAVAIA realty here about your viewing. Say stop and we will not call again.',
      },
    });
    expect(await call('campaigns.start', { id: plain })).toMatchObject({
      ok: false,
      error: { issues: [{ message: expect.stringMatching(/recording disclosure/) }] },
    });
    updateSettings(app.context.db, { recordCalls: false });
    expect(await call('campaigns.start', { id: plain })).toMatchObject({ ok: true });
  });

  it('never holds back a simulator campaign', async () => {
    const id = campaign({ provider: 'simulator', objective: 'upsell', script: { firstMessage: 'Hi!' } });
    expect(await call('campaigns.start', { id })).toMatchObject({ ok: true, result: { status: 'running' } });
  });

  it('selects only the customers whose consent the objective needs', () => {
    const select = (objective: CampaignInput['objective']) =>
      app.context.db
        .select()
        .from(customersTable)
        .where(realCallConsentCondition(objective))
        .orderBy(customersTable.id)
        .all()
        .map((c) => c.firstName);
    expect(select('neighborhood_interest')).toEqual(['Wren']);
    expect(select('upsell')).toEqual(['Wren']);
    expect(select('custom')).toEqual(['Wren']);
    expect(select('booking_reminder')).toEqual(['Wren', 'Vera']);
    expect(select('renewal')).toEqual(['Wren', 'Vera']);
  });
});

describe('the consent and opt-out rules', () => {
  it('needs written consent for marketing and any consent for service calls', () => {
    const table = (['neighborhood_interest', 'upsell', 'custom', 'booking_reminder', 'renewal'] as const).map(
      (objective) => [
        objective,
        ['none', 'verbal', 'written'].filter((c) => consentAllowsRealCall(objective, c)),
      ],
    );
    expect(table).toEqual([
      ['neighborhood_interest', ['written']],
      ['upsell', ['written']],
      ['custom', ['written']],
      ['booking_reminder', ['verbal', 'written']],
      ['renewal', ['verbal', 'written']],
    ]);
  });

  it('recognises the usual ways of offering to stop the calls, and nothing else', () => {
    for (const offer of [
      'If you would rather not get these calls, just say so and we will not call again.',
      'Reply STOP to opt out.',
      'Say stop at any time.',
      'You can ask us to remove your number from our calling list.',
      "Tell me if you'd like us to not call you again.",
    ]) {
      expect(offersOptOut(offer), offer).toBe(true);
    }
    for (const none of ['Have a great day!', 'We will call you again next week.', 'Stop by our office.']) {
      expect(offersOptOut(none), none).toBe(false);
    }
  });
});

describe('regional calling rules', () => {
  let h: EngineHarness;
  afterEach(async () => h.cleanup());

  it('does not call a Florida customer after 20:00 local, while a New York customer is still called at 20:30', async () => {
    // Tuesday 24 November 2026, 20:30 in New York (and in Miami, the same zone).
    const evening = Date.UTC(2026, 10, 25, 1, 30);
    h = await createEngineHarness(evening);
    updateSettings(h.db, { callingHours: { start: '09:00', end: '21:00' } });
    const [newYork, florida] = insertCustomers(
      h.db,
      [
        { name: 'Nora', phone: '+12125550111', timeZone: 'America/New_York', region: 'US-NY' },
        { name: 'Flo', phone: '+13055550112', timeZone: 'America/New_York', region: 'US-FL' },
      ],
      evening,
    );
    const id = h.createCampaign({ retryPolicy: { retryOn: [], delayMinutes: 60, maxAttempts: 1 } });
    h.app.engine.startCampaign(id);
    await runVirtualUntil(h.clock, evening + 20 * 60_000);
    expect(
      h
        .attempts(id)
        .filter((a) => a.dialedAt !== null)
        .map((a) => a.customerId),
    ).toEqual([newYork]);

    await h.runUntilFinished(id);
    const flo = h.attempts(id).find((a) => a.customerId === florida)!;
    const local = DateTime.fromMillis(flo.dialedAt!, { zone: 'America/New_York' });
    expect(local.toISODate()).toBe('2026-11-25');
    expect(local.hour).toBeGreaterThanOrEqual(9);
    expect(local.hour).toBeLessThan(20);
  });
});
