import type { ValidationIssue } from '@shared/errors';
import { AppError } from '@shared/errors';
import { summariseIssues } from '@shared/validation/plain-issues';
import { readPhone } from '../../customers/import/read-phone';

/**
 * Caller numbers as the supervisor types them — "(305) 555-0142", "+1 305 555 0142", "305.555.0142" —
 * read like every other phone field (the default region for numbers without a country code) into the
 * E.164 form Twilio dials from. Every number that is not one is named at once.
 */
export function withCallerNumbersInE164<T extends { twilio: { callerNumbers: string[] } }>(
  input: T,
  region: string,
): T {
  const issues: ValidationIssue[] = [];
  const callerNumbers = input.twilio.callerNumbers.map((text, i) => {
    const phone = readPhone(text, region);
    if (phone.ok) return phone.e164;
    issues.push({
      path: `twilio.callerNumbers.${i}`,
      message: `“${text}” is not a phone number: write it like +1 305 555 0142, or (305) 555-0142 in ${region}`,
    });
    return text;
  });
  if (issues.length > 0) throw new AppError('invalid_input', summariseIssues(issues), issues);
  return { ...input, twilio: { ...input.twilio, callerNumbers } };
}
