import { expect, type Page } from '@playwright/test';

/** Saves the campaign open in the editor, starts it, waits until it runs, and returns its id. */
export async function saveAndStartCampaign(page: Page): Promise<number> {
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/#\/campaigns\/\d+/);
  const campaignId = Number(page.url().match(/campaigns\/(\d+)/)![1]);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.locator('.page-header .status')).toHaveText('running');
  return campaignId;
}
