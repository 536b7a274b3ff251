import type { ElevenLabs, ElevenLabsClient } from '@elevenlabs/elevenlabs-js';
import { healthAnswer, webhookPaths } from '../../webhooks/webhook-paths';
import { elevenlabsCall } from './api-clients';
import { requestHumanTool } from './call-outcome';
import { type ElevenLabsTwilioConfig, publicUrlOf, type SetupCheck } from './config';
import { toolTokenVariable, voicemailVariable } from './conversation-start';

type WebhookTool = ElevenLabs.ToolRequestModelToolConfig.Webhook;

const fromVariable = (variable: string): ElevenLabs.LiteralJsonSchemaProperty => ({
  type: 'string',
  dynamicVariable: variable,
});
const fromAgent = (description: string, options?: string[]): ElevenLabs.LiteralJsonSchemaProperty => ({
  type: 'string',
  description,
  ...(options ? { enum: options } : {}),
});

/** Every tool call says which call it belongs to (values ElevenLabs fills in, never the LLM). */
const callFields = {
  navaia_attempt_id: fromVariable('navaia_attempt_id'),
  conversation_id: fromVariable('system__conversation_id'),
  call_sid: fromVariable('system__call_sid'),
  // Updated at execution time in tool calls: Navaia refuses a call that is not recent.
  sent_at: fromVariable('system__time_utc'),
};

const webhookTool = (
  publicUrl: string,
  name: string,
  description: string,
  fields: Record<string, ElevenLabs.LiteralJsonSchemaProperty>,
): WebhookTool => ({
  type: 'webhook',
  name,
  description,
  responseTimeoutSecs: 10,
  apiSchema: {
    url: `${publicUrl}${webhookPaths.tool(name)}`,
    method: 'POST',
    // A `secret__` variable: sent in the header, never shown to the LLM; Navaia sets it on every call.
    requestHeaders: { 'X-Navaia-Tool-Token': { variableName: toolTokenVariable } },
    requestBodySchema: {
      type: 'object',
      required: [...Object.keys(fields), ...Object.keys(callFields)],
      properties: { ...fields, ...callFields },
    },
  },
});

/** The server tools Navaia gives the agent, calling the webhook receiver at `publicUrl`. */
export function navaiaTools(publicUrl: string): WebhookTool[] {
  return [
    webhookTool(
      publicUrl,
      requestHumanTool,
      'Ask for a human colleague to join the call. Use it when the customer asks for a person, or needs something you cannot do.',
      {
        reason: fromAgent('Why the customer needs a person, in one sentence.'),
        urgency: fromAgent('How soon someone should join.', ['low', 'normal', 'high']),
      },
    ),
    webhookTool(publicUrl, 'book_viewing', 'Book a property viewing the customer agreed to.', {
      property: fromAgent('Which property, as the customer understood it.'),
      preferred_time: fromAgent('When the customer wants the viewing, as they said it.'),
      notes: fromAgent('Anything else the colleague confirming the viewing should know.'),
    }),
    webhookTool(publicUrl, 'schedule_callback', 'Arrange for a colleague to call the customer back.', {
      callback_time: fromAgent('When the customer wants to be called back, as they said it.'),
      reason: fromAgent('What the call back is about.'),
    }),
  ];
}

/** ElevenLabs' voicemail_detection system tool for native calls: it leaves the campaign's message. */
export const voicemailDetectionTool: ElevenLabs.SystemToolConfigOutput = {
  type: 'system',
  name: 'voicemail_detection',
  description: 'Leave the message when an answering machine picks up.',
  params: { systemToolType: 'voicemail_detection', voicemailMessage: `{{${voicemailVariable}}}` },
};

export const ulaw = 'ulaw_8000';
export const overridesHelp = 'agent → Security → Overrides';

async function navaiaToolsOnAgent(client: ElevenLabsClient, agent: ElevenLabs.GetAgentResponseModel) {
  const ids = agent.conversationConfig.agent?.prompt?.toolIds ?? [];
  const tools = await Promise.all(
    ids.map((id) => elevenlabsCall(() => client.conversationalAi.tools.get(id)).catch(() => undefined)),
  );
  return tools.flatMap((t) => (t?.toolConfig.type === 'webhook' ? [{ id: t.id, config: t.toolConfig }] : []));
}

/** README's agent setup checklist, item by item, as the agent (and the workspace) are set now. */
export async function checkAgentSetup(
  client: ElevenLabsClient,
  config: ElevenLabsTwilioConfig,
  agent: ElevenLabs.GetAgentResponseModel,
): Promise<SetupCheck[]> {
  const allowed = agent.platformSettings?.overrides?.conversationConfigOverride?.agent;
  const missingOverrides = [
    ...(allowed?.firstMessage ? [] : ['First message']),
    ...(allowed?.prompt?.prompt ? [] : ['System prompt']),
  ];
  const input = agent.conversationConfig.asr?.userInputAudioFormat ?? 'not set';
  const output = agent.conversationConfig.tts?.agentOutputAudioFormat ?? 'not set';
  const checks: SetupCheck[] = [
    missingOverrides.length === 0
      ? { item: 'overrides', ok: true, message: 'The agent takes Navaia’s first message and instructions' }
      : {
          item: 'overrides',
          ok: false,
          message: `Allow overriding ${missingOverrides.join(' and ')} (${overridesHelp}): without it the agent ignores the campaign’s ${missingOverrides.length === 2 ? 'first message and instructions' : missingOverrides[0] === 'First message' ? 'first message' : 'instructions'}`,
        },
    input === ulaw && output === ulaw
      ? { item: 'audio', ok: true, message: 'Audio in and out is μ-law 8000 Hz, as Twilio streams it' }
      : {
          item: 'audio',
          ok: false,
          message: `Set the agent’s audio to μ-law 8000 Hz, in (ASR user input format, now ${input}) and out (TTS output format, now ${output})`,
        },
  ];
  const publicUrl = publicUrlOf(config);
  if (!publicUrl) {
    checks.push({
      item: 'tools',
      ok: false,
      message:
        'No public URL for webhooks: the agent cannot ask for a person during the call, so escalations show only after it',
    });
  } else {
    checks.push(await checkPublicUrl(publicUrl));
    const onAgent = await navaiaToolsOnAgent(client, agent);
    const missing = navaiaTools(publicUrl)
      .filter(
        (tool) =>
          !onAgent.some((t) => t.config.name === tool.name && t.config.apiSchema.url === tool.apiSchema.url),
      )
      .map((t) => t.name);
    checks.push(
      missing.length === 0
        ? {
            item: 'tools',
            ok: true,
            message: `The agent has request_human, book_viewing and schedule_callback, calling ${publicUrl}`,
          }
        : {
            item: 'tools',
            ok: false,
            message: `The agent lacks ${missing.join(', ')} calling ${publicUrl} (Set up agent adds them)`,
          },
    );
    checks.push(await checkPostCallWebhook(client, config, publicUrl));
  }
  if (config.dialMode === 'native') {
    const message = agent.conversationConfig.agent?.prompt?.builtInTools?.voicemailDetection;
    const params = message?.params as { voicemailMessage?: string } | undefined;
    checks.push(
      params?.voicemailMessage?.includes(voicemailVariable)
        ? { item: 'voicemail_tool', ok: true, message: 'Machines get the campaign’s voicemail message' }
        : {
            item: 'voicemail_tool',
            ok: false,
            message: `Turn on the voicemail_detection tool with the message {{${voicemailVariable}}} (Set up agent does it)`,
          },
    );
  }
  return checks;
}

/** Whether the public URL reaches this app's webhook receiver now (a tunnel that is down does not). */
async function checkPublicUrl(publicUrl: string): Promise<SetupCheck> {
  const url = `${publicUrl}${webhookPaths.health}`;
  try {
    const reply = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    const text = await reply.text();
    if (reply.ok && text === healthAnswer)
      return { item: 'public_url', ok: true, message: `${publicUrl} reaches Navaia` };
    return {
      item: 'public_url',
      ok: false,
      message: `${url} answered ${reply.status}, not Navaia: check the tunnel`,
    };
  } catch {
    return {
      item: 'public_url',
      ok: false,
      message: `${publicUrl} cannot be reached from here: is the tunnel running?`,
    };
  }
}

async function checkPostCallWebhook(
  client: ElevenLabsClient,
  config: ElevenLabsTwilioConfig,
  publicUrl: string,
): Promise<SetupCheck> {
  const wanted = `${publicUrl}${webhookPaths.elevenlabsEvents}`;
  const [settings, hooks] = await Promise.all([
    elevenlabsCall(() => client.conversationalAi.settings.get()),
    elevenlabsCall(() => client.webhooks.list({})),
  ]);
  const id = settings.webhooks?.postCallWebhookId;
  const hook = hooks.webhooks.find((w) => w.webhookId === id);
  if (!hook || hook.webhookUrl !== wanted)
    return {
      item: 'post_call_webhook',
      ok: false,
      message: `Set ElevenLabs’ post-call webhook (Agents → Settings → Webhooks) to ${wanted}, with HMAC`,
    };
  if (!config.elevenlabs.webhookSecret)
    return {
      item: 'post_call_webhook',
      ok: false,
      message: 'Enter the post-call webhook’s HMAC secret here',
    };
  return { item: 'post_call_webhook', ok: true, message: `Post-call events come to ${wanted}` };
}

/**
 * Sets the agent up for Navaia's calls through ElevenLabs' API: the override permissions, μ-law 8000 Hz
 * in and out, Navaia's tools (created or pointed at the current public URL, then attached by id), and
 * for native calls the voicemail_detection tool. The conversation config is sent back whole with only
 * these fields changed, so nothing else of the agent is lost whichever way ElevenLabs merges a PATCH.
 */
export async function setUpAgent(client: ElevenLabsClient, config: ElevenLabsTwilioConfig, agentId: string) {
  const agent = await elevenlabsCall(() => client.conversationalAi.agents.get(agentId));
  const conversationConfig = agent.conversationConfig;
  const { tools: _legacyTools, ...prompt } = conversationConfig.agent?.prompt ?? {};
  let toolIds = prompt.toolIds ?? [];
  const publicUrl = publicUrlOf(config);
  if (publicUrl) {
    const onAgent = await navaiaToolsOnAgent(client, agent);
    for (const tool of navaiaTools(publicUrl)) {
      const existing = onAgent.find((t) => t.config.name === tool.name);
      if (existing)
        await elevenlabsCall(() => client.conversationalAi.tools.update(existing.id, { toolConfig: tool }));
      else {
        const created = await elevenlabsCall(() =>
          client.conversationalAi.tools.create({ toolConfig: tool }),
        );
        toolIds = [...toolIds, created.id];
      }
    }
  }
  const builtInTools =
    config.dialMode === 'native'
      ? { ...prompt.builtInTools, voicemailDetection: voicemailDetectionTool }
      : prompt.builtInTools;
  await elevenlabsCall(() =>
    client.conversationalAi.agents.update(agentId, {
      conversationConfig: {
        ...conversationConfig,
        asr: { ...conversationConfig.asr, userInputAudioFormat: ulaw },
        tts: { ...conversationConfig.tts, agentOutputAudioFormat: ulaw },
        agent: { ...conversationConfig.agent, prompt: { ...prompt, toolIds, builtInTools } },
      },
      platformSettings: {
        overrides: {
          ...agent.platformSettings?.overrides,
          conversationConfigOverride: {
            ...agent.platformSettings?.overrides?.conversationConfigOverride,
            agent: {
              ...agent.platformSettings?.overrides?.conversationConfigOverride?.agent,
              firstMessage: true,
              prompt: {
                ...agent.platformSettings?.overrides?.conversationConfigOverride?.agent?.prompt,
                prompt: true,
              },
            },
          },
        },
      },
    }),
  );
}
