import type { HandlersOf } from '../../shared/contract/define';
import type { settingsMethods } from '../../shared/contract/settings';
import type { AppContext } from '../app-context';
import { getSettings, updateSettings } from './settings-store';

export function settingsHandlers({ db }: AppContext): HandlersOf<typeof settingsMethods> {
  return {
    'settings.get': () => getSettings(db),
    'settings.update': (patch) => updateSettings(db, patch),
  };
}
