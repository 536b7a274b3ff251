import { fakeBareAgentId, fakeCampaignAgentId, fakeCredentials } from './credentials';

/** JSON as ElevenLabs stores it (snake_case): an agent, or a tool's config. */
export type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** PATCH semantics of ElevenLabs' agent update: objects merge key by key, anything else is replaced. */
export function deepMerge(target: Json, patch: Json): Json {
  const merged: Json = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    merged[key] = isObject(value) && isObject(target[key]) ? deepMerge(target[key] as Json, value) : value;
  }
  return merged;
}

const at = (value: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), value);

/** An agent as a new one looks once set up for Navaia's calls (see README "Real calls"), tools aside. */
const readyAgent = (agentId: string, name: string): Json => ({
  agent_id: agentId,
  name,
  conversation_config: {
    asr: { quality: 'high', provider: 'elevenlabs', user_input_audio_format: 'ulaw_8000' },
    tts: { model_id: 'eleven_flash_v2', voice_id: 'voice_fake', agent_output_audio_format: 'ulaw_8000' },
    agent: {
      first_message: 'Hello! How can I help you today?',
      language: 'en',
      prompt: { prompt: 'You are a helpful assistant.', llm: 'gemini-2.0-flash', tool_ids: [] },
    },
  },
  metadata: { created_at_unix_secs: 1_700_000_000, updated_at_unix_secs: 1_700_000_000 },
  platform_settings: {
    overrides: {
      conversation_config_override: { agent: { first_message: true, prompt: { prompt: true } } },
    },
  },
  phone_numbers: [],
  tags: [],
});

export function defaultAgents(): Map<string, Json> {
  const bare = readyAgent(fakeBareAgentId, 'Fresh dashboard agent');
  const bareConfig = bare.conversation_config as Json;
  return new Map([
    [fakeCredentials.elevenlabs.agentId, readyAgent(fakeCredentials.elevenlabs.agentId, 'Navaia fake agent')],
    [fakeCampaignAgentId, readyAgent(fakeCampaignAgentId, 'Renewals agent')],
    [
      fakeBareAgentId,
      {
        ...bare,
        conversation_config: {
          ...bareConfig,
          asr: { ...(bareConfig.asr as Json), user_input_audio_format: 'pcm_16000' },
          tts: { ...(bareConfig.tts as Json), agent_output_audio_format: 'pcm_16000' },
        },
        platform_settings: {},
      },
    ],
  ]);
}

/** What a conversation of `agent` starts with, given the client data register-call or outbound-call sent. */
export function conversationSetup(agent: Json, clientData: Json) {
  const override = (at(clientData, 'conversation_config_override', 'agent') ?? {}) as Json;
  const allowed = at(agent, 'platform_settings', 'overrides', 'conversation_config_override', 'agent');
  // Overrides the agent does not allow are ignored (the dashboard's Security tab turns them on).
  const firstMessageOverride = at(allowed, 'first_message') === true ? override.first_message : undefined;
  const promptOverride =
    at(allowed, 'prompt', 'prompt') === true ? at(override, 'prompt', 'prompt') : undefined;
  const variables = (clientData.dynamic_variables ?? {}) as Json;
  const fill = (text: string) =>
    text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) =>
      variables[name] === undefined ? whole : String(variables[name]),
    );
  return {
    firstMessage: fill(
      String(
        typeof firstMessageOverride === 'string' && firstMessageOverride !== ''
          ? firstMessageOverride
          : (at(agent, 'conversation_config', 'agent', 'first_message') ?? ''),
      ),
    ),
    prompt: fill(
      String(
        typeof promptOverride === 'string'
          ? promptOverride
          : (at(agent, 'conversation_config', 'agent', 'prompt', 'prompt') ?? ''),
      ),
    ),
    fill,
  };
}

export const toolIdsOf = (agent: Json): string[] =>
  (at(agent, 'conversation_config', 'agent', 'prompt', 'tool_ids') as string[] | undefined) ?? [];

/** The agent's voicemail_detection system tool's message, if it has the tool. */
export const voicemailToolMessageOf = (agent: Json): string | undefined => {
  const tool = at(agent, 'conversation_config', 'agent', 'prompt', 'built_in_tools', 'voicemail_detection');
  if (!isObject(tool)) return undefined;
  return String(at(tool, 'params', 'voicemail_message') ?? '');
};

export const toolResponseJson = (id: string, toolConfig: Json) => ({
  id,
  tool_config: toolConfig,
  access_info: {
    is_creator: true,
    creator_name: 'Navaia Tester',
    creator_email: 'tester@navaia.example',
    role: 'admin',
  },
  usage_stats: { avg_latency_secs: 0.2, total_calls: 0 },
});
