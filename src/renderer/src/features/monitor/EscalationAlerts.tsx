import { useEffect, useRef } from 'react';
import { useNavigation } from '../../app/navigation-store';
import { connectMonitor, useMonitor } from './monitor-store';

/**
 * Calls that want a human, wherever the user is in the app: a banner in the window and, in the browser
 * host, a system notification (the desktop app raises its own from the main process).
 */
export function EscalationAlerts() {
  const escalations = useMonitor((s) => s.escalations);
  const dismiss = useMonitor((s) => s.dismissEscalation);
  const { navigate } = useNavigation();
  const notified = useRef(new Set<number>());

  useEffect(() => {
    connectMonitor();
  }, []);

  useEffect(() => {
    if (window.navaia || typeof Notification === 'undefined') return;
    for (const e of escalations) {
      if (notified.current.has(e.attemptId)) continue;
      notified.current.add(e.attemptId);
      const show = () => {
        const n = new Notification(`${e.customerName} wants to talk to a person`, {
          body: `${e.campaignName}: ${e.reason}`,
          tag: `call-${e.attemptId}`,
        });
        n.onclick = () => {
          window.focus();
          navigate('monitor', String(e.attemptId));
        };
      };
      if (Notification.permission === 'granted') show();
      else if (Notification.permission === 'default')
        void Notification.requestPermission().then((p) => p === 'granted' && show());
    }
  }, [escalations, navigate]);

  const latest = escalations.slice(-3);
  if (latest.length === 0) return null;
  return (
    <div className="escalation-alerts" role="alert">
      {latest.map((e) => (
        <div key={e.attemptId} className="escalation">
          <span>
            ⚑ <strong>{e.customerName}</strong> wants a human ({e.campaignName})
            {e.urgency === 'high' && <strong className="urgent"> · urgent</strong>}
            <span className="muted"> — {e.reason}</span>
          </span>
          <button
            type="button"
            className="primary"
            onClick={() => {
              dismiss(e.attemptId);
              navigate('monitor', String(e.attemptId));
            }}
          >
            Open call
          </button>
          <button type="button" aria-label="Dismiss" onClick={() => dismiss(e.attemptId)}>
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
