import { sql } from 'drizzle-orm';
import { audienceFields, type audienceMethods } from '../../shared/contract/audience';
import type { HandlersOf } from '../../shared/contract/define';
import type { AppContext } from '../app-context';
import { getSettings } from '../settings/settings-store';
import { countAudience, sampleAudience } from './count-audience';

const valueColumns = { city: 'city', neighborhood: 'neighborhood', timeZone: 'time_zone' } as const;

export function audienceHandlers(context: AppContext): HandlersOf<typeof audienceMethods> {
  const { db, clock } = context;
  const options = () => ({ now: clock.now(), frequencyCapDays: getSettings(db).frequencyCapDays });
  return {
    'audience.count': ({ criteria }) => countAudience(db, criteria, options()),
    'audience.sample': ({ criteria, limit }) => sampleAudience(db, criteria, { ...options(), limit }),
    'audience.fields': () => audienceFields,
    'audience.values': ({ field }) =>
      db
        .all<{ v: string }>(
          sql`select distinct ${sql.raw(valueColumns[field])} as v from customers where v is not null order by v limit 500`,
        )
        .map((r) => r.v),
  };
}
