import { useProviderStatus } from './queries';

/**
 * While real campaigns run without a public URL for webhooks, says what the monitor cannot show: a
 * customer's request for a person arrives only after the call, and transcripts when each call ends.
 */
export function LiveEventsNotice({ realCalls }: { realCalls: boolean }) {
  const status = useProviderStatus(realCalls);
  const webhooks = status.data?.configured ? status.data.webhooks : undefined;
  if (!realCalls || !webhooks) return null;
  return (
    <p
      className={webhooks.live ? 'muted live-events' : 'warning live-events'}
      role="note"
      data-testid="live-events"
    >
      {webhooks.live
        ? 'Real calls: escalations arrive live; each transcript arrives when its call ends.'
        : 'Real calls: no public URL for webhooks (Settings → Providers), so a customer’s request for a person shows only after the call, and each transcript when its call ends.'}
    </p>
  );
}
