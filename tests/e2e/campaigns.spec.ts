import { expect, test } from '@playwright/test';
import { appUrl } from './app-url';

test('build an audience, watch the count change, and save a campaign from the Booking reminder template', async ({
  page,
}) => {
  await page.goto(appUrl('campaigns'));
  await page.getByRole('button', { name: /Booking reminder/ }).click();
  await expect(page.getByLabel('Campaign name')).toHaveValue('Viewing reminders');
  const eligible = page.getByTestId('audience-eligible');
  await expect(eligible).toHaveText(/\d/);
  const before = await eligible.textContent();
  await expect(page.getByText(/Customers whose viewing scheduled in the next 2 days/)).toBeVisible();

  // Widen the window to 14 days: more customers match.
  await page.getByLabel('Viewing value').fill('14');
  await expect(eligible).not.toHaveText(before!);
  const wider = Number((await eligible.textContent())!.replace(/\D/g, ''));
  expect(wider).toBeGreaterThan(Number(before!.replace(/\D/g, '')));

  // Add a rule: only Miami.
  await page.getByRole('button', { name: '+ Rule' }).first().click();
  const fieldSelects = page.locator('.rule-fields');
  await fieldSelects.last().selectOption('city');
  await page.locator('.rule-operators').last().selectOption('=');
  await page.getByLabel('City value').selectOption('Miami');
  await expect(page.getByText(/and city is Miami/)).toBeVisible();
  await expect
    .poll(async () => Number((await eligible.textContent())!.replace(/\D/g, '')))
    .toBeLessThan(wider);

  await expect(page.getByTestId('script-preview')).toContainText('Navaia Realty');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/#\/campaigns\/\d+/);
  await page.reload();
  await expect(page.getByLabel('Campaign name')).toHaveValue('Viewing reminders');
  await page.getByRole('button', { name: '← Campaigns' }).click();
  await expect(page.getByRole('table', { name: 'Campaign list' })).toContainText('Viewing reminders');
  await expect(page.getByRole('table', { name: 'Campaign list' })).toContainText('draft');
});

test('a campaign is duplicated, a draft deleted, and one archived and brought back, from the list', async ({
  page,
}) => {
  await page.goto(appUrl('campaigns'));
  const list = page.getByRole('table', { name: 'Campaign list' });
  await page.getByRole('button', { name: 'Duplicate Viewing reminders' }).click();
  // The copy opens in the editor, as a draft.
  await expect(page.getByRole('heading', { name: 'Viewing reminders (copy)' })).toBeVisible();
  await page.getByRole('button', { name: '← Campaigns' }).click();
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Delete Viewing reminders (copy)' }).click();
  await expect(list).not.toContainText('Viewing reminders (copy)');
  await page.getByRole('button', { name: 'Archive Viewing reminders' }).click();
  await expect(list.getByRole('row', { name: /Viewing reminders/ })).toHaveCount(0);
  await page.getByLabel('Show archived campaigns').check();
  await expect(list.getByRole('row', { name: /Viewing reminders/ })).toContainText('archived');
  await page.getByRole('button', { name: 'Unarchive Viewing reminders' }).click();
  await page.getByLabel('Show archived campaigns').uncheck();
  await expect(list.getByRole('row', { name: /Viewing reminders/ })).toHaveCount(1);
});
