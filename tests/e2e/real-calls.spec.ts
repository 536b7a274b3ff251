import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { fakeCredentials } from '../fakes/provider-api/credentials';
import { appUrl } from './app-url';
import { saveAndStartCampaign } from './campaign-steps';

const port = Number(process.env.NAVAIA_E2E_PORT ?? 5310);
const fakeUrl = `http://127.0.0.1:${Number(process.env.NAVAIA_E2E_FAKE_API_PORT ?? port + 1000)}`;
/** The app's own port stands for the tunnel a user would set up: the fake services call it. */
const publicUrl = `http://127.0.0.1:${port}`;
const asksForPerson = '+12125550174';
const machine = '+12125550172';

interface Inspection {
  calls: {
    sid: string;
    to: string;
    endedAt: number | null;
    updates: { twiml?: string; status?: string }[];
    activities: { kind: string }[];
  }[];
  pushes: { label: string; sentAt: number; status?: number }[];
}
const inspectFake = async (): Promise<Inspection> => (await fetch(`${fakeUrl}/_fake/inspect`)).json();
const callTo = (inspection: Inspection, to: string) => inspection.calls.find((c) => c.to === to)!;

/**
 * Twilio's Voice SDK signalling, which cannot be reached from here: the softphone registers (listen,
 * register → ready) and is never rung, like an agent's browser that does not pick up.
 */
async function softphoneThatNeverRings(page: Page): Promise<() => string | undefined> {
  let identity: string | undefined;
  await page.routeWebSocket(/twilio\.com/, (ws) => {
    ws.onMessage((raw) => {
      const message = JSON.parse(String(raw)) as { type: string; payload?: { token?: string } };
      if (message.type === 'listen') {
        const claims = JSON.parse(
          Buffer.from(message.payload?.token?.split('.')[1] ?? '', 'base64url').toString(),
        );
        identity = claims.grants.identity;
        ws.send(
          JSON.stringify({ type: 'connected', payload: { region: 'gll', token: { identity, ttl: 600 } } }),
        );
      }
      if (message.type === 'register') ws.send(JSON.stringify({ type: 'ready', payload: {} }));
    });
  });
  return () => identity;
}

test('a real call asks for a person mid-call, an agent takes it over, nobody answers and the AI keeps the customer; a machine gets the voicemail', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // Settings → Providers, with the public URL the vendors call back on, then the agent set up through the API.
  await page.goto(appUrl('settings'));
  const providers = page.getByRole('region', { name: 'Providers' });
  const t = fakeCredentials.twilio;
  await providers.getByLabel('Account SID').fill(t.accountSid);
  await providers.getByLabel('Use an API key').check();
  await providers.getByLabel('API key SID').fill(t.apiKeySid ?? '');
  await providers.getByLabel('API key secret').fill(t.apiKeySecret ?? '');
  await providers.getByLabel('Auth token for Twilio’s callbacks (optional)').fill(t.authToken ?? '');
  await providers.getByLabel('Caller numbers').fill(t.callerNumbers.join('\n'));
  await providers.getByLabel('ElevenLabs API key').fill(fakeCredentials.elevenlabs.apiKey);
  await providers.getByLabel('Agent ID').fill(fakeCredentials.elevenlabs.agentId);
  await providers.getByLabel('Phone number ID').fill(fakeCredentials.elevenlabs.phoneNumberId);
  await providers
    .getByLabel('Webhook secret (optional)')
    .fill(fakeCredentials.elevenlabs.webhookSecret ?? '');
  await providers.getByLabel('Public URL for webhooks').fill(publicUrl);
  await providers.getByRole('button', { name: 'Save credentials' }).click();
  // An earlier spec saved credentials too: wait for this save's own confirmation, not the old state.
  await expect(providers.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible({ timeout: 30_000 });
  await expect(providers.getByTestId('provider-state')).toHaveText('ElevenLabs + Twilio configured');
  await expect(providers.getByTestId('webhooks-notice')).toHaveCount(0);
  await providers.getByRole('button', { name: 'Test connection' }).click();
  await expect(providers.getByTestId('setup-tools')).toContainText('Navaia’s tools: to do');
  await providers.getByRole('button', { name: 'Set up the agent' }).click();
  for (const item of ['overrides', 'audio', 'public_url', 'tools', 'post_call_webhook'])
    await expect(providers.getByTestId(`setup-${item}`)).toContainText('ready');
  await providers.getByRole('list', { name: 'Agent setup' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/agent-setup.png' });

  // Two customers in a neighbourhood of their own: one will ask for a person, one has an answering machine.
  await page.goto(appUrl('customers'));
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import customers' });
  await dialog.getByLabel('CSV file').setInputFiles({
    name: 'quayside.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'First Name,Last Name,Mobile,City,Neighborhood,Consent\nQuinn,Price,(212) 555-0174,New York,Quayside Loft,written\nRory,Machine,(212) 555-0172,New York,Quayside Loft,written\n',
    ),
  });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(dialog.getByTestId('import-result')).toHaveText(/2\s*imported/);
  await dialog.getByRole('button', { name: 'Done' }).click();

  await page.goto(appUrl('campaigns/new'));
  await page.getByLabel('Campaign name').fill('Quayside real calls');
  await page.getByLabel('Calls placed through').selectOption('elevenlabs-twilio');
  await page.getByRole('button', { name: '+ Rule' }).first().click();
  await page.locator('.rule-fields').last().selectOption('neighborhood');
  await page.locator('.rule-operators').last().selectOption('=');
  await page.getByLabel('Neighborhood value').selectOption('Quayside Loft');
  await expect(page.getByTestId('audience-matched')).toHaveText('2 match the rules');
  await page
    .getByLabel('First message')
    .fill(
      'Hi {{customer.first_name}}, this is {{agent_name}} from {{company_name}}. {{recording_disclosure}} ' +
        'If you would rather not get these calls, just say so and we will not call again.',
    );
  await page
    .getByLabel('Voicemail message')
    .fill(
      'Hi {{customer.first_name}}, this is {{company_name}} about homes in Quayside Loft. Please call us back.',
    );
  const campaignId = await saveAndStartCampaign(page);

  // The agent calls request_human mid-call: the monitor shows it within a second of the tool call.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Monitor' }).click();
  await expect(page.getByTestId('live-events')).toContainText('escalations arrive live');
  await page.waitForSelector('[data-state="escalated"]', { timeout: 60_000 });
  const seenAt = Date.now();
  const toolCall = (await inspectFake()).pushes.find((p) => p.label === 'tool:request_human');
  expect(toolCall).toBeDefined();
  expect(seenAt - toolCall!.sentAt).toBeLessThan(1_000);
  await expect(page.locator('.escalation-alerts')).toContainText(
    'Wants to negotiate the price with a person',
  );

  // An agent takes over: a hold line, then the dial to that agent's own softphone identity.
  const identity = await softphoneThatNeverRings(page);
  await page.getByRole('table', { name: 'Live calls' }).locator('[data-state="escalated"]').click();
  await page.getByLabel('Your name').fill('Alice');
  await page.getByRole('button', { name: 'Take over' }).click();
  await expect(page.getByTestId('softphone-status')).toHaveText('Connecting you to the customer…');
  expect(identity()).toMatch(/^navaia_[a-z0-9]+_alice$/);
  const takeover = callTo(await inspectFake(), asksForPerson).updates[0].twiml ?? '';
  expect(takeover).toContain('<Say>Please hold for a moment while I connect you with a colleague.</Say>');
  expect(takeover).toMatch(
    new RegExp(
      `<Dial timeout="20" action="${publicUrl}/webhooks/twilio/dial-ended\\?attempt=\\d+&amp;exp=\\d+" method="POST" record="record-from-answer-dual"><Client>${identity()}</Client></Dial>`,
    ),
  );

  // Nobody answers the softphone: Twilio asks what next, and the customer goes back to the AI.
  const transcript = page.getByRole('complementary', { name: 'Call' }).locator('.transcript');
  await expect(transcript).toContainText('Alice took over the call');
  await expect(transcript).toContainText(
    "Alice's softphone did not answer: the customer is back with the AI",
    {
      timeout: 60_000,
    },
  );
  await expect(page.getByRole('button', { name: 'Take over' })).toBeEnabled();
  // The apology plays, then the customer is streamed to a new conversation; the call never ended.
  await expect
    .poll(async () => callTo(await inspectFake(), asksForPerson).activities.map((a) => a.kind), {
      timeout: 15_000,
    })
    .toEqual(['stream', 'say', 'dial', 'say', 'stream']);
  expect(callTo(await inspectFake(), asksForPerson).endedAt).toBeNull();
  await page.screenshot({ path: 'docs/screenshots/takeover-fallback.png' });

  // The machine got the campaign's voicemail message, and the call counts as a voicemail.
  const db = new Database(process.env.NAVAIA_E2E_DB!, { readonly: true });
  const machineAttempt = db.prepare('select id, state from call_attempts where to_number = ?');
  await expect
    .poll(() => (machineAttempt.get(machine) as { state: string }).state, { timeout: 60_000 })
    .toBe('voicemail');
  const { id: machineId } = machineAttempt.get(machine) as { id: number };
  db.close();
  expect(callTo(await inspectFake(), machine).updates[0].twiml).toBe(
    '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Hi Rory, this is Navaia Realty about homes in Quayside Loft. Please call us back.</Say><Hangup/></Response>',
  );
  await page.goto(appUrl(`history/${machineId}`));
  await expect(page.getByTestId('call-state')).toHaveText('voicemail');
  await expect(page.getByRole('complementary', { name: 'Call' }).locator('.transcript')).toContainText(
    'Voicemail left: Hi Rory, this is Navaia Realty about homes in Quayside Loft. Please call us back.',
  );
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click();
  await page.getByLabel('Campaign', { exact: true }).selectOption(String(campaignId));
  const download = page.waitForEvent('download');
  await page.locator('figure', { hasText: 'Outcomes' }).getByRole('button', { name: 'Export CSV' }).click();
  const outcomes = readFileSync((await (await download).path())!, 'utf8');
  expect(outcomes).toContain('voicemail,1');

  await page.goto(appUrl(`campaigns/${campaignId}`));
  await page.getByRole('button', { name: 'Stop' }).click();
  await page.getByRole('button', { name: 'Stop dialling, let live calls finish' }).click();
  await expect(page.locator('.page-header .status')).toHaveText('cancelled');
});
