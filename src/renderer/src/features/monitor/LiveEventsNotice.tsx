import { useEffect, useState } from 'react';
import type { ProviderStatus } from '../../../../shared/contract/providers';
import { client } from '../../client';

/**
 * While real campaigns run without a public URL for webhooks, says what the monitor cannot show: a
 * customer's request for a person arrives only after the call, and transcripts when each call ends.
 */
export function LiveEventsNotice({ realCalls }: { realCalls: boolean }) {
  const [webhooks, setWebhooks] = useState<ProviderStatus['webhooks']>();
  useEffect(() => {
    if (!realCalls) return;
    void client.invoke('providers.status', {}).then(
      (s) => setWebhooks(s.configured ? s.webhooks : undefined),
      () => setWebhooks(undefined),
    );
  }, [realCalls]);
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
