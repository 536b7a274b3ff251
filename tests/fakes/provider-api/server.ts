import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { queueCallbacks } from './callbacks';
import { createConversation } from './conversations';
import { fakeCredentials, fakeElevenLabsTwilioAccountSid } from './credentials';
import { elevenlabsRoutes } from './elevenlabs-routes';
import { defaultAgents, type Json } from './fake-agents';
import {
  advance,
  type CallEnvironment,
  endCall,
  type FakeCall,
  type FakeConversation,
  type Registration,
  runTwiml,
} from './fake-calls';
import type { ElevenLabsWorkspaceWebhook, FakeState } from './fake-state';
import type { LoggedRequest, Reply } from './http';
import { createOutbox, type PushRecord, twilioCallback } from './outbox';
import { type CallScenario, scenarioByLastDigit } from './scenarios';
import { twilioRoutes } from './twilio-routes';
import { parseTwiml } from './twiml';

export type { LoggedRequest } from './http';

export type FaultKind = 401 | 404 | 429 | 500 | 503 | 'timeout' | 'timeout-after-effect';
export interface FaultRule {
  method?: string;
  path: RegExp;
  kind: FaultKind;
  retryAfterSeconds?: number;
  /** How many requests it hits (default 1). */
  times?: number;
}

export interface FakeProviderApiOptions {
  port?: number;
  /** The fake's clock: share a VirtualClock's `now` so calls progress in virtual time. */
  now?: () => number;
  scenario?: (to: string) => CallScenario;
  /** Share of dial requests (register-call, outbound-call, Calls.json create) that fail, seeded. */
  dialFaults?: { rate: number; seed: number; kinds: FaultKind[] };
  /** Whether an agent's softphone picks up a `<Dial><Client>` (default: it does). */
  softphoneAnswers?: (identity: string) => boolean;
  /** ElevenLabs' post-call webhook, as the user would set it in the ElevenLabs dashboard. */
  elevenlabsWebhook?: Omit<ElevenLabsWorkspaceWebhook, 'id'>;
}

export interface FakeProviderApi {
  url: string;
  port: number;
  requests: LoggedRequest[];
  calls: Map<string, FakeCall>;
  conversations: Map<string, FakeConversation>;
  /** What register-call and outbound-call were told, by registration id. */
  registrations: Map<string, Registration>;
  agents: Map<string, Json>;
  tools: Map<string, Json>;
  /** What the fake services sent to the app (tool calls, Twilio callbacks, ElevenLabs events). */
  pushes: PushRecord[];
  setScenario(to: string, scenario: CallScenario): void;
  setSoftphoneAnswers(answers: (identity: string) => boolean): void;
  setElevenLabsWebhook(hook: Omit<ElevenLabsWorkspaceWebhook, 'id'> | undefined): void;
  inject(rule: FaultRule): void;
  close(): Promise<void>;
}

const dialPath =
  /^\/(v1\/convai\/twilio\/(register-call|outbound-call)|2010-04-01\/Accounts\/[^/]+\/Calls\.json)$/;
/** How often the fake's services look at their calls to send what is due (tool calls, callbacks). */
const tickMs = 20;

/**
 * A local stand-in for the parts of Twilio's and ElevenLabs' APIs Navaia uses, written from their docs
 * and SDK types: their paths, auth and JSON; calls that run the TwiML they are given on the fake's clock;
 * agents, tools and overrides as ElevenLabs applies them; and the requests both services make back to
 * the app (signed). State lives in the server, so an app can stop and start again against the same calls.
 */
export async function startFakeProviderApi(options: FakeProviderApiOptions = {}): Promise<FakeProviderApi> {
  const now = options.now ?? Date.now;
  const scenarios = new Map<string, CallScenario>();
  const rules: FaultRule[] = [];
  const requests: LoggedRequest[] = [];
  let softphoneAnswers = options.softphoneAnswers ?? (() => true);
  let counter = 0;
  let faultSeed = options.dialFaults?.seed ?? 1;
  const nextRandom = () => {
    // mulberry32: a seeded fault pattern makes a failing run reproducible.
    faultSeed = (faultSeed + 0x6d2b79f5) | 0;
    let t = Math.imul(faultSeed ^ (faultSeed >>> 15), 1 | faultSeed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const webhookOf = (hook: FakeProviderApiOptions['elevenlabsWebhook']) =>
    hook ? { ...hook, id: 'whk_fake0001navaia' } : undefined;

  const state: FakeState = {
    now,
    creds: fakeCredentials,
    calls: new Map(),
    registrations: new Map(),
    conversations: new Map(),
    agents: defaultAgents(),
    tools: new Map(),
    scenarioFor: (to) => scenarios.get(to) ?? (options.scenario ?? scenarioByLastDigit)(to),
    id: (prefix, width = 32) => `${prefix}${(++counter).toString(16).padStart(width, '0')}`,
    outbox: createOutbox(now),
    elevenlabsWebhook: webhookOf(options.elevenlabsWebhook),
    softphoneAnswers: (identity) => softphoneAnswers(identity),
    nativeAccountSid: fakeElevenLabsTwilioAccountSid,
  };

  const env: CallEnvironment = {
    openStream(call, verb, at) {
      if (call.native) {
        call.native.startAt = at;
        return call.native;
      }
      const registration = verb.registrationId ? state.registrations.get(verb.registrationId) : undefined;
      if (!registration) return undefined;
      const conversation = createConversation(state, call, registration, at);
      conversation.startAt = at;
      return conversation;
    },
    softphoneAnswers: state.softphoneAnswers,
    newSid: () => state.id('CA'),
    dialEnded(call, dial, at) {
      const params = {
        CallSid: call.sid,
        AccountSid: call.accountSid,
        From: call.from,
        To: call.to,
        CallStatus: 'in-progress',
        DialCallStatus: dial.dialStatus ?? 'no-answer',
        DialCallSid: dial.childSid,
        DialCallDuration: '0',
      };
      state.outbox.push({
        ...twilioCallback(
          'twilio:dial-action',
          dial.action ?? '',
          params,
          state.creds.twilio.authToken ?? '',
        ),
        onResponse(status, text) {
          const verbs = status === 200 ? parseTwiml(text) : undefined;
          // Twilio says "an application error has occurred" and hangs up when the action fails.
          if (!verbs) endCall(call, state.now());
          else runTwiml(call, verbs, Math.max(at, state.now()));
        },
      });
    },
  };

  const newCall = (fields: Parameters<Parameters<typeof twilioRoutes>[1]>[0]): FakeCall => {
    const call: FakeCall = {
      ...fields,
      sid: state.id('CA'),
      createdAt: now(),
      activities: [],
      conversations: [],
      updates: [],
      notified: new Set(),
    };
    state.calls.set(call.sid, call);
    return call;
  };

  const elevenlabs = elevenlabsRoutes(state, newCall);
  const twilio = twilioRoutes(state, newCall, env);

  /** Moves every call on to the fake's now and sends what became due. */
  const tick = () => {
    const at = now();
    for (const call of state.calls.values()) {
      advance(call, at, env);
      queueCallbacks(state, call, at);
    }
    state.outbox.flush();
  };
  const ticker = setInterval(tick, tickMs);

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

  /** For the e2e tests, which run the fake in another process: what it received and sent. */
  const inspection = () => ({
    calls: [...state.calls.values()].map((call) => ({
      sid: call.sid,
      to: call.to,
      endedAt: call.endedAt ?? null,
      updates: call.updates,
      activities: call.activities.map(({ kind, at, endAt }) => ({ kind, at, endAt: endAt ?? null })),
      conversations: call.conversations.map((c) => ({
        id: c.id,
        firstMessage: c.firstMessage,
        prompt: c.prompt,
      })),
    })),
    pushes: state.outbox.sent,
  });

  const server = createServer((incoming, res) => {
    if (incoming.url === '/_fake/inspect') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(inspection()));
      return;
    }
    const chunks: Buffer[] = [];
    incoming.on('data', (c: Buffer) => chunks.push(c));
    incoming.on('end', () => {
      const url = new URL(incoming.url ?? '/', 'http://fake');
      const raw = Buffer.concat(chunks).toString();
      const isJson = String(incoming.headers['content-type'] ?? '').includes('json');
      const form = new URLSearchParams(isJson ? '' : raw);
      const body = !raw
        ? {}
        : isJson
          ? (JSON.parse(raw) as Record<string, unknown>)
          : Object.fromEntries(form);
      const req: LoggedRequest = {
        method: incoming.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body,
        form,
        at: now(),
      };
      requests.push(req);
      tick();
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
              : {
                  code: fault.kind === 429 ? 20429 : 20500,
                  message: `Injected ${fault.kind}`,
                  status: fault.kind,
                },
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
    calls: state.calls,
    conversations: state.conversations,
    registrations: state.registrations,
    agents: state.agents,
    tools: state.tools,
    pushes: state.outbox.sent,
    setScenario: (to, scenario) => scenarios.set(to, scenario),
    setSoftphoneAnswers: (answers) => {
      softphoneAnswers = answers;
    },
    setElevenLabsWebhook: (hook) => {
      state.elevenlabsWebhook = webhookOf(hook);
    },
    inject: (rule) => rules.push(rule),
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(ticker);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
