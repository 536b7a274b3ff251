import { useProviderStatus } from '../monitor/queries';

/** For the campaign editor: says so when a campaign is set to call through a provider nobody configured. */
export function RealProviderNotice({ provider }: { provider: string }) {
  const real = provider === 'elevenlabs-twilio';
  const status = useProviderStatus(real);
  if (!real || status.data?.configured !== false) return null;
  return (
    <small className="warning" role="note" data-testid="provider-not-configured">
      ElevenLabs + Twilio is not configured: add the credentials in Settings → Providers before starting.
    </small>
  );
}
