import type { ElevenLabs } from '@elevenlabs/elevenlabs-js';
import type { ProviderCallStatus } from '../provider';
import type { FollowerContext } from './call-follower';
import { unansweredStatusOf, voicemailLeftBy } from './call-outcome';
import { type FollowedCall, lastConversationOf } from './conversation-reader';

/**
 * A native call's state read from its ElevenLabs conversation: initiated is ringing, in progress is
 * answered; once over, a conversation never answered failed for the reason ElevenLabs gives, and one
 * whose voicemail_detection tool left the message was a machine.
 */
export function nativeStatusOf(
  call: FollowedCall,
  conversation: ElevenLabs.GetConversationResponseModel,
): { status: ProviderCallStatus; answeredAt?: number; endedAt?: number; voicemailLeft?: string } {
  const { metadata } = conversation;
  const acceptedAt = metadata.acceptedTimeUnixSecs ? metadata.acceptedTimeUnixSecs * 1000 : undefined;
  const answeredAt =
    acceptedAt ?? (metadata.callDurationSecs > 0 ? metadata.startTimeUnixSecs * 1000 : undefined);
  if (conversation.status === 'initiated') return { status: 'ringing' };
  if (conversation.status === 'in-progress')
    return { status: 'in_progress', answeredAt: answeredAt ?? metadata.startTimeUnixSecs * 1000 };
  if (answeredAt === undefined)
    return { status: call.failureStatus ?? unansweredStatusOf(metadata.terminationReason) };
  const voicemailLeft = voicemailLeftBy(conversation);
  return {
    status: call.machine || voicemailLeft !== undefined ? 'voicemail' : 'completed',
    answeredAt,
    endedAt: answeredAt + metadata.callDurationSecs * 1000,
    voicemailLeft,
  };
}

/**
 * One look at a call ElevenLabs placed (native mode), through its conversation alone: the call lives in
 * the Twilio account of the number imported into ElevenLabs, which need not be Navaia's.
 */
export async function lookAtNativeCall(ctx: FollowerContext, call: FollowedCall): Promise<boolean> {
  const { clock } = ctx;
  let changed = await ctx.reader.read(call);
  const conversation = lastConversationOf(call);
  if (!conversation) return changed;
  const state = nativeStatusOf(call, conversation);
  if (state.status === 'ringing' || state.status === 'in_progress') {
    if (state.answeredAt !== undefined) call.answeredAt ??= state.answeredAt;
    if (call.status !== state.status) {
      ctx.setStatus(call, state.status);
      changed = true;
    }
    return changed;
  }
  if (state.answeredAt === undefined) {
    ctx.finish(call, state.status);
    return true;
  }
  call.answeredAt ??= state.answeredAt;
  call.twilioEndedAt ??= state.endedAt;
  const waited = clock.now() - (call.twilioEndedAt ?? clock.now());
  if (!ctx.isAnalysed(conversation) && waited < ctx.analysisGraceMs) return changed;
  if (state.voicemailLeft !== undefined && call.voicemail !== 'left') {
    call.voicemail = 'left';
    ctx.emit({
      type: 'note',
      callId: call.callSid,
      attemptId: call.attemptId,
      at: clock.now(),
      kind: 'voicemail_left',
      data: { message: state.voicemailLeft },
      line: `Voicemail left: ${state.voicemailLeft}`,
    });
  }
  ctx.finish(
    call,
    state.status,
    ctx.snapshotOf(call, state.status, {
      durationSeconds: conversation.metadata.callDurationSecs,
      endedAt: state.endedAt,
    }),
  );
  return true;
}
