import type { CallEnvironment } from './fake-calls';
import { advance, endCall, type FakeCall, runTwiml, viewCall } from './fake-calls';
import type { FakeState } from './fake-state';
import type { LoggedRequest, Reply } from './http';
import { json } from './http';
import { twilioCallJson, twilioError, twilioPage } from './render';
import { parseTwiml } from './twiml';

type NewCall = (
  c: Omit<FakeCall, 'sid' | 'createdAt' | 'activities' | 'conversations' | 'updates' | 'notified'>,
) => FakeCall;

/** Who the Basic auth is: the account itself (auth token), a standard API key, or nobody. */
function principalOf(state: FakeState, req: LoggedRequest): 'account' | 'api-key' | undefined {
  const [user, pass] = Buffer.from(String(req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
    .toString()
    .split(':');
  const t = state.creds.twilio;
  if (user === t.accountSid && pass === t.authToken) return 'account';
  if (user === t.apiKeySid && pass === t.apiKeySecret) return 'api-key';
  return undefined;
}

const notFound = (path: string) =>
  json(404, twilioError(404, 20404, `The requested resource ${path} was not found`));

/** The part of Twilio's REST API Navaia uses: the account, its numbers, and calls. */
export function twilioRoutes(state: FakeState, newCall: NewCall, env: CallEnvironment) {
  const { creds } = state;
  return (req: LoggedRequest): Reply => {
    const principal = principalOf(state, req);
    if (!principal) return json(401, twilioError(401, 20003, 'Authenticate'));
    const prefix = `/2010-04-01/Accounts/${creds.twilio.accountSid}`;
    if (!req.path.startsWith(prefix)) return notFound(req.path);
    const rest = req.path.slice(prefix.length);
    const f = req.body as Record<string, string>;
    if (req.method === 'GET' && rest === '.json') {
      // Standard API keys may not read the Accounts resource (Twilio: "API keys … cannot access /Accounts").
      if (principal === 'api-key') return json(401, twilioError(401, 20003, 'Authenticate'));
      return json(200, {
        sid: creds.twilio.accountSid,
        friendly_name: 'Navaia fake account',
        status: 'active',
        type: 'Full',
        owner_account_sid: creds.twilio.accountSid,
        date_created: 'Mon, 01 Jan 2024 00:00:00 +0000',
        date_updated: 'Mon, 01 Jan 2024 00:00:00 +0000',
        uri: `${prefix}.json`,
        subresource_uris: {},
      });
    }
    if (req.method === 'GET' && rest === '/IncomingPhoneNumbers.json') {
      const wanted = req.query.get('PhoneNumber');
      const owned = creds.twilio.callerNumbers
        .filter((n) => !wanted || n === wanted)
        .map((phone, i) => ({
          sid: `PN${String(i + 1).padStart(32, '0')}`,
          account_sid: creds.twilio.accountSid,
          phone_number: phone,
          friendly_name: phone,
          capabilities: { voice: true, sms: true, mms: false, fax: false },
          status: 'in-use',
        }));
      return json(
        200,
        twilioPage('incoming_phone_numbers', owned, req.path, Number(req.query.get('PageSize') ?? 50)),
      );
    }
    if (req.method === 'POST' && rest === '/Calls.json') {
      if (!/^\+[1-9]\d{6,14}$/.test(f.To ?? ''))
        return json(400, twilioError(400, 21217, 'Phone number does not appear to be valid'));
      if (!creds.twilio.callerNumbers.includes(f.From))
        return json(400, twilioError(400, 21210, "'From' phone number not verified"));
      const verbs = parseTwiml(f.Twiml ?? '');
      if (!verbs) return json(400, twilioError(400, 12100, 'Document parse failure'));
      const call = newCall({
        accountSid: creds.twilio.accountSid,
        to: f.To,
        from: f.From,
        scenario: state.scenarioFor(f.To),
        phoneNumberId: creds.elevenlabs.phoneNumberId,
        ringTimeoutMs: Number(f.Timeout ?? 60) * 1000,
        amd: f.MachineDetection
          ? { mode: f.MachineDetection, async: f.AsyncAmd === 'true', callbackUrl: f.AsyncAmdStatusCallback }
          : undefined,
        statusCallback: f.StatusCallback
          ? {
              url: f.StatusCallback,
              events: req.form.getAll('StatusCallbackEvent').flatMap((e) => e.split(' ')),
            }
          : undefined,
        initialVerbs: verbs,
      });
      return json(201, twilioCallJson(call, state.now()));
    }
    if (req.method === 'GET' && rest === '/Calls.json') {
      const to = req.query.get('To');
      const list = [...state.calls.values()]
        .filter((c) => c.accountSid === creds.twilio.accountSid && (!to || c.to === to))
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((c) => twilioCallJson(c, state.now()));
      return json(200, twilioPage('calls', list, req.path, Number(req.query.get('PageSize') ?? 50)));
    }
    const callPath = /^\/Calls\/(CA[0-9a-f]{32})\.json$/.exec(rest);
    if (callPath) {
      const call = state.calls.get(callPath[1]);
      // A call of another account (an ElevenLabs-placed call on the number's own account) is not found.
      if (!call || call.accountSid !== creds.twilio.accountSid) return notFound(req.path);
      const now = state.now();
      advance(call, now, env);
      if (req.method === 'POST') {
        const status = viewCall(call, now).status;
        if (!['queued', 'ringing', 'in-progress'].includes(status))
          return json(400, twilioError(400, 21220, 'Call is not in-progress. Cannot redirect.'));
        if (f.Status === 'completed' || f.Status === 'canceled') {
          call.updates.push({ at: now, twiml: undefined, status: f.Status });
          call.hungUpAt = now;
          endCall(call, now);
        } else if (f.Twiml) {
          const verbs = parseTwiml(f.Twiml);
          if (!verbs) return json(400, twilioError(400, 12100, 'Document parse failure'));
          call.updates.push({ at: now, twiml: f.Twiml, status: undefined });
          // Before the answer the new TwiML is what runs once the customer picks up.
          if (viewCall(call, now).answered) runTwiml(call, verbs, now);
          else call.initialVerbs = verbs;
          advance(call, now, env);
        }
      }
      return json(200, twilioCallJson(call, now));
    }
    return notFound(req.path);
  };
}
