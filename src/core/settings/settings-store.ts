import { eq } from 'drizzle-orm';
import { type Settings, settingsSchema } from '../../shared/contract/settings';
import { AppError } from '../../shared/errors';
import { plainIssueMessage, summariseIssues } from '../../shared/validation/plain-issues';
import type { Db } from '../db/open';
import { settings } from '../db/schema';

const key = 'general';

/**
 * Settings are read on the engine's hot path, so they are cached per database and read again only
 * when the file changed: SQLite's data_version moves whenever another connection (the CLI, another
 * window) commits, and updateSettings below drops the cache for this one.
 */
const cache = new WeakMap<Db, { version: number; value: Settings }>();

function dataVersion(db: Db): number {
  return db.$client.pragma('data_version', { simple: true }) as number;
}

/** The supervisor's settings, with defaults for anything never set. */
export function getSettings(db: Db): Settings {
  const version = dataVersion(db);
  const cached = cache.get(db);
  if (cached && cached.version === version) return cached.value;
  const row = db.select().from(settings).where(eq(settings.key, key)).get();
  const parsed = settingsSchema.safeParse(row?.value ?? {});
  // A value saved by an older version that no longer validates falls back to the defaults.
  const value = parsed.success ? parsed.data : settingsSchema.parse({});
  cache.set(db, { version, value });
  return value;
}

export function updateSettings(db: Db, patch: Partial<Settings>): Settings {
  const next = settingsSchema.safeParse({ ...getSettings(db), ...patch }, { error: plainIssueMessage });
  if (!next.success) {
    const issues = next.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    throw new AppError('invalid_input', summariseIssues(issues), issues);
  }
  db.insert(settings)
    .values({ key, value: next.data })
    .onConflictDoUpdate({ target: settings.key, set: { value: next.data } })
    .run();
  cache.delete(db);
  return next.data;
}
