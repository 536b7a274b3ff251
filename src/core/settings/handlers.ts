import type { HandlersOf } from '../../shared/contract/define';
import type { settingsMethods } from '../../shared/contract/settings';
import type { AppContext } from '../app-context';
import { addDnc, listDnc, normalisePhone, removeDnc } from '../compliance/dnc';
import { importDncCsv } from '../compliance/dnc-import';
import { getSettings, updateSettings } from './settings-store';

export function settingsHandlers({ db, clock }: AppContext): HandlersOf<typeof settingsMethods> {
  return {
    'settings.get': () => getSettings(db),
    'settings.update': (patch) => updateSettings(db, patch),
    'dnc.list': ({ search, limit }) => listDnc(db, search, limit),
    'dnc.add': ({ phone, reason }) =>
      addDnc(db, normalisePhone(phone, getSettings(db).defaultRegion), reason ?? null, clock.now()),
    'dnc.remove': ({ phone }) => ({
      removed: removeDnc(db, normalisePhone(phone, getSettings(db).defaultRegion)),
    }),
    'dnc.import': ({ csvText, region }) =>
      importDncCsv(db, csvText, { region: region ?? getSettings(db).defaultRegion, now: clock.now() }),
  };
}
