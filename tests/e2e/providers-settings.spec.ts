import { expect, type Page, test } from '@playwright/test';
import { fakeCredentials, wrongElevenLabsKey } from '../fakes/provider-api/credentials';
import { appUrl } from './app-url';

/** Fills Settings → Providers with the fake API's credentials, `elevenLabsKey` aside. */
async function fillProviderForm(page: Page, elevenLabsKey: string) {
  const providers = page.getByRole('region', { name: 'Providers' });
  await providers.getByLabel('Account SID').fill(fakeCredentials.twilio.accountSid);
  await providers.getByLabel('Use the auth token').check();
  await providers.getByLabel('Auth token', { exact: true }).fill(fakeCredentials.twilio.authToken ?? '');
  await providers.getByLabel('Caller numbers').fill(fakeCredentials.twilio.callerNumbers.join('\n'));
  await providers.getByLabel('ElevenLabs API key').fill(elevenLabsKey);
  await providers.getByLabel('Agent ID').fill(fakeCredentials.elevenlabs.agentId);
  await providers.getByLabel('Phone number ID').fill(fakeCredentials.elevenlabs.phoneNumberId);
  return providers;
}

test('a wrong ElevenLabs key gets a clear per-service error from Test connection', async ({ page }) => {
  await page.goto(appUrl('settings'));
  const providers = await fillProviderForm(page, wrongElevenLabsKey);
  await expect(providers.getByTestId('provider-state')).toHaveText('Real calls not configured');
  // The browser host keeps credentials in an encrypted file and says it is weaker than the desktop app.
  await expect(providers.getByRole('note')).toContainText('operating system’s keychain');

  await providers.getByRole('button', { name: 'Test connection' }).click();
  // The first Test connection may still wait for the vendors' SDKs to load: seconds on a busy machine.
  await expect(providers.getByTestId('connection-elevenlabs')).toHaveText(
    /ElevenLabs: failed — ElevenLabs rejected the API key \(401\)/,
    { timeout: 30_000 },
  );
  await expect(providers.getByTestId('connection-twilio')).toContainText('Twilio: connected');

  // Nothing was saved: a campaign set to call through the real provider says it is not configured.
  await page.goto(appUrl('campaigns/new'));
  await page.getByLabel('Calls placed through').selectOption('elevenlabs-twilio');
  await expect(page.getByTestId('provider-not-configured')).toContainText('Settings → Providers');
});

test('provider settings test green against the fake API, save, and never come back to the page', async ({
  page,
}) => {
  await page.goto(appUrl('settings'));
  const providers = await fillProviderForm(page, fakeCredentials.elevenlabs.apiKey);

  await providers.getByRole('button', { name: 'Test connection' }).click();
  await expect(providers.getByTestId('connection-twilio')).toContainText('Twilio: connected');
  await expect(providers.getByTestId('connection-elevenlabs')).toContainText('ElevenLabs: connected');

  await providers.getByRole('button', { name: 'Save credentials' }).click();
  await expect(providers.getByTestId('provider-state')).toHaveText('ElevenLabs + Twilio configured');
  // The card as a supervisor sees it after saving: identifiers shown, secrets only as "set".
  await providers.screenshot({ path: 'docs/screenshots/providers-settings.png' });

  // After a reload the page knows the secrets are set, and nothing more.
  await page.reload();
  const reloaded = page.getByRole('region', { name: 'Providers' });
  await expect(reloaded.getByTestId('provider-state')).toHaveText('ElevenLabs + Twilio configured');
  await expect(reloaded.getByLabel('Account SID')).toHaveValue(fakeCredentials.twilio.accountSid);
  await expect(reloaded.getByLabel('Auth token', { exact: true })).toHaveValue('');
  await expect(reloaded.getByLabel('Auth token', { exact: true })).toHaveAttribute(
    'placeholder',
    'set — leave blank to keep',
  );
  const html = await page.content();
  for (const secret of [fakeCredentials.twilio.authToken ?? '', fakeCredentials.elevenlabs.apiKey]) {
    expect(html).not.toContain(secret);
  }

  // Stored credentials test green with the secret fields left blank.
  await reloaded.getByRole('button', { name: 'Test connection' }).click();
  await expect(reloaded.getByTestId('connection-elevenlabs')).toContainText('ElevenLabs: connected');

  // A campaign set to call through the real provider no longer warns that it is not configured.
  await page.goto(appUrl('campaigns/new'));
  await page.getByLabel('Calls placed through').selectOption('elevenlabs-twilio');
  await expect(page.getByTestId('provider-not-configured')).toHaveCount(0);
});

test('a campaign on the real provider does not start until its first message complies, and says why', async ({
  page,
}) => {
  // Runs after the credentials were saved above: only the script stands in the way.
  await page.goto(appUrl('campaigns'));
  await page.getByRole('button', { name: /Booking reminder/ }).click();
  await page.getByLabel('Campaign name').fill('Real reminders');
  await page.getByLabel('Calls placed through').selectOption('elevenlabs-twilio');
  // The template is compliant as shipped; this message leaves out the recording disclosure.
  await page
    .getByLabel('First message')
    .fill(
      'Hello {{customer.first_name}}, this is {{agent_name}} from {{company_name}} about your viewing. ' +
        'If you would rather not get these calls, just say so and we will not call again.',
    );
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/#\/campaigns\/\d+/);
  await page.getByRole('button', { name: 'Start' }).click();
  const status = page.getByRole('status').filter({ hasText: 'cannot call real customers' });
  await expect(status).toContainText('This campaign cannot call real customers yet');
  await expect(status).toContainText('the recording disclosure from Settings: “This call may be recorded.”');
  await expect(status).not.toContainText('not configured');
  await page.getByRole('button', { name: '← Campaigns' }).click();
  await expect(
    page.getByRole('table', { name: 'Campaign list' }).getByRole('row', { name: /Real reminders/ }),
  ).toContainText('draft');
});

test('a compliant marketing campaign on the real provider starts and says which customers it leaves out', async ({
  page,
}) => {
  await page.goto(appUrl('campaigns'));
  await page.getByRole('button', { name: /Neighborhood interest/ }).click();
  await page.getByLabel('Campaign name').fill('Real neighbourhood calls');
  await page.getByLabel('Calls placed through').selectOption('elevenlabs-twilio');
  await page
    .getByLabel('First message')
    .fill(
      'Hi {{customer.first_name}}, this is {{agent_name}} from {{company_name}}. {{recording_disclosure}} ' +
        'If you would rather not get these calls, just say so and we will not call again.',
    );
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/#\/campaigns\/\d+/);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.locator('.page-header .status')).toHaveText('running');
  // The demo customers include some with only verbal consent: marketing calls skip them, and say so.
  await expect(page.getByRole('status').filter({ hasText: 'customers skipped' })).toContainText(
    'marketing calls need written consent',
  );
  // Hang up now: a real call left live would (rightly) keep the next spec from changing the credentials.
  await page.getByRole('button', { name: 'Stop' }).click();
  await page.getByRole('button', { name: 'Stop and hang up live calls now' }).click();
  await expect(page.locator('.page-header .status')).toHaveText('cancelled');
  await page.goto(appUrl('monitor'));
  await expect(page.getByTestId('live-count')).toHaveText('0 live calls', { timeout: 30_000 });
});
