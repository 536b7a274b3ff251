import type { ProviderCredentialsInput, ProviderStatus } from '@shared/contract/providers';

/** The Providers form. Secret fields hold only what was typed in this visit; blank keeps the stored value. */
export interface ProvidersForm {
  accountSid: string;
  authMode: 'auth-token' | 'api-key';
  authToken: string;
  apiKeySid: string;
  apiKeySecret: string;
  /** One number per line (or separated by commas). */
  callerNumbers: string;
  twimlAppSid: string;
  elevenLabsApiKey: string;
  agentId: string;
  phoneNumberId: string;
  webhookSecret: string;
  removeWebhookSecret: boolean;
  dialMode: 'own-twilio' | 'native';
  /** Where Twilio and ElevenLabs reach Navaia during calls ('' for none). */
  publicUrl: string;
  /** The desktop app's own webhook listener port, as typed. */
  localPort: string;
}

export function formFromStatus(status: ProviderStatus): ProvidersForm {
  return {
    accountSid: status.twilio?.accountSid ?? '',
    authMode: status.twilio?.authMode ?? 'auth-token',
    authToken: '',
    apiKeySid: status.twilio?.apiKeySid ?? '',
    apiKeySecret: '',
    callerNumbers: (status.twilio?.callerNumbers ?? []).join('\n'),
    twimlAppSid: status.twilio?.twimlAppSid ?? '',
    elevenLabsApiKey: '',
    agentId: status.elevenlabs?.agentId ?? '',
    phoneNumberId: status.elevenlabs?.phoneNumberId ?? '',
    webhookSecret: '',
    removeWebhookSecret: false,
    dialMode: status.dialMode,
    publicUrl: status.webhooks.publicUrl,
    localPort: String(status.webhooks.localPort),
  };
}

export function inputFromForm(form: ProvidersForm): ProviderCredentialsInput {
  return {
    twilio: {
      accountSid: form.accountSid.trim(),
      authMode: form.authMode,
      authToken: form.authToken,
      apiKeySid: form.authMode === 'api-key' ? form.apiKeySid.trim() : '',
      apiKeySecret: form.authMode === 'api-key' ? form.apiKeySecret : '',
      callerNumbers: form.callerNumbers
        .split(/[\n,]/)
        .map((n) => n.replace(/[\s()-]/g, ''))
        .filter(Boolean),
      twimlAppSid: form.twimlAppSid.trim(),
    },
    elevenlabs: {
      apiKey: form.elevenLabsApiKey,
      agentId: form.agentId.trim(),
      phoneNumberId: form.phoneNumberId.trim(),
      webhookSecret: form.webhookSecret,
      removeWebhookSecret: form.removeWebhookSecret,
    },
    dialMode: form.dialMode,
    webhooks: { publicUrl: form.publicUrl.trim(), localPort: Number(form.localPort) || 0 },
  };
}

/** The placeholder of a secret field: says whether one is stored, never what it is. */
export const secretPlaceholder = (isSet: boolean | undefined, what: string) =>
  isSet ? 'set — leave blank to keep' : `enter the ${what}`;
