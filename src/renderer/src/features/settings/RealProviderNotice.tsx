import { useEffect, useState } from 'react';
import { client } from '../../client';

/** For the campaign editor: says so when a campaign is set to call through a provider nobody configured. */
export function RealProviderNotice({ provider }: { provider: string }) {
  const [configured, setConfigured] = useState<boolean>();
  useEffect(() => {
    if (provider !== 'elevenlabs-twilio') return;
    void client.invoke('providers.status', {}).then((s) => setConfigured(s.configured));
  }, [provider]);
  if (provider !== 'elevenlabs-twilio' || configured !== false) return null;
  return (
    <small className="warning" role="note" data-testid="provider-not-configured">
      ElevenLabs + Twilio is not configured: add the credentials in Settings → Providers before starting.
    </small>
  );
}
