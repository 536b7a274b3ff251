/**
 * The fake Twilio + ElevenLabs API as a standalone server, for the browser e2e tests:
 *
 *   npx tsx tests/fakes/provider-api/start.ts --port 4610 [--softphone answers|no-answer]
 *     [--elevenlabs-webhook URL --elevenlabs-webhook-secret SECRET]
 *
 * prints `ready` once listening on 127.0.0.1. Point the app at it with
 * NAVAIA_ELEVENLABS_BASE_URL=http://127.0.0.1:4610 and NAVAIA_TWILIO_BASE_URL=http://127.0.0.1:4610, and use
 * the credentials in ./credentials.ts (any other key gets a 401). Calls run in real time — shifted like the
 * app's by NAVAIA_CLOCK_START, so signed timestamps agree; the last digit of the customer's number picks
 * the outcome (see scenarioByLastDigit in ./scenarios.ts). Softphones do not answer unless told to: no
 * browser here reaches Twilio's signalling.
 */
import { startFakeProviderApi } from './server';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const port = Number(arg('--port') ?? 0);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('usage: start.ts [--port N] [--softphone answers|no-answer]');
  process.exit(2);
}
const clockStart = process.env.NAVAIA_CLOCK_START ? Date.parse(process.env.NAVAIA_CLOCK_START) : Number.NaN;
const offset = Number.isNaN(clockStart) ? 0 : clockStart - Date.now();
const webhookUrl = arg('--elevenlabs-webhook');
const fake = await startFakeProviderApi({
  port,
  now: () => Date.now() + offset,
  softphoneAnswers: () => arg('--softphone') === 'answers',
  elevenlabsWebhook: webhookUrl
    ? {
        url: webhookUrl,
        secret: arg('--elevenlabs-webhook-secret') ?? '',
        events: ['transcript', 'call_initiation_failure', 'answering_machine_detection'],
      }
    : undefined,
});
console.error(`fake Twilio + ElevenLabs API on ${fake.url}`);
console.log('ready');
const stop = () => void fake.close().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
