import { finalProviderStatuses } from '../provider';
import type { FollowerContext } from './call-follower';
import { navaiaStatusOfTwilio, twilioPrice } from './call-outcome';
import { type FollowedCall, lastConversationOf } from './conversation-reader';

/** Twilio's answering-machine verdicts that mean a machine (or a fax) picked up. */
export const isMachineAnswer = (answeredBy: string | null | undefined) =>
  Boolean(answeredBy && (answeredBy.startsWith('machine') || answeredBy === 'fax'));

/**
 * One look at a call Navaia placed on its own Twilio account: its status and answering-machine verdict
 * (a machine gets the voicemail message), the ElevenLabs conversations on it, and — once it is over —
 * its figures: talk time from the answer (end time − duration; Twilio's start time is when dialling
 * began), and the price, which Twilio fills in a while after the end.
 */
export async function lookAtTwilioCall(ctx: FollowerContext, call: FollowedCall): Promise<boolean> {
  const { clock } = ctx;
  const tw = await ctx.twilio.calls(call.callSid).fetch();
  if (call.ended) {
    ctx.reportPrice(call, twilioPrice(tw.price));
    return false;
  }
  if (isMachineAnswer(tw.answeredBy)) call.machine = true;
  // What the call ends as counts the machine (voicemail); whether it has ended is Twilio's status alone.
  const status = navaiaStatusOfTwilio(tw.status, tw.answeredBy);
  let changed = false;
  if (!finalProviderStatuses.has(navaiaStatusOfTwilio(tw.status))) {
    const answered = tw.status === 'in-progress';
    // First seen answered: the best time known until the end time and duration tell it exactly.
    if (answered) call.answeredAt ??= clock.now();
    const shown = answered ? 'in_progress' : navaiaStatusOfTwilio(tw.status);
    if (shown !== call.status && (shown === 'ringing' || shown === 'in_progress')) {
      ctx.setStatus(call, shown);
      changed = true;
    }
    if (call.machine && call.voicemail === undefined) {
      await ctx.leaveVoicemail(call);
      return true;
    }
    if (answered && !call.machine) changed = (await readConversations(ctx, call)) || changed;
    return changed;
  }
  const endedAt = tw.endTime ? tw.endTime.getTime() : undefined;
  call.twilioEndedAt ??= endedAt ?? clock.now();
  const durationSeconds = tw.duration ? Number(tw.duration) : undefined;
  if (endedAt !== undefined && durationSeconds !== undefined && tw.status === 'completed')
    call.answeredAt = endedAt - durationSeconds * 1000;
  if (status === 'completed') {
    // The call is over; ElevenLabs still needs a moment to write the transcripts and the analysis.
    changed = (await readConversations(ctx, call)) || changed;
    const analysed = ctx.isAnalysed(lastConversationOf(call));
    const expected = call.conversations.length > 0 || call.lookForConversation;
    if (expected && !analysed && clock.now() - call.twilioEndedAt < ctx.analysisGraceMs) return changed;
  }
  ctx.finish(
    call,
    status,
    ctx.snapshotOf(call, status, { durationSeconds, endedAt, costTelephony: twilioPrice(tw.price) }),
  );
  return true;
}

/** The conversations of the call; while an agent holds it, also whether its fallback gave it back to the AI. */
async function readConversations(ctx: FollowerContext, call: FollowedCall): Promise<boolean> {
  const before = call.conversations.length;
  const changed = await ctx.reader.read(call);
  const takeover = call.takeover;
  if (call.mode === 'human' && takeover?.fallbackInTwiml && call.conversations.length > before) {
    // The softphone did not answer and the TwiML's own fallback streamed the customer to a new conversation.
    call.mode = 'ai';
    call.takeover = undefined;
    ctx.emit({
      type: 'returned_to_ai',
      callId: call.callSid,
      attemptId: call.attemptId,
      at: ctx.clock.now(),
      reason: `${takeover.agentName}'s softphone did not answer: the customer is back with the AI`,
    });
  }
  return changed;
}
