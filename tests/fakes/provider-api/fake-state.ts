import type { ElevenLabsTwilioConfig } from '@core/providers/elevenlabs-twilio/config';
import type { Json } from './fake-agents';
import type { FakeCall, FakeConversation, Registration } from './fake-calls';
import type { Outbox } from './outbox';
import type { CallScenario } from './scenarios';

/** ElevenLabs' workspace webhook (Settings → Webhooks, chosen as the post-call webhook). */
export interface ElevenLabsWorkspaceWebhook {
  id: string;
  url: string;
  secret: string;
  /** The ConvAI webhook events sent to it: transcript, call_initiation_failure, answering_machine_detection. */
  events: string[];
}

/** Everything both fake services know, shared by their routes and the clock that moves calls on. */
export interface FakeState {
  now(): number;
  creds: ElevenLabsTwilioConfig;
  calls: Map<string, FakeCall>;
  registrations: Map<string, Registration>;
  conversations: Map<string, FakeConversation>;
  agents: Map<string, Json>;
  /** Workspace tools by id: their `tool_config`. */
  tools: Map<string, Json>;
  scenarioFor(to: string): CallScenario;
  id(prefix: string, width?: number): string;
  outbox: Outbox;
  elevenlabsWebhook?: ElevenLabsWorkspaceWebhook;
  softphoneAnswers(identity: string): boolean;
  /** The Twilio account of the number imported into ElevenLabs (native calls live there). */
  nativeAccountSid: string;
}
