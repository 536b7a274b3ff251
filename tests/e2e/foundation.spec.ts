import { expect, test } from '@playwright/test';
import { appUrl } from './app-url';

test('the app opens in the browser host and finds a seeded customer', async ({ page }) => {
  await page.goto(appUrl('campaigns'));
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const name of ['Campaigns', 'Monitor', 'Customers', 'Dashboard', 'Settings']) {
    await expect(nav.getByRole('link', { name })).toBeVisible();
  }

  await nav.getByRole('link', { name: 'Customers' }).click();
  await expect(page.getByTestId('customer-total')).toHaveText(/10,000 customers/);

  await page.getByLabel('Search customers').fill('Amelia Whitford');
  await expect(page.getByTestId('customer-total')).toHaveText(/1 matching/);
  const row = page.getByRole('row').filter({ hasText: 'Amelia Whitford' });
  await expect(row).toContainText('+13055550142');
  await expect(row).toContainText('Brickell');
  await row.click();
  await expect(page.getByRole('complementary', { name: 'Customer details' })).toContainText(
    'America/New_York',
  );
  await page.screenshot({ path: 'docs/screenshots/customers.png' });
});

test('a reload keeps the session: the token survives in the tab', async ({ page }) => {
  await page.goto(appUrl('customers'));
  await expect(page.getByTestId('customer-total')).toHaveText(/customers/);
  expect(page.url()).not.toContain('token=');
  await page.reload();
  await expect(page.getByTestId('customer-total')).toHaveText(/10,000 customers/);
});

test('a wrong or missing access token is said so in the page, not "cannot reach the host"', async ({
  browser,
}) => {
  const wrong = await (await browser.newContext()).newPage();
  await wrong.goto('/?token=not-the-token#/customers');
  await expect(wrong.locator('.connection-problem')).toHaveText(
    'The Navaia host refused this page’s access token: it is wrong or out of date. Open the address `navaia serve` printed (it ends in ?token=…).',
  );
  const missing = await (await browser.newContext()).newPage();
  await missing.goto('/#/customers');
  await expect(missing.locator('.connection-problem')).toContainText('opened without its access token');
});

test('a setting that cannot be saved says what to do, beside its field', async ({ page }) => {
  await page.goto(appUrl('settings'));
  const cap = page.getByLabel('Call a customer at most once every (days, across campaigns)');
  await cap.fill('-1');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText(
    'Not saved. Call a customer at most once every (days): must be 0 or more',
  );
  await expect(cap).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('label', { has: cap }).locator('.field-error')).toHaveText('must be 0 or more');
  await page.reload();
  await expect(cap).toHaveValue('7');
});
