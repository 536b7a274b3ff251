import type { ProviderStatus } from '@shared/contract/providers';
import type { ProvidersForm } from './providers-form';

/**
 * Where the vendors reach Navaia during a call: a public URL (a tunnel such as cloudflared or ngrok, or
 * the team server) forwarding to this app. Without one, calls are followed by polling and a customer's
 * request for a person shows only after the call — the page says so.
 */
export function WebhookFields({
  form,
  status,
  onChange,
  issueFor,
}: {
  form: ProvidersForm;
  status: ProviderStatus;
  onChange: (patch: Partial<ProvidersForm>) => void;
  issueFor: (path: string) => string | undefined;
}) {
  return (
    <fieldset className="webhooks">
      <legend>Live events (webhooks)</legend>
      <label className="field">
        <span>Public URL for webhooks (optional)</span>
        <input
          aria-label="Public URL for webhooks"
          placeholder="https://navaia.example.com"
          spellCheck={false}
          value={form.publicUrl}
          onChange={(e) => onChange({ publicUrl: e.target.value })}
        />
        {issueFor('webhooks.publicUrl') && <small className="error">{issueFor('webhooks.publicUrl')}</small>}
      </label>
      <label className="field narrow">
        <span>Desktop app’s local port for it</span>
        <input
          aria-label="Webhook port"
          inputMode="numeric"
          value={form.localPort}
          onChange={(e) => onChange({ localPort: e.target.value })}
        />
        {issueFor('webhooks.localPort') && <small className="error">{issueFor('webhooks.localPort')}</small>}
      </label>
      <small className="muted">
        Forward the public URL to this app: the desktop app listens on 127.0.0.1 at that port, the browser
        host on its own port. Twilio and ElevenLabs then reach /webhooks/… during calls.
      </small>
      {status.configured && !status.webhooks.live && (
        <p className="warning" role="note" data-testid="webhooks-notice">
          {status.webhooks.notice}
        </p>
      )}
    </fieldset>
  );
}
