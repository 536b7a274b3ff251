import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, test } from '@playwright/test';
import { appUrl } from './app-url';

test('Settings → Backups exports a verified copy, and a file that is not a backup is refused as an error', async ({
  page,
}) => {
  // playwright.config.ts gives every run a fresh database; its backups folder sits beside it.
  const backups = join(dirname(process.env.NAVAIA_E2E_DB ?? ''), 'backups');
  mkdirSync(backups, { recursive: true });
  writeFileSync(join(backups, 'notes.db'), 'Dear diary, '.repeat(200));

  await page.goto(appUrl('settings'));
  const card = page.getByRole('region', { name: 'Backups' });
  await card.getByRole('button', { name: 'Export database now' }).click();
  await expect(card.getByRole('status')).toContainText('Exported and verified:');
  const table = card.getByRole('table', { name: 'Backups' });
  await expect(table.getByRole('row', { name: /navaia-export-.*\.db/ })).toHaveCount(1);

  page.once('dialog', (dialog) => void dialog.accept());
  await table
    .getByRole('row', { name: /notes\.db/ })
    .getByRole('button', { name: 'Restore at next start' })
    .click();
  await expect(card.getByRole('alert')).toContainText('is not a SQLite database');
  await expect(card.getByRole('status')).toHaveCount(0);
});
