import { chromium } from '@playwright/test';

const [url, out, action] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
page.on('console', (m) => console.log('console:', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(url);
await page.waitForTimeout(1500);
if (action === 'search') {
  await page.getByLabel('Search customers').fill('Amelia Whitford');
  await page.waitForTimeout(1000);
  await page.getByRole('row').nth(1).click();
  await page.waitForTimeout(300);
}
await page.screenshot({ path: out });
await browser.close();
