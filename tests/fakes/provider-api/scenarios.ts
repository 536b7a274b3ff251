/** One line of a fake conversation; `toolCall` names a tool the agent calls on that turn. */
export interface ScriptedTurn {
  role: 'agent' | 'user';
  message: string;
  atMs: number;
  toolCall?: string;
}

/** How a fake call goes. Times are milliseconds on the fake's clock. */
export type CallScenario =
  | {
      kind: 'conversation';
      ringMs: number;
      /** Turns, `atMs` after the customer answered; the call ends after the last one (plus 1 s). */
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
  | { kind: 'voicemail'; ringMs: number }
  | { kind: 'busy'; ringMs: number }
  | { kind: 'no-answer'; ringMs: number }
  | { kind: 'failed' };

export const conversationTurns = (name: string): ScriptedTurn[] => [
  { role: 'agent', message: `Hello ${name}, this is Navaia Realty. Do you have a minute?`, atMs: 500 },
  { role: 'user', message: 'Sure, what is it about?', atMs: 4_000 },
  {
    role: 'agent',
    message: 'A three-bedroom home just listed in your neighbourhood. Would you like a viewing?',
    atMs: 7_000,
  },
  { role: 'user', message: 'Yes, Saturday morning works for me.', atMs: 12_000 },
  { role: 'agent', message: 'Booked for Saturday at ten. Thank you!', atMs: 15_000 },
];

export const bookedViewing = (name = 'there'): CallScenario => ({
  kind: 'conversation',
  ringMs: 4_000,
  turns: conversationTurns(name),
  disposition: 'booked_viewing',
  callSuccessful: 'success',
  analysisMs: 3_000,
  costFiat: 0.12,
});

export const optOut: CallScenario = {
  kind: 'conversation',
  ringMs: 3_000,
  turns: [
    { role: 'agent', message: 'Hello, this is Navaia Realty calling about homes nearby.', atMs: 500 },
    { role: 'user', message: 'Please stop calling me and remove my number.', atMs: 4_000 },
    { role: 'agent', message: 'Understood, we will not call again. Goodbye.', atMs: 6_000 },
  ],
  callSuccessful: 'failure',
  analysisMs: 2_000,
  costFiat: 0.04,
};

/**
 * The standalone fake's default: the last digit of the number decides, so an e2e test can pick the
 * outcome by the customer's phone number — 0 busy, 1 no answer, 2 voicemail, 3 opt-out, 4 wants a
 * human, anything else a booked viewing.
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
      return {
        kind: 'conversation',
        ringMs: 4_000,
        analysisMs: 3_000,
        costFiat: 0.3,
        callSuccessful: 'success',
        turns: [
          { role: 'agent', message: 'Hello, this is Navaia Realty. Do you have a minute?', atMs: 500 },
          { role: 'user', message: 'Can I talk to a real person about the price?', atMs: 4_000 },
          {
            role: 'agent',
            message: 'Of course, let me find a colleague for you.',
            atMs: 6_000,
            toolCall: 'transfer_to_human',
          },
          { role: 'agent', message: 'They will be with you in a moment.', atMs: 60_000 },
        ],
        wantsHuman: true,
        disposition: 'callback_requested',
      };
    default:
      return bookedViewing();
  }
}
