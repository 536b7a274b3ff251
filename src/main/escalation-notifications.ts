import type { EventBatch } from '../shared/contract';

export interface NotificationLike {
  on(event: 'click', listener: () => void): unknown;
  show(): void;
}

/**
 * A desktop notification for every call that asks for a human; clicking it brings the window forward on
 * that call. Notifications come from the main process so the page needs no notification permission.
 */
export function notifyEscalations(
  subscribe: (listener: (batch: EventBatch) => void) => () => void,
  createNotification: (options: { title: string; body: string }) => NotificationLike,
  openCall: (attemptId: number) => void,
): () => void {
  return subscribe((batch) => {
    for (const event of batch) {
      if (event.name !== 'call.escalated') continue;
      const { attemptId, customerName, campaignName } = event.payload;
      const notification = createNotification({
        title: `${customerName} wants to talk to a person`,
        body: `${campaignName} — click to open the call`,
      });
      notification.on('click', () => openCall(attemptId));
      notification.show();
    }
  });
}
