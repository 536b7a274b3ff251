/**
 * What simulated conversations are made of: the agent's talking points per campaign objective, and
 * the customer's replies by persona. `{name}` etc. are filled from the call's variables.
 */
export type Mood = 'warm' | 'neutral' | 'busy' | 'skeptical';

export const agentPoints: Record<string, string[]> = {
  neighborhood_interest: [
    'We just listed a few homes in {neighborhood} — one has a lovely terrace and is close to the park.',
    'Prices there start a little under your budget, and two of them are available to view this week.',
    'Would you like me to book a viewing? I have Thursday afternoon or Saturday morning.',
  ],
  booking_reminder: [
    'I am calling to confirm your viewing on {booking_date} at {booking_time}.',
    'The agent will meet you at the entrance; it takes about thirty minutes.',
    'Shall I keep the appointment as it is?',
  ],
  renewal: [
    'Your lease ends on {contract_end}, and the owner would be glad to renew for another twelve months.',
    'The new rent would stay within three percent of what you pay today.',
    'Would you like me to send you the renewal to sign?',
  ],
  upsell: [
    'Our premium management takes care of tenants, repairs and rent collection for you.',
    'Clients with properties like yours usually see fewer vacant weeks per year.',
    'Could I set up a short call with our management team to go through it?',
  ],
  custom: [
    'I wanted to share an update from our team that may interest you.',
    'It only takes a minute, and I can send the details by email afterwards.',
    'Would that be useful for you?',
  ],
};

export const customerReplies: Record<Mood, string[]> = {
  warm: ['Oh, nice, go on.', 'That sounds good.', 'Yes, tell me more.', 'Great, thank you for calling.'],
  neutral: ['Okay.', 'Mm-hm, I see.', 'Right.', 'Sure, go ahead.'],
  busy: ['I only have a minute.', 'Can you make it quick?', 'I am driving, sorry.', 'Okay, quickly please.'],
  skeptical: [
    'How did you get my number?',
    'I am not sure about that.',
    'That sounds expensive.',
    'Hmm, I doubt it.',
  ],
};

export const closingLines: Record<string, { customer: string; agent: string }> = {
  booked_viewing: {
    customer: 'Saturday morning works for me.',
    agent: 'Perfect, you are booked for Saturday at ten. You will get a text with the details.',
  },
  interested: {
    customer: 'Send me the details and I will think about it.',
    agent: 'I will email everything today. Thanks, {name}!',
  },
  callback_requested: {
    customer: 'Can someone call me back later this week?',
    agent: 'Of course, a colleague will call you back. Have a good day.',
  },
  not_interested: {
    customer: 'No thanks, I am not looking right now.',
    agent: 'No problem at all, thank you for your time.',
  },
  wrong_number: {
    customer: 'I think you have the wrong number.',
    agent: 'I am sorry for the trouble, have a good day.',
  },
  do_not_call_request: {
    customer: 'Please take me off your list and do not call again.',
    agent: 'Understood, we will not call you again. Goodbye.',
  },
  renewal_agreed: {
    customer: 'Yes, send it over, I will sign.',
    agent: 'Wonderful, the renewal is on its way to your email.',
  },
  upsell_accepted: {
    customer: 'All right, let us set up that call.',
    agent: 'Great, our team will reach out tomorrow morning.',
  },
  no_decision: {
    customer: 'I need to talk to my partner first.',
    agent: 'Of course. I will follow up next week.',
  },
};

export const escalationLines = {
  customer: [
    'Could I speak to a real person, please?',
    'I would rather talk to an agent.',
    'Is there a human I can talk to?',
  ],
  agentHold: 'Of course — let me bring in a colleague. One moment please.',
  /** While nobody picks up, the AI keeps the customer company, in this order (and round again). */
  company: [
    { speaker: 'ai', text: 'I am still reaching a colleague for you — thank you for holding.' },
    { speaker: 'customer', text: 'Okay, I can wait a little.' },
    {
      speaker: 'ai',
      text: 'While we wait: is there anything I can note for them, so you do not have to repeat yourself?',
    },
    { speaker: 'customer', text: 'Mostly the price and when I could see it.' },
    { speaker: 'ai', text: 'Noted. My colleagues are all on calls, I am trying the next one free.' },
  ] as const,
  offerCallback:
    'I am sorry, nobody is free to take your call right now. May a colleague call you back today, at a time that suits you?',
  acceptCallback: 'Yes, that is fine — this afternoon is best.',
  confirmCallback: 'Done: a colleague will call you back this afternoon. Thank you for your patience!',
};

/** How the simulated customer answers an agent who took over, by what the agent said. */
export function replyToAgent(text: string, mood: Mood, pick: <T>(items: T[]) => T): string {
  const t = text.toLowerCase();
  if (/\b(price|cost|rent|how much)\b/.test(t))
    return pick(['What would the monthly cost be?', 'Is the price negotiable?']);
  if (
    /\b(view|visit|see|book|appointment|saturday|sunday|monday|tuesday|wednesday|thursday|friday)\b/.test(t)
  ) {
    return pick(['Saturday would work for me.', 'Could we do an evening instead?', 'Yes, let us book it.']);
  }
  if (/\b(thank|thanks|bye|goodbye)\b/.test(t)) return 'Thank you, bye!';
  if (/\?$/.test(t.trim()))
    return pick(
      mood === 'skeptical'
        ? ['I am not sure, honestly.', 'Maybe.']
        : ['Yes, that is right.', 'I think so, yes.'],
    );
  return pick(customerReplies[mood]);
}
