import { expect, type Page, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { appUrl } from './app-url';

/**
 * A supervisor's first hour, as a new user lives it: a spreadsheet with a yes/no "Consent to call"
 * column → an audience → a template → start → a customer asks for a person → take over → end with a
 * chosen outcome → stop → the figures. Every number on screen is checked against a count of the
 * database made here.
 */

const consentAnswers = ['yes', 'Y', 'TRUE', '1', 'opted in', 'yes', 'no', '', 'N', 'Yes'];
const saysYes = (answer: string) => ['yes', 'y', 'true', '1', 'opted in'].includes(answer.toLowerCase());
const people = Array.from({ length: 150 }, (_, i) => ({
  name: `Quillon Reyes${i + 1}`,
  phone: `(239) 555-${3000 + i}`,
  email: i % 50 === 7 ? 'josé@exämple.com' : `q${i}@example.com`,
  consent: consentAnswers[i % consentAnswers.length],
}));
const csv = [
  'Customer,Mobile,Email,Consent to call,Neighborhood,City,Interests',
  ...people.map((p) =>
    [p.name, `"${p.phone}"`, p.email, p.consent, 'Seagrape Cove', 'Fort Myers', 'waterfront'].join(','),
  ),
  '',
].join('\n');
const willingCount = people.filter((p) => saysYes(p.consent)).length;

const money = (n: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(n);
const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name }).click();

test('the first hour: import a spreadsheet, reach its customers, take a call over, and read the right figures', async ({
  page,
}) => {
  test.setTimeout(240_000);
  // --- Import: the consent column is recognised, and a yes is verbal consent unless told otherwise.
  await page.goto(appUrl('customers'));
  await page.getByRole('button', { name: 'Import CSV' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import customers' });
  await dialog.getByLabel('CSV file').setInputFiles({
    name: 'seagrape-cove.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await expect(dialog.getByLabel('Column for consent', { exact: true })).toHaveValue('Consent to call');
  await expect(dialog.getByLabel('Column for name', { exact: true })).toHaveValue('Customer');
  await expect(dialog.getByRole('radio', { name: /Verbal consent/ })).toBeChecked();
  await expect(dialog.getByText('Marketing calls need written consent', { exact: false })).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/first-hour-import.png' });
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  // Nobody refused: the two emails with accents are left out, their customers kept.
  await expect(dialog.getByTestId('import-result')).toContainText(
    /150\s*imported\s*0\s*updated\s*0\s*rejected\s*3\s*imported without a field/,
  );
  await expect(dialog.getByRole('table', { name: 'Imported without a field' })).toContainText(
    'josé@exämple.com',
  );
  await dialog.getByRole('button', { name: 'Done' }).click();

  // --- Audience: the Neighborhood interest template, narrowed to the imported neighbourhood.
  await nav(page, 'Campaigns');
  await page.getByRole('button', { name: /Neighborhood interest/ }).click();
  await page.getByLabel('Campaign name').fill('Seagrape Cove launch');
  await page.getByRole('button', { name: '+ Rule' }).first().click();
  await page.getByLabel('Field of rule 4').selectOption('neighborhood');
  await page.getByLabel('Condition of rule 4').selectOption('=');
  await page.getByLabel('Neighborhood value').selectOption('Seagrape Cove');
  await expect(page.getByTestId('audience-matched')).toHaveText('150 match the rules');
  // Only those whose answer was a yes can be called; no, N and blank are no consent.
  await expect(page.getByTestId('audience-eligible')).toHaveText(String(willingCount));
  await expect(page.getByTestId('effective-window')).toContainText('Calls go out 09:00–20:00');
  await page.getByLabel('Max concurrent calls').fill('25');
  await page.getByLabel('Max calls per minute').fill('200');
  await page.screenshot({ path: 'docs/screenshots/first-hour-campaign.png', fullPage: true });
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/#\/campaigns\/\d+/);
  const campaignId = Number(page.url().match(/campaigns\/(\d+)/)![1]);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.locator('.page-header .status')).toHaveText('running');

  // --- Escalation: a customer asks for a person; the banner says so while they wait.
  await nav(page, 'Monitor');
  await page.getByLabel('Filter by campaign').selectOption(String(campaignId));
  const escalated = page
    .getByRole('table', { name: 'Live calls' })
    .locator('[data-state="escalated"]')
    .first();
  await expect(escalated).toBeVisible({ timeout: 120_000 });
  const customer = (await escalated.getByRole('cell').first().textContent())!;
  await expect(page.getByRole('alert', { name: 'Calls that want a person' })).toContainText(customer);
  await page.screenshot({ path: 'docs/screenshots/first-hour-escalation.png' });
  await escalated.click();
  const attemptId = Number(page.url().match(/monitor\/(\d+)/)![1]);

  // --- Takeover: no outcome is chosen for the agent, and only this campaign's outcomes are offered.
  await page.getByLabel('Your name').fill('Dana');
  await page.getByRole('button', { name: 'Take over' }).click();
  await expect(page.getByTestId('call-holder')).toHaveText('Held by Dana');
  const disposition = page.getByLabel('Disposition');
  await expect(disposition).toHaveValue('');
  await expect(page.getByRole('button', { name: 'End call' })).toBeDisabled();
  await expect(disposition.locator('option')).toHaveText([
    'How did the call end?',
    'Booked a viewing',
    'Interested',
    'Wants a call back',
    'Not interested',
    'Wrong number',
    'Asked not to be called again',
    'No decision yet',
  ]);
  await page.getByLabel('Reply').fill('Hi, this is Dana. Would Saturday work for a viewing?');
  await page.getByRole('button', { name: 'Say' }).click();
  await expect(page.locator('.transcript .line').last()).toHaveClass(/customer/, { timeout: 15_000 });
  // The banner lets go of a call an agent has taken.
  await expect(page.locator('.escalation-alerts .escalation').filter({ hasText: customer })).toHaveCount(0);
  await disposition.selectOption('booked_viewing');
  await page.getByLabel('Notes').fill('Viewing on Saturday at 10:00');
  await page.screenshot({ path: 'docs/screenshots/first-hour-takeover.png' });
  await page.getByRole('button', { name: 'End call' }).click();
  await expect(page.getByTestId('call-state')).toHaveText('completed', { timeout: 15_000 });
  await expect(page.getByTestId('call-disposition')).toHaveText('Booked a viewing');

  // --- Stop: it asks first, and the safe choice (let live calls finish) is the default. Everyone who said
  // yes has been dialled by then (calls that get no answer would be retried only two hours later).
  const db = new Database(process.env.NAVAIA_E2E_DB!, { readonly: true });
  const count = (sql: string) => db.prepare(sql).pluck().get(campaignId) as number;
  await expect
    .poll(
      () =>
        count(
          'select count(distinct customer_id) from call_attempts where campaign_id = ? and dialed_at is not null',
        ),
      {
        timeout: 90_000,
      },
    )
    .toBe(willingCount);
  await page.getByRole('button', { name: 'Close call' }).click();
  await page.getByLabel('Campaign Seagrape Cove launch').getByRole('button', { name: 'Stop' }).click();
  const stop = page.getByRole('dialog', { name: 'Stop Seagrape Cove launch?' });
  await expect(stop.getByRole('button', { name: 'Stop dialling, let live calls finish' })).toBeFocused();
  await page.screenshot({ path: 'docs/screenshots/first-hour-stop.png' });
  await page.keyboard.press('Enter');
  await expect(stop).toBeHidden();

  await expect
    .poll(
      () =>
        count(
          "select count(*) from call_attempts where campaign_id = ? and state in ('dialing','ringing','in_progress','escalated')",
        ),
      { timeout: 60_000 },
    )
    .toBe(0);
  expect(db.prepare('select status from campaigns where id = ?').pluck().get(campaignId)).toBe('cancelled');
  // Nobody waits for a person any more: the banner is gone.
  await expect(page.locator('.escalation-alerts')).toHaveCount(0);
  const figures = {
    attempts: count('select count(*) from call_attempts where campaign_id = ?'),
    finished: count(
      "select count(*) from call_attempts where campaign_id = ? and state in ('completed','no_answer','busy','voicemail','failed','cancelled')",
    ),
    customersCalled: count(
      'select count(distinct customer_id) from call_attempts where campaign_id = ? and dialed_at is not null',
    ),
    dialled: count('select count(*) from call_attempts where campaign_id = ? and dialed_at is not null'),
    answered: count(
      "select count(*) from call_attempts where campaign_id = ? and dialed_at is not null and answered_at is not null and state <> 'voicemail'",
    ),
    converted: count(
      "select count(distinct customer_id) from call_attempts where campaign_id = ? and disposition = 'booked_viewing'",
    ),
    cost: count('select coalesce(sum(cost_telephony + cost_ai), 0) from call_attempts where campaign_id = ?'),
    noConsentCalled: count(
      "select count(*) from call_attempts a join customers c on c.id = a.customer_id where a.campaign_id = ? and c.consent = 'none'",
    ),
  };
  expect(db.prepare('select disposition from call_attempts where id = ?').pluck().get(attemptId)).toBe(
    'booked_viewing',
  );
  db.close();
  // Only customers who said yes were ever dialled, each of them once.
  expect(figures.noConsentCalled).toBe(0);
  expect(figures.customersCalled).toBe(willingCount);

  // --- The campaign list shows this campaign's own figures.
  await nav(page, 'Campaigns');
  const row = page
    .getByRole('table', { name: 'Campaign list' })
    .getByRole('row')
    .filter({ hasText: 'Seagrape Cove launch' });
  const cells = row.getByRole('cell');
  await expect(cells.nth(2)).toHaveText('cancelled');
  await expect(cells.nth(3)).toHaveText(figures.customersCalled.toLocaleString('en-US'));
  await expect(cells.nth(4)).toHaveText('0');
  await expect(cells.nth(5)).toHaveText(
    `${figures.finished.toLocaleString('en-US')} / ${figures.attempts.toLocaleString('en-US')}`,
  );
  await page.screenshot({ path: 'docs/screenshots/first-hour-campaigns.png' });
  // The campaign's pace strip (the monitor's figures, from the same progress) agrees.
  await row.getByRole('link', { name: 'Seagrape Cove launch' }).click();
  const pace = page.getByLabel('Live pace');
  await expect(pace).toContainText(`${figures.finished} done`);
  await expect(pace).toContainText('0 live');
  await expect(pace).toContainText('0 queued');

  // --- The dashboard: cards and comparison row against the same counts.
  await nav(page, 'Dashboard');
  await page.getByLabel('Campaign', { exact: true }).selectOption(String(campaignId));
  await expect(page.getByTestId('kpi-dialled')).toContainText(figures.dialled.toLocaleString('en-US'));
  await expect(page.getByTestId('kpi-answer-rate')).toContainText(
    `${((figures.answered / figures.dialled) * 100).toFixed(1)} %`,
  );
  await expect(page.getByTestId('kpi-conversions')).toContainText(String(figures.converted));
  await expect(page.getByTestId('kpi-cost')).toContainText(money(figures.cost));
  await expect(page.getByTestId('kpi-roi')).toHaveAttribute('title', /ROI = \(revenue − cost\) ÷ cost/);
  const results = page
    .getByTestId('campaign-results')
    .getByRole('row')
    .filter({ hasText: 'Seagrape Cove launch' });
  // Targeted: everyone imported matches, those who said no included; calls never shrink it below those dialled.
  await expect(results.getByRole('cell').nth(2)).toHaveText('150');
  await expect(results.getByRole('cell').nth(3)).toHaveText(figures.customersCalled.toLocaleString('en-US'));
  await expect(results.getByRole('cell').nth(5)).toHaveText(String(figures.converted));
  await expect(page.locator('.recharts-legend-wrapper').first()).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/first-hour-dashboard.png', fullPage: true });

  // --- The call history lists every call placed.
  await nav(page, 'Call history');
  await page.getByLabel('Campaign', { exact: true }).selectOption(String(campaignId));
  await expect(page.getByTestId('history-total')).toHaveText(
    `${figures.dialled.toLocaleString('en-US')} calls`,
  );
});

test('phone numbers are never cut at 1024 px', async ({ browser }) => {
  const page = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
  await page.goto(appUrl('customers'));
  const phones = page
    .getByRole('table', { name: 'Customers' })
    .getByRole('row')
    .locator('[role="cell"]:nth-child(2)');
  await expect(phones.first()).toHaveText(/^\+\d+/);
  const cut = await phones.evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth).length);
  expect(cut).toBe(0);
  expect(await phones.count()).toBeGreaterThan(10);
});
