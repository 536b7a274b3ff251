/**
 * One run of the app on a real-provider campaign, for the crash test: the test kills it with SIGKILL
 * mid-campaign and starts another. Args: dbFile fakeUrl startAt speed t0 [campaignIdToStart].
 */
import { openDatabase } from '@core/db/open';
import { campaignStatus, createRealProviderApp } from './campaign-app';
import { createFastClock } from './provider-setup';

const [dbFile, fakeUrl, startAt, speed, t0, toStart] = process.argv.slice(2);
const db = openDatabase(dbFile);
const clock = createFastClock(Number(startAt), Number(speed), Number(t0));
const app = createRealProviderApp(db, dbFile, clock, fakeUrl);
await app.start();
if (toStart) app.engine.startCampaign(Number(toStart));
const campaignId = Number(toStart || 1);
const timer = setInterval(() => {
  if (campaignStatus(db, campaignId) === 'completed') {
    clearInterval(timer);
    void app.close().then(() => process.exit(0));
  }
}, 20);
