/**
 * One line of a fake conversation after the agent's first message (the fake says that one itself: the
 * override Navaia sent if the agent allows it, else the agent's own). `toolCall` is a tool the agent's LLM
 * calls on that turn, with the arguments it fills in; it reaches Navaia only if the tool is on the agent.
 */
export interface ScriptedTurn {
  role: 'agent' | 'user';
  message: string;
  atMs: number;
  toolCall?: { name: string; params: Record<string, unknown> };
}

/** How a fake call goes. Times are milliseconds on the fake's clock. */
export type CallScenario =
  | {
      kind: 'conversation';
      ringMs: number;
      /** Turns, `atMs` after the customer answered; the AI ends the call after the last one (plus 1 s). */
      turns: ScriptedTurn[];
      /** Data collection `disposition` value, and the agent's own success evaluation. */
      disposition?: string;
      callSuccessful?: 'success' | 'failure' | 'unknown';
      /** The agent flags that the customer wants a human (data collection `wants_human`). */
      wantsHuman?: boolean;
      /** How long ElevenLabs takes to analyse the conversation after it ends. */
      analysisMs?: number;
      costFiat?: number;
    }
  /** An answering machine picks up: its greeting, the beep, then it records for 30 s and hangs up. */
  | { kind: 'voicemail'; ringMs: number }
  | { kind: 'busy'; ringMs: number }
  | { kind: 'no-answer'; ringMs: number }
  | { kind: 'failed' };

export type ConversationScenario = Extract<CallScenario, { kind: 'conversation' }>;

export const conversationTurns = (): ScriptedTurn[] => [
  { role: 'user', message: 'Sure, what is it about?', atMs: 4_000 },
  {
    role: 'agent',
    message: 'A three-bedroom home just listed in your neighbourhood. Would you like a viewing?',
    atMs: 7_000,
  },
  { role: 'user', message: 'Yes, Saturday morning works for me.', atMs: 12_000 },
  { role: 'agent', message: 'Booked for Saturday at ten. Thank you!', atMs: 15_000 },
];

export const bookedViewing = (): ConversationScenario => ({
  kind: 'conversation',
  ringMs: 4_000,
  turns: conversationTurns(),
  disposition: 'booked_viewing',
  callSuccessful: 'success',
  analysisMs: 3_000,
  costFiat: 0.12,
});

export const optOut: CallScenario = {
  kind: 'conversation',
  ringMs: 3_000,
  turns: [
    { role: 'user', message: 'Please stop calling me and remove my number.', atMs: 4_000 },
    { role: 'agent', message: 'Understood, we will not call again. Goodbye.', atMs: 6_000 },
  ],
  callSuccessful: 'failure',
  analysisMs: 2_000,
  costFiat: 0.04,
};

/** The customer asks for a person; the agent calls `request_human` and keeps them company meanwhile. */
export const wantsPerson = (holdMs = 60_000): ConversationScenario => ({
  kind: 'conversation',
  ringMs: 4_000,
  analysisMs: 3_000,
  costFiat: 0.3,
  callSuccessful: 'success',
  turns: [
    { role: 'user', message: 'Can I talk to a real person about the price?', atMs: 4_000 },
    {
      role: 'agent',
      message: 'Of course, let me find a colleague for you.',
      atMs: 6_000,
      toolCall: {
        name: 'request_human',
        params: { reason: 'Wants to negotiate the price with a person', urgency: 'high' },
      },
    },
    { role: 'agent', message: 'They will be with you in a moment.', atMs: holdMs },
  ],
  wantsHuman: true,
  disposition: 'callback_requested',
});

/**
 * The standalone fake's default: the last digit of the number decides, so an e2e test can pick the
 * outcome by the customer's phone number — 0 busy, 1 no answer, 2 answering machine, 3 opt-out, 4 wants
 * a person, anything else a booked viewing.
 */
export function scenarioByLastDigit(to: string): CallScenario {
  switch (to.at(-1)) {
    case '0':
      return { kind: 'busy', ringMs: 3_000 };
    case '1':
      return { kind: 'no-answer', ringMs: 20_000 };
    case '2':
      return { kind: 'voicemail', ringMs: 5_000 };
    case '3':
      return optOut;
    case '4':
      return wantsPerson();
    default:
      return bookedViewing();
  }
}
