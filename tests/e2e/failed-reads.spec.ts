import { expect, type Page, test } from '@playwright/test';
import { appUrl } from './app-url';

/**
 * Makes the host refuse the named contract methods for this page, by answering them on the page's own
 * WebSocket (everything else reaches the host as usual). `failing` is read at each call, so a test can
 * let the reads through again.
 */
async function refuse(page: Page, failing: Set<string>) {
  await page.routeWebSocket(/\/rpc/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const call = JSON.parse(String(message)) as { id: number; method: string };
      if (!failing.has(call.method)) return server.send(message);
      ws.send(
        JSON.stringify({
          type: 'response',
          id: call.id,
          response: { ok: false, error: { code: 'unavailable', message: 'the host is unavailable (test)' } },
        }),
      );
    });
  });
}

test('a read that fails says so with Retry, not "Loading…" for ever, and Retry reads it again', async ({
  page,
}) => {
  const failing = new Set(['settings.get', 'dnc.list']);
  await refuse(page, failing);
  await page.goto(appUrl('settings'));
  const failed = page.getByRole('alert').filter({ hasText: 'The settings could not be read' });
  await expect(failed).toContainText('the host is unavailable (test)');
  await expect(page.getByText('Loading…')).toHaveCount(0);

  // The host answers again: Retry brings the screen, and the do-not-call list says it failed on its own.
  failing.delete('settings.get');
  await failed.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByLabel('Company name')).toBeVisible();
  const dnc = page.getByRole('region', { name: 'Do-not-call list' });
  await expect(dnc.getByRole('alert')).toContainText(
    'The do-not-call list could not be read: the host is unavailable (test)',
  );
  failing.delete('dnc.list');
  await dnc.getByRole('button', { name: 'Retry' }).click();
  await expect(dnc.getByRole('heading')).toContainText(/\(\d+ numbers\)/);
  await expect(dnc.getByRole('alert')).toHaveCount(0);
});

test('the campaign list and the call history say their read failed, each with Retry', async ({ page }) => {
  const failing = new Set(['campaigns.list', 'calls.history']);
  await refuse(page, failing);
  await page.goto(appUrl('campaigns'));
  await expect(page.getByRole('alert').filter({ hasText: 'The campaigns could not be read' })).toBeVisible();
  await page.goto(appUrl('history'));
  const history = page.getByRole('alert').filter({ hasText: 'The call history could not be read' });
  await expect(history).toBeVisible();
  await expect(page.getByTestId('history-total')).not.toHaveText('Loading…');
  failing.clear();
  await history.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('history-total')).toHaveText(/\d+ calls/);
});

test('an action that fails raises a notice in words', async ({ page }) => {
  const failing = new Set(['campaigns.duplicate']);
  await refuse(page, failing);
  await page.goto(appUrl('campaigns/new'));
  await page.getByLabel('Campaign name').fill('Notice check');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page).toHaveURL(/#\/campaigns\/\d+/);
  await page.getByRole('button', { name: '← Campaigns' }).click();
  await page.getByRole('button', { name: 'Duplicate Notice check' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Duplicating the campaign failed' })).toContainText(
    'the host is unavailable (test)',
  );
  await page.getByRole('button', { name: 'Dismiss notice' }).click();
  await expect(page.getByRole('button', { name: 'Dismiss notice' })).toHaveCount(0);
  // The draft goes again, so the other tests see the campaigns they made.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Delete Notice check' }).click();
  await expect(page.getByRole('table', { name: 'Campaign list' })).not.toContainText('Notice check');
});
