import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';

export type PhoneReading = { ok: true; e164: string; country: string | undefined } | { ok: false };

/** Reads a number as written in a file; numbers without a country code are read in `region`. */
export function readPhone(text: string, region: string): PhoneReading {
  const parsed = parsePhoneNumberFromString(text, region as CountryCode);
  if (!parsed?.isValid()) return { ok: false };
  return { ok: true, e164: parsed.number, country: parsed.country };
}

/** Why `readPhone` refused `text`, as a reject reason puts it after the field's name. */
export const invalidPhoneReason = (text: string, region: string) =>
  text.startsWith('+') ? 'not a valid international number' : `not a valid number for region ${region}`;
