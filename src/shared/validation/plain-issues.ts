import type { z } from 'zod';
import type { ValidationIssue } from '../errors';

/**
 * Validation problems in words a supervisor can act on. A schema's own message ("use HH:MM, 24-hour")
 * always wins; where a schema says nothing, zod's default ("Too small: expected number to be >=0")
 * becomes "must be 0 or more". Used as the per-parse error map wherever input is validated.
 */
export function plainIssueMessage(issue: z.core.$ZodRawIssue): string | undefined {
  const received = issue.input;
  switch (issue.code) {
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'string') return min <= 1 ? 'fill this in' : `write at least ${min} characters`;
      if (issue.origin === 'array') return min <= 1 ? 'choose at least one' : `choose at least ${min}`;
      return issue.inclusive ? `must be ${min} or more` : `must be more than ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'string') return `write at most ${max} characters`;
      if (issue.origin === 'array') return `choose at most ${max}`;
      return issue.inclusive ? `must be ${max} or less` : `must be less than ${max}`;
    }
    case 'invalid_type':
      if (received === undefined || received === null || received === '') return 'fill this in';
      if (issue.expected === 'int') return 'enter a whole number';
      if (issue.expected === 'number') return 'enter a number';
      if (issue.expected === 'boolean') return 'choose yes or no';
      if (issue.expected === 'string') return 'enter text';
      return undefined;
    case 'invalid_value':
      return `choose one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      if (issue.format === 'email') return 'enter an email address like name@example.com';
      return 'is not written the expected way';
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'field' : 'fields'} ${issue.keys.join(', ')}`;
    default:
      return undefined;
  }
}

/** What each settings and campaign field is called on screen, by its path in the input. */
const fieldLabels: Record<string, string> = {
  companyName: 'Company name',
  agentName: 'AI agent name',
  defaultRegion: 'Default country',
  defaultTimeZone: 'Default time zone',
  callingHours: 'Calling hours',
  frequencyCapDays: 'Call a customer at most once every (days)',
  recordingDisclosure: 'Recording disclosure',
  escalationWaitSeconds: 'Wait for an agent (seconds)',
  name: 'Campaign name',
  objective: 'Objective',
  callerNumber: 'Caller number',
  criteria: 'Audience',
  'script.firstMessage': 'First message',
  'script.prompt': 'Instructions',
  'schedule.daysOfWeek': 'Days of week',
  'schedule.dailyWindow': 'Daily window',
  'pacing.maxConcurrent': 'Max concurrent calls',
  'pacing.maxPerMinute': 'Max calls per minute',
  'retryPolicy.delayMinutes': 'Retry wait (minutes)',
  'retryPolicy.maxAttempts': 'Max attempts',
  'goal.conversionDispositions': 'Counts as a conversion',
  'goal.valuePerConversion': 'Value per conversion',
  'costs.telephonyPerMinute': 'Telephony $/min',
  'costs.aiPerMinute': 'AI $/min',
  'costs.perCall': 'Cost per call',
  'costs.fixed': 'Fixed costs',
  'twilio.callerNumbers': 'Caller numbers',
  disposition: 'Disposition',
  notes: 'Notes',
};

/** A campaign edit names its fields under `changes.`; the screen knows them without it. */
export const fieldPath = (path: string) => path.replace(/^changes\./, '');

export function fieldLabel(path: string): string | undefined {
  const plain = fieldPath(path);
  // The nearest labelled field: a list item (twilio.callerNumbers.2) or a part of a field is named by it.
  for (let p = plain; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    if (fieldLabels[p]) return fieldLabels[p];
  }
  return undefined;
}

/** One line for the top of a form: the first problem with its field named, and how many more there are. */
export function summariseIssues(issues: ValidationIssue[]): string {
  const [first, ...rest] = issues;
  if (!first) return 'Some values need fixing';
  // A field no screen shows (an API caller's) is named by its path.
  const label = fieldLabel(first.path) ?? fieldPath(first.path);
  const more =
    rest.length === 0 ? '' : ` (and ${rest.length} more ${rest.length === 1 ? 'problem' : 'problems'})`;
  return `${label ? `${label}: ` : ''}${first.message}${more}`;
}
