/**
 * The fake Twilio + ElevenLabs API as a standalone server, for the browser e2e tests:
 *
 *   npx tsx tests/fakes/provider-api/start.ts --port 4610
 *
 * prints `ready` once listening on 127.0.0.1. Point the app at it with
 * NAVAIA_ELEVENLABS_BASE_URL=http://127.0.0.1:4610 and NAVAIA_TWILIO_BASE_URL=http://127.0.0.1:4610, and use
 * the credentials in ./credentials.ts (any other key gets a 401). Calls run in real time; the last digit
 * of the customer's number picks the outcome (see scenarioByLastDigit in ./scenarios.ts).
 */
import { startFakeProviderApi } from './server';

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 0;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('usage: start.ts [--port N]');
  process.exit(2);
}
const fake = await startFakeProviderApi({ port });
console.error(`fake Twilio + ElevenLabs API on ${fake.url}`);
console.log('ready');
const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
