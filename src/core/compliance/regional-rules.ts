/**
 * Stricter rules some regions set for telemarketing calls, applied on top of the campaign's window and
 * the federal 08:00–21:00 envelope. Keys are the customers' `region` codes.
 */
export interface RegionalRule {
  window: { start: string; end: string };
  /** At most this many call attempts to one person in 24 hours. */
  maxAttemptsPer24h?: number;
  note: string;
}

export const regionalCallingRules: Record<string, RegionalRule> = {
  'US-FL': {
    window: { start: '08:00', end: '20:00' },
    maxAttemptsPer24h: 3,
    note: 'Florida Telephone Solicitation Act',
  },
  'US-OK': {
    window: { start: '08:00', end: '20:00' },
    maxAttemptsPer24h: 3,
    note: 'Oklahoma Telephone Solicitation Act',
  },
  'US-MD': {
    window: { start: '08:00', end: '20:00' },
    maxAttemptsPer24h: 3,
    note: 'Maryland Stop the Spam Calls Act',
  },
};
