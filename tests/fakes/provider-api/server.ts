import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeCredentials } from './credentials';
import { type FakeCall, type Registration, segmentsOf } from './fake-calls';
import {
  conversationJson,
  conversationSummaryJson,
  twilioCallJson,
  twilioError,
  twilioPage,
  unansweredConversationJson,
} from './render';
import { type CallScenario, scenarioByLastDigit } from './scenarios';

export type FaultKind = 401 | 404 | 429 | 500 | 503 | 'timeout' | 'timeout-after-effect';
export interface FaultRule {
  method?: string;
  path: RegExp;
  kind: FaultKind;
  retryAfterSeconds?: number;
  /** How many requests it hits (default 1). */
  times?: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  /** JSON body (ElevenLabs) or form fields (Twilio). */
  body: Record<string, unknown>;
  at: number;
  /** 'no answer, done': the request hung but its work (e.g. placing the call) was done. */
  answeredWith?: number | 'no answer' | 'no answer, done';
}

export interface FakeProviderApiOptions {
  port?: number;
  /** The fake's clock: share a VirtualClock's `now` so calls progress in virtual time. */
  now?: () => number;
  scenario?: (to: string) => CallScenario;
  /** Share of dial requests (register-call, outbound-call, Calls.json create) that fail, seeded. */
  dialFaults?: { rate: number; seed: number; kinds: FaultKind[] };
}

export interface FakeProviderApi {
  url: string;
  port: number;
  requests: LoggedRequest[];
  calls: Map<string, FakeCall>;
  setScenario(to: string, scenario: CallScenario): void;
  inject(rule: FaultRule): void;
  close(): Promise<void>;
}

const dialPath =
  /^\/(v1\/convai\/twilio\/(register-call|outbound-call)|2010-04-01\/Accounts\/[^/]+\/Calls\.json)$/;

/**
 * A local stand-in for the parts of Twilio's and ElevenLabs' REST APIs Navaia uses, speaking their
 * paths, auth and JSON. Calls follow scripted scenarios on the fake's clock; faults can be injected.
 * State lives in the server, so an app can stop and start again against the same calls.
 */
export async function startFakeProviderApi(options: FakeProviderApiOptions = {}): Promise<FakeProviderApi> {
  const now = options.now ?? Date.now;
  const creds = fakeCredentials;
  const calls = new Map<string, FakeCall>();
  const registrations = new Map<string, Registration>();
  const scenarios = new Map<string, CallScenario>();
  const rules: FaultRule[] = [];
  const requests: LoggedRequest[] = [];
  const conversationOwner = new Map<string, FakeCall>();
  let counter = 0;
  let faultSeed = options.dialFaults?.seed ?? 1;
  const nextRandom = () => {
    // mulberry32: a seeded fault pattern makes a failing run reproducible.
    faultSeed = (faultSeed + 0x6d2b79f5) | 0;
    let t = Math.imul(faultSeed ^ (faultSeed >>> 15), 1 | faultSeed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const id = (prefix: string, width = 32) => `${prefix}${(++counter).toString(16).padStart(width, '0')}`;

  const newCall = (to: string, from: string, phase: FakeCall['phases'][number] | undefined): FakeCall => {
    const call: FakeCall = {
      sid: id('CA'),
      accountSid: creds.twilio.accountSid,
      to,
      from,
      createdAt: now(),
      scenario: scenarios.get(to) ?? (options.scenario ?? scenarioByLastDigit)(to),
      phoneNumberId: creds.elevenlabs.phoneNumberId,
      phases: phase ? [phase] : [],
      conversationIds: [],
      updates: [],
    };
    calls.set(call.sid, call);
    return call;
  };

  /** A stream phase gets its conversation id at once (outbound-call answers with it). */
  const addPhase = (call: FakeCall, twiml: string) => {
    const registrationId = /name="registration_id" value="([^"]+)"/.exec(twiml)?.[1];
    const client = /<Client>([^<]+)<\/Client>/.exec(twiml)?.[1];
    const registration = registrationId ? registrations.get(registrationId) : undefined;
    if (registration) {
      call.phases.push({ at: now(), kind: 'stream', registration });
      const conversationId = id('conv_', 20);
      call.conversationIds.push(conversationId);
      conversationOwner.set(conversationId, call);
      return true;
    }
    if (client) {
      call.phases.push({ at: now(), kind: 'client', identity: client });
      return true;
    }
    return false;
  };

  const register = (body: Record<string, unknown>, to: string, from: string): Registration => {
    const data = (body.conversation_initiation_client_data ?? {}) as {
      dynamic_variables?: Record<string, unknown>;
    };
    const registration = {
      id: id('reg_', 12),
      agentId: String(body.agent_id),
      from,
      to,
      dynamicVariables: data.dynamic_variables ?? {},
    };
    registrations.set(registration.id, registration);
    return registration;
  };

  type Reply = { status: number; json?: unknown; text?: string; headers?: Record<string, string> };
  const json = (status: number, body: unknown): Reply => ({ status, json: body });
  const elevenNotFound = (what: string) =>
    json(404, { detail: { status: 'not_found', message: `${what} not found` } });

  const elevenlabs = (req: LoggedRequest): Reply => {
    if (req.headers['xi-api-key'] !== creds.elevenlabs.apiKey)
      return json(401, { detail: { status: 'invalid_api_key', message: 'Invalid API key' } });
    const body = req.body;
    if (req.method === 'POST' && req.path === '/v1/convai/twilio/register-call') {
      const registration = register(body, String(body.to_number), String(body.from_number));
      return {
        status: 200,
        text: `<?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="wss://api.elevenlabs.io/v1/convai/conversation/twilio"><Parameter name="registration_id" value="${registration.id}"/></Stream></Connect></Response>`,
        headers: { 'content-type': 'text/xml' },
      };
    }
    if (req.method === 'POST' && req.path === '/v1/convai/twilio/outbound-call') {
      if (body.agent_phone_number_id !== creds.elevenlabs.phoneNumberId)
        return elevenNotFound('Phone number');
      const from = creds.twilio.callerNumbers[0];
      const registration = register(body, String(body.to_number), from);
      const call = newCall(String(body.to_number), from, undefined);
      call.phases.push({ at: now(), kind: 'stream', registration });
      const conversationId = id('conv_', 20);
      call.conversationIds.push(conversationId);
      conversationOwner.set(conversationId, call);
      return json(200, {
        success: true,
        message: 'Success',
        conversation_id: conversationId,
        callSid: call.sid,
      });
    }
    const conversationPath = /^\/v1\/convai\/conversations\/([^/]+)$/.exec(req.path);
    if (req.method === 'GET' && conversationPath) {
      const conversationId = conversationPath[1];
      const call = conversationOwner.get(conversationId);
      if (!call) return elevenNotFound('Conversation');
      const segment = segmentsOf(call).find((s) => s.conversationId === conversationId);
      return json(
        200,
        segment
          ? conversationJson(segment, now())
          : unansweredConversationJson(call, conversationId, creds.elevenlabs.agentId, now()),
      );
    }
    if (req.method === 'GET' && req.path === '/v1/convai/conversations') {
      const filters = req.query.getAll('dynamic_variable_params').map((f) => f.split(':'));
      const after = Number(req.query.get('call_start_after_unix') ?? 0);
      const agent = req.query.get('agent_id');
      const found = [...calls.values()]
        .flatMap((call) => segmentsOf(call))
        .filter((s) => s.startAt <= now() && s.startAt / 1000 >= after)
        .filter((s) => !agent || s.registration.agentId === agent)
        .filter((s) =>
          filters.every(([name, op, ...rest]) => {
            const actual = String(s.registration.dynamicVariables[name] ?? '');
            const wanted = rest.join(':');
            return op === 'neq' ? actual !== wanted : actual === wanted;
          }),
        )
        .sort((a, b) => b.startAt - a.startAt);
      const pageSize = Number(req.query.get('page_size') ?? 30);
      return json(200, {
        conversations: found.slice(0, pageSize).map((s) => conversationSummaryJson(s, now())),
        has_more: found.length > pageSize,
        next_cursor: null,
      });
    }
    const agentPath = /^\/v1\/convai\/agents\/([^/]+)$/.exec(req.path);
    if (req.method === 'GET' && agentPath) {
      const agentId = agentPath[1];
      if (agentId !== creds.elevenlabs.agentId) return elevenNotFound('Agent');
      return json(200, {
        agent_id: agentId,
        name: 'Navaia fake agent',
        conversation_config: {},
        metadata: { created_at_unix_secs: 1_700_000_000, updated_at_unix_secs: 1_700_000_000 },
        platform_settings: {},
        phone_numbers: [],
        tags: [],
      });
    }
    const numberPath = /^\/v1\/convai\/phone-numbers\/([^/]+)$/.exec(req.path);
    if (req.method === 'GET' && numberPath) {
      const numberId = numberPath[1];
      if (numberId !== creds.elevenlabs.phoneNumberId) return elevenNotFound('Phone number');
      return json(200, {
        provider: 'twilio',
        phone_number: creds.twilio.callerNumbers[0],
        label: 'Navaia main line',
        phone_number_id: numberId,
        supports_inbound: true,
        supports_outbound: true,
      });
    }
    return elevenNotFound('Route');
  };

  const twilioAuthorised = (req: LoggedRequest) => {
    const [user, pass] = Buffer.from(String(req.headers.authorization ?? '').replace(/^Basic /, ''), 'base64')
      .toString()
      .split(':');
    const t = creds.twilio;
    return (
      (user === t.accountSid && pass === t.authToken) || (user === t.apiKeySid && pass === t.apiKeySecret)
    );
  };

  const twilio = (req: LoggedRequest): Reply => {
    if (!twilioAuthorised(req)) return json(401, twilioError(401, 20003, 'Authenticate'));
    const prefix = `/2010-04-01/Accounts/${creds.twilio.accountSid}`;
    if (!req.path.startsWith(prefix))
      return json(404, twilioError(404, 20404, 'The requested resource was not found'));
    const rest = req.path.slice(prefix.length);
    const f = req.body as Record<string, string>;
    if (req.method === 'GET' && rest === '.json')
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
      const call = newCall(f.To, f.From, undefined);
      if (!addPhase(call, f.Twiml ?? '')) {
        calls.delete(call.sid);
        return json(400, twilioError(400, 12100, 'Document parse failure'));
      }
      return json(201, twilioCallJson(call, now()));
    }
    if (req.method === 'GET' && rest === '/Calls.json') {
      const to = req.query.get('To');
      const list = [...calls.values()]
        .filter((c) => !to || c.to === to)
        .sort((a, b) => b.createdAt - a.createdAt)
        .map((c) => twilioCallJson(c, now()));
      return json(200, twilioPage('calls', list, req.path, Number(req.query.get('PageSize') ?? 50)));
    }
    const callPath = /^\/Calls\/(CA[0-9a-f]{32})\.json$/.exec(rest);
    if (callPath) {
      const callSid = callPath[1];
      const call = calls.get(callSid);
      if (!call)
        return json(404, twilioError(404, 20404, `The requested resource ${req.path} was not found`));
      if (req.method === 'POST') {
        const live = !['completed', 'busy', 'no-answer', 'canceled', 'failed'].includes(
          twilioCallJson(call, now()).status,
        );
        if (!live) return json(400, twilioError(400, 21220, 'Call is not in-progress. Cannot redirect.'));
        call.updates.push({ at: now(), twiml: f.Twiml, status: f.Status });
        if (f.Status === 'completed' || f.Status === 'canceled') call.hungUpAt = now();
        else if (f.Twiml && !addPhase(call, f.Twiml))
          return json(400, twilioError(400, 12100, 'Document parse failure'));
      }
      return json(200, twilioCallJson(call, now()));
    }
    return json(404, twilioError(404, 20404, 'The requested resource was not found'));
  };

  const faultFor = (req: LoggedRequest): FaultRule | undefined => {
    const rule = rules.find((r) => r.path.test(req.path) && (!r.method || r.method === req.method));
    if (rule) {
      rule.times = (rule.times ?? 1) - 1;
      if (rule.times <= 0) rules.splice(rules.indexOf(rule), 1);
      return rule;
    }
    const random = options.dialFaults;
    if (random && req.method === 'POST' && dialPath.test(req.path) && nextRandom() < random.rate) {
      const kind = random.kinds[Math.floor(nextRandom() * random.kinds.length)];
      return { path: dialPath, kind, retryAfterSeconds: 2 };
    }
    return undefined;
  };

  const send = (res: ServerResponse, reply: Reply) => {
    const body = reply.text ?? JSON.stringify(reply.json);
    res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
    res.end(body);
  };

  const server = createServer((incoming, res) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://fake');
      const raw = Buffer.concat(chunks).toString();
      const isJson = String(incoming.headers['content-type'] ?? '').includes('json');
      const body = !raw
        ? {}
        : isJson
          ? (JSON.parse(raw) as Record<string, unknown>)
          : Object.fromEntries(new URLSearchParams(raw));
      const req: LoggedRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body,
        at: now(),
      };
      requests.push(req);
      const handle = req.path.startsWith('/v1/') ? elevenlabs : twilio;
      const fault = faultFor(req);
      if (fault?.kind === 'timeout' || fault?.kind === 'timeout-after-effect') {
        // The request hangs until the client gives up; with an after-effect the work was done anyway.
        if (fault.kind === 'timeout-after-effect') handle(req);
        req.answeredWith = fault.kind === 'timeout' ? 'no answer' : 'no answer, done';
        return;
      }
      const reply: Reply = fault
        ? {
            status: fault.kind,
            json: req.path.startsWith('/v1/')
              ? { detail: { status: 'fault', message: `Injected ${fault.kind}` } }
              : twilioError(fault.kind, fault.kind === 429 ? 20429 : 20500, `Injected ${fault.kind}`),
            headers: fault.retryAfterSeconds ? { 'retry-after': String(fault.retryAfterSeconds) } : {},
          }
        : handle(req);
      req.answeredWith = reply.status;
      send(res, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    calls,
    setScenario: (to, scenario) => scenarios.set(to, scenario),
    inject: (rule) => rules.push(rule),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
