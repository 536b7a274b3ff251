/** Rehearses campaign `id` of a database in its own process, so a frozen rehearsal can be killed. */
import { createApp } from '@core/app';
import { openDatabase } from '@core/db/open';
import { silentLogger } from '@core/logging/logger';

const [dbFile, id] = process.argv.slice(2);
const app = createApp({ db: openDatabase(dbFile), logger: silentLogger, host: 'cli', dataFile: dbFile });
const reply = await app.dispatch(
  'campaigns.rehearse',
  { id: Number(id), maxCustomers: 1000 },
  { clientId: 't' },
);
process.stdout.write(JSON.stringify(reply));
await app.close();
