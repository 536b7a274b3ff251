import twilio from 'twilio';

/** Said to the customer while an agent's softphone rings, so the AI does not just fall silent. */
export const holdLine = 'Please hold for a moment while I connect you with a colleague.';
/** Said when no agent picked up, before the AI takes the customer back. */
export const noAgentLine = 'I am sorry, my colleague could not come to the phone.';
/** How long an agent's softphone rings before the fallback runs. */
export const softphoneRingSeconds = 20;

/** A machine answered: the message, then hang up (no message: just hang up). */
export function voicemailTwiml(message: string): string {
  const response = new twilio.twiml.VoiceResponse();
  if (message.trim()) response.say(message);
  response.hangup();
  return response.toString();
}

/** The verbs inside a TwiML document's `<Response>` (register-call's `<Connect><Stream>`), to append elsewhere. */
const verbsOf = (document: string) => /<Response>([\s\S]*)<\/Response>/.exec(document)?.[1] ?? '';

/**
 * Hands the customer to an agent's softphone: a hold line, then `<Dial>` to the agent's identity,
 * recording the agent's part when calls are recorded. If the softphone does not answer, the customer
 * is never hung up: `action` asks Navaia what next (back to the AI), or — without a public URL that
 * Twilio could ask — the fallback verbs that follow the `<Dial>` run (also back to the AI).
 */
export function takeoverTwiml(options: {
  identity: string;
  record: boolean;
  action?: string;
  /** TwiML (a register-call answer) to run when the dial ends, used when there is no `action`. */
  fallback?: string;
}): string {
  const response = new twilio.twiml.VoiceResponse();
  response.say(holdLine);
  const dial = response.dial({
    timeout: softphoneRingSeconds,
    ...(options.action ? { action: options.action, method: 'POST' as const } : {}),
    ...(options.record ? { record: 'record-from-answer-dual' as const } : {}),
  });
  dial.client(options.identity);
  if (!options.action && options.fallback) {
    response.say(noAgentLine);
    return response.toString().replace('</Response>', `${verbsOf(options.fallback)}</Response>`);
  }
  return response.toString();
}

/** A register-call answer preceded by a line, for a `<Dial action>` that found no agent. */
export function backToAiTwiml(streamTwiml: string, line: string): string {
  const response = new twilio.twiml.VoiceResponse();
  response.say(line);
  return response.toString().replace('</Response>', `${verbsOf(streamTwiml)}</Response>`);
}
