import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/open';
import { settings } from '../db/schema';

const key = 'install';

/**
 * This installation's stable random id, made on first use and kept with the settings. Agents' softphone
 * identities include it, so two installs sharing a Twilio account never ring each other's agents.
 */
export function installIdOf(db: Db): string {
  const row = db.select().from(settings).where(eq(settings.key, key)).get();
  const existing = (row?.value as { installId?: unknown } | undefined)?.installId;
  if (typeof existing === 'string' && /^[a-z0-9]{8,32}$/.test(existing)) return existing;
  const installId = randomBytes(6).toString('hex');
  db.insert(settings)
    .values({ key, value: { installId } })
    .onConflictDoUpdate({ target: settings.key, set: { value: { installId } } })
    .run();
  return installId;
}
