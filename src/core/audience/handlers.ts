import { sql } from 'drizzle-orm';
import { audienceFields, type audienceMethods } from '../../shared/contract/audience';
import type { HandlersOf } from '../../shared/contract/define';
import type { AppContext } from '../app-context';
import { getSettings } from '../settings/settings-store';
import { countAudience, sampleAudience } from './count-audience';

/**
 * The values customers have for a field, for the builder's suggestions, read off an index by jumping from
 * one value to the next: cities and neighborhoods off the audience index's leading columns, time zones off
 * their own.
 */
const distinctValues = {
  city: sql`select distinct lifecycle_stage, city as v from customers`,
  neighborhood: sql`select distinct lifecycle_stage, city, neighborhood as v from customers`,
  timeZone: sql`select distinct time_zone as v from customers`,
} as const;

export function audienceHandlers(context: AppContext): HandlersOf<typeof audienceMethods> {
  const { db, clock } = context;
  const options = () => ({ now: clock.now(), frequencyCapDays: getSettings(db).frequencyCapDays });
  return {
    'audience.count': ({ criteria }) => countAudience(db, criteria, options()),
    'audience.sample': ({ criteria, limit }) => sampleAudience(db, criteria, { ...options(), limit }),
    'audience.fields': () => audienceFields,
    'audience.values': ({ field }) =>
      [...new Set(db.all<{ v: string | null }>(distinctValues[field]).flatMap((r) => r.v ?? []))]
        .sort()
        .slice(0, 500),
  };
}
