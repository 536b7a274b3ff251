/**
 * The TwiML verbs the fake Twilio runs, read from the document a call was created or updated with.
 * Only what Navaia and ElevenLabs' register-call produce; anything else is a parse failure (12100).
 */
export type TwimlVerb =
  | { kind: 'say'; text: string }
  | { kind: 'pause'; seconds: number }
  | { kind: 'stream'; url: string; registrationId?: string }
  | {
      kind: 'dial';
      identity: string;
      timeoutSeconds: number;
      action?: string;
      record?: string;
    }
  | { kind: 'hangup' };

const unescapeXml = (text: string) =>
  text
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');

const attributesOf = (raw: string): Record<string, string> =>
  Object.fromEntries([...raw.matchAll(/([A-Za-z]+)="([^"]*)"/g)].map((m) => [m[1], unescapeXml(m[2])]));

/** The verbs of a `<Response>`, in order; undefined when the document is not one the fake understands. */
export function parseTwiml(document: string): TwimlVerb[] | undefined {
  const body = /<Response>([\s\S]*)<\/Response>/.exec(document)?.[1];
  if (body === undefined) return undefined;
  const verbs: TwimlVerb[] = [];
  for (const m of body.matchAll(/<(\w+)((?:\s+[A-Za-z]+="[^"]*")*)\s*(?:\/>|>([\s\S]*?)<\/\1>)/g)) {
    const [, name, rawAttributes, inner = ''] = m;
    const attributes = attributesOf(rawAttributes);
    if (name === 'Say') verbs.push({ kind: 'say', text: unescapeXml(inner.trim()) });
    else if (name === 'Pause') verbs.push({ kind: 'pause', seconds: Number(attributes.length ?? 1) });
    else if (name === 'Hangup') verbs.push({ kind: 'hangup' });
    else if (name === 'Connect') {
      const stream = /<Stream((?:\s+[A-Za-z]+="[^"]*")*)\s*(?:\/>|>([\s\S]*?)<\/Stream>)/.exec(inner);
      if (!stream) return undefined;
      const registrationId = /name="registration_id" value="([^"]+)"/.exec(stream[2] ?? '')?.[1];
      verbs.push({ kind: 'stream', url: attributesOf(stream[1]).url ?? '', registrationId });
    } else if (name === 'Dial') {
      const identity = /<Client>([^<]+)<\/Client>/.exec(inner)?.[1];
      if (!identity) return undefined;
      verbs.push({
        kind: 'dial',
        identity: unescapeXml(identity.trim()),
        // Twilio's default ring time for <Dial> is 30 seconds.
        timeoutSeconds: Number(attributes.timeout ?? 30),
        action: attributes.action,
        record: attributes.record,
      });
    } else return undefined;
  }
  return verbs.length > 0 ? verbs : undefined;
}
