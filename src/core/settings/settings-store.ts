import { eq } from 'drizzle-orm';
import { type Settings, settingsSchema } from '../../shared/contract/settings';
import { AppError } from '../../shared/errors';
import type { Db } from '../db/open';
import { settings } from '../db/schema';

const key = 'general';

/** The supervisor's settings, with defaults for anything never set. */
export function getSettings(db: Db): Settings {
  const row = db.select().from(settings).where(eq(settings.key, key)).get();
  const parsed = settingsSchema.safeParse(row?.value ?? {});
  // A value saved by an older version that no longer validates falls back to the defaults.
  return parsed.success ? parsed.data : settingsSchema.parse({});
}

export function updateSettings(db: Db, patch: Partial<Settings>): Settings {
  const next = settingsSchema.safeParse({ ...getSettings(db), ...patch });
  if (!next.success) {
    const issue = next.error.issues[0];
    throw new AppError(
      'invalid_input',
      `${issue.path.join('.') || 'settings'}: ${issue.message}`,
      next.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  db.insert(settings)
    .values({ key, value: next.data })
    .onConflictDoUpdate({ target: settings.key, set: { value: next.data } })
    .run();
  return next.data;
}
