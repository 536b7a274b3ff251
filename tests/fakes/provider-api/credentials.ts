import type { ElevenLabsTwilioConfig } from '@core/providers/elevenlabs-twilio/config';

/**
 * The credentials the fake accepts. Anything else gets the services' real 401 answers — e.g.
 * `wrongElevenLabsKey` or `wrongTwilioAuthToken` in a settings form shows the "rejected" message.
 */
export const fakeAccountSid = 'AC00000000000000000000000000000001';

export const fakeCredentials: ElevenLabsTwilioConfig = {
  twilio: {
    accountSid: fakeAccountSid,
    authToken: 'fake-twilio-auth-token-0001',
    apiKeySid: 'SK00000000000000000000000000000001',
    apiKeySecret: 'fake-twilio-api-key-secret-0001',
    // +1 500 555 0006 is Twilio's own "valid test number"; the fake owns these two.
    callerNumbers: ['+15005550006', '+15005550007'],
    twimlAppSid: 'AP00000000000000000000000000000001',
  },
  elevenlabs: {
    apiKey: 'fake-elevenlabs-key-0001',
    agentId: 'agent_fake0001navaia',
    phoneNumberId: 'phnum_fake0001navaia',
    webhookSecret: 'wsec_fake0001navaia',
  },
  dialMode: 'own-twilio',
};

export const wrongElevenLabsKey = 'wrong-elevenlabs-key';
export const wrongTwilioAuthToken = 'wrong-twilio-auth-token';
/** A number the fake's Twilio account does not own. */
export const unownedCallerNumber = '+15005550009';

/** A second agent, set up like the first: a campaign may speak through its own agent. */
export const fakeCampaignAgentId = 'agent_fake0002campaign';
/**
 * An agent left as the ElevenLabs dashboard creates it: no override permissions and PCM 16 kHz audio, so
 * register-call's μ-law stream would not fit it and the first message Navaia sends is ignored.
 */
export const fakeBareAgentId = 'agent_fake0003bare';
/** The Twilio account ElevenLabs' imported number lives in: native calls are not in Navaia's account. */
export const fakeElevenLabsTwilioAccountSid = 'AC00000000000000000000000000000002';
