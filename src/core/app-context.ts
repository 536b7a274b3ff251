import type { AppInfo } from '../shared/contract/system';
import type { Clock } from './clock/clock';
import type { Db } from './db/open';
import type { EventBus } from './events/event-bus';
import type { Logger } from './logging/logger';
import type { VoiceAgentProvider } from './providers/provider';

/** Everything a feature's services may use; built once in app.ts and passed down. */
export interface AppContext {
  db: Db;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  host: AppInfo['host'];
  dataFile: string;
  /** Providers by name; `simulator` is always present. */
  providers: Map<string, VoiceAgentProvider>;
}
