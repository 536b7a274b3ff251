import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigation } from '../../app/navigation-store';
import { connectMonitor, useMonitor } from './monitor-store';

/**
 * Calls that want a human right now, wherever the user is in the app: a banner in the window and, in the
 * browser host, a system notification (the desktop app raises its own from the main process). The banner
 * follows the live calls: an escalation leaves it when an agent takes the call, the AI takes it back
 * (nobody came in time), or the call ends.
 */
export function EscalationAlerts() {
  const calls = useMonitor((s) => s.calls);
  const reasons = useMonitor((s) => s.escalationReasons);
  const [dismissed, setDismissed] = useState<ReadonlySet<number>>(new Set());
  const { navigate } = useNavigation();
  const notified = useRef(new Set<number>());
  const waiting = useMemo(
    () =>
      [...calls.values()]
        .filter((c) => c.state === 'escalated' && !dismissed.has(c.attemptId))
        .sort((a, b) => a.attemptId - b.attemptId),
    [calls, dismissed],
  );

  useEffect(() => {
    connectMonitor();
  }, []);

  useEffect(() => {
    if (window.navaia || typeof Notification === 'undefined') return;
    for (const e of waiting) {
      if (notified.current.has(e.attemptId)) continue;
      notified.current.add(e.attemptId);
      const show = () => {
        const n = new Notification(`${e.customerName} wants to talk to a person`, {
          body: [e.campaignName, reasons.get(e.attemptId)?.reason].filter(Boolean).join(': '),
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
  }, [waiting, reasons, navigate]);

  if (waiting.length === 0) return null;
  const dismiss = (attemptId: number) => setDismissed((d) => new Set([...d, attemptId]));
  return (
    <div className="escalation-alerts" role="alert" aria-label="Calls that want a person">
      {waiting.slice(-3).map((e) => (
        <div key={e.attemptId} className="escalation">
          <span>
            ⚑ <strong>{e.customerName}</strong> wants a human ({e.campaignName})
            {reasons.get(e.attemptId)?.urgency === 'high' && <strong className="urgent"> · urgent</strong>}
            {reasons.has(e.attemptId) && <span className="muted"> — {reasons.get(e.attemptId)?.reason}</span>}
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
      {waiting.length > 3 && <div className="muted">and {waiting.length - 3} more waiting</div>}
    </div>
  );
}
