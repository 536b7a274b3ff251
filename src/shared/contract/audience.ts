import { z } from 'zod';
import { method } from './define';

/**
 * Audience criteria are react-querybuilder's RuleGroupType JSON: and/or groups of field–operator–value
 * rules, with `not` and nesting. Values arrive as the query builder produces them (often strings);
 * the audience compiler checks each against its field and operator.
 */
export interface AudienceRule {
  id?: string;
  field: string;
  operator: string;
  value?: unknown;
  disabled?: boolean;
}

export interface AudienceGroup {
  id?: string;
  combinator: 'and' | 'or';
  not?: boolean;
  disabled?: boolean;
  rules: (AudienceRule | AudienceGroup)[];
}

/**
 * How large criteria may be. Checked by a flat walk before the recursive schema, which a payload nested
 * hundreds of levels deep would drive past the stack; the counts also keep the compiled SQL inside
 * SQLite's expression-depth limit.
 */
export const audienceLimits = {
  /** Groups inside groups. */
  depth: 20,
  /** Rules in all groups together. */
  rules: 500,
  /** Values of one rule ("is one of", "include all of"). */
  values: 1_000,
} as const;

/** What makes criteria too large, in words, or undefined when they are within `audienceLimits`. */
export function audienceSizeProblem(criteria: unknown): string | undefined {
  const stack: [unknown, number][] = [[criteria, 1]];
  let rules = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    const children = (node as { rules?: unknown }).rules;
    if (Array.isArray(children)) {
      if (depth > audienceLimits.depth)
        return `groups are nested more than ${audienceLimits.depth} levels deep`;
      for (const child of children) stack.push([child, depth + 1]);
      continue;
    }
    if (++rules > audienceLimits.rules) return `more than ${audienceLimits.rules} rules`;
    const value = (node as { value?: unknown }).value;
    const values = Array.isArray(value)
      ? value.length
      : typeof value === 'string'
        ? value.split(',').length
        : 1;
    if (values > audienceLimits.values)
      return `a rule lists more than ${audienceLimits.values.toLocaleString('en-US')} values`;
  }
  return undefined;
}

const ruleSchema = z
  .object({
    id: z.string().optional(),
    field: z.string().min(1).max(64),
    operator: z.string().min(1).max(64),
    value: z.unknown().optional(),
    disabled: z.boolean().optional(),
  })
  .passthrough();

const groupSchema: z.ZodType<AudienceGroup> = z.lazy(() =>
  z
    .object({
      id: z.string().optional(),
      combinator: z.enum(['and', 'or']),
      not: z.boolean().optional(),
      disabled: z.boolean().optional(),
      rules: z.array(z.union([groupSchema, ruleSchema])).max(200),
    })
    .passthrough(),
) as z.ZodType<AudienceGroup>;

export const audienceGroupSchema: z.ZodType<AudienceGroup> = z
  .unknown()
  .superRefine((criteria, ctx) => {
    const problem = audienceSizeProblem(criteria);
    if (problem) ctx.addIssue({ code: 'custom', message: `The audience is too large: ${problem}` });
  })
  .pipe(groupSchema) as unknown as z.ZodType<AudienceGroup>;

export const emptyAudience: AudienceGroup = { combinator: 'and', rules: [] };

export type AudienceValueKind = 'text' | 'choice' | 'tags' | 'number' | 'range' | 'days' | 'date' | 'none';

export interface AudienceOperator {
  name: string;
  label: string;
  value: AudienceValueKind;
}

export interface AudienceField {
  name: string;
  label: string;
  operators: AudienceOperator[];
  /** Suggested values for choice/tag fields. */
  values?: string[];
}

/** The interests customers are tagged with (imports may add others; these are the suggestions). */
export const interestTags = [
  'waterfront',
  'schools',
  'new-build',
  'investment',
  'garden',
  'downtown',
  'luxury',
  'pet-friendly',
  'parking',
  'quiet-street',
  'gym',
  'first-home',
] as const;

const choiceOperators: AudienceOperator[] = [
  { name: '=', label: 'is', value: 'choice' },
  { name: '!=', label: 'is not', value: 'choice' },
  { name: 'in', label: 'is one of', value: 'tags' },
  { name: 'notIn', label: 'is none of', value: 'tags' },
];
const numberOperators: AudienceOperator[] = [
  { name: '>=', label: 'at least', value: 'number' },
  { name: '<=', label: 'at most', value: 'number' },
  { name: 'between', label: 'between', value: 'range' },
];

/** Every field an audience can filter on, with the operators it accepts (also feeds the query builder). */
export const audienceFields: AudienceField[] = [
  {
    name: 'interests',
    label: 'Interests',
    operators: [
      { name: 'includesAny', label: 'include any of', value: 'tags' },
      { name: 'includesAll', label: 'include all of', value: 'tags' },
      { name: 'includesNone', label: 'include none of', value: 'tags' },
    ],
    values: [...interestTags],
  },
  { name: 'city', label: 'City', operators: choiceOperators },
  { name: 'neighborhood', label: 'Neighborhood', operators: choiceOperators },
  { name: 'timeZone', label: 'Time zone', operators: choiceOperators },
  {
    name: 'lifecycleStage',
    label: 'Lifecycle stage',
    operators: choiceOperators,
    values: ['lead', 'prospect', 'customer', 'past_customer'],
  },
  {
    name: 'bookingStatus',
    label: 'Viewing status',
    operators: choiceOperators,
    values: ['none', 'scheduled', 'completed', 'cancelled', 'no_show'],
  },
  {
    name: 'preferredPropertyType',
    label: 'Preferred property type',
    operators: choiceOperators,
    values: ['apartment', 'house', 'townhouse', 'condo', 'villa'],
  },
  { name: 'consent', label: 'Consent', operators: choiceOperators, values: ['none', 'verbal', 'written'] },
  {
    name: 'booking',
    label: 'Viewing',
    operators: [
      { name: 'inLastDays', label: 'booked in the last N days', value: 'days' },
      { name: 'inNextDays', label: 'scheduled in the next N days', value: 'days' },
      { name: 'noneInNextDays', label: 'none scheduled in the next N days', value: 'days' },
    ],
  },
  {
    name: 'lastContacted',
    label: 'Last contacted',
    operators: [
      { name: 'never', label: 'never', value: 'none' },
      { name: 'withinLastDays', label: 'within the last N days', value: 'days' },
      { name: 'notWithinLastDays', label: 'not in the last N days (or never)', value: 'days' },
      { name: 'before', label: 'before', value: 'date' },
      { name: 'after', label: 'after', value: 'date' },
    ],
  },
  {
    name: 'customerSince',
    label: 'Customer since',
    operators: [
      { name: 'before', label: 'before', value: 'date' },
      { name: 'after', label: 'after', value: 'date' },
      { name: 'withinLastDays', label: 'within the last N days', value: 'days' },
    ],
  },
  { name: 'lifetimeValue', label: 'Lifetime value', operators: numberOperators },
  {
    name: 'budget',
    label: 'Budget',
    operators: [
      { name: 'covers', label: 'covers a price of', value: 'number' },
      { name: 'overlaps', label: 'overlaps the range', value: 'range' },
    ],
  },
  {
    name: 'contractEnds',
    label: 'Contract ends',
    operators: [{ name: 'withinNextDays', label: 'within the next N days', value: 'days' }],
  },
];

export interface AudienceCount {
  matched: number;
  /** Each bucket counts every matched customer it applies to; one customer may be in several. */
  suppressed: { dnc: number; no_consent: number; invalid_phone: number; frequency_cap: number };
  /** Matched customers in no suppression bucket. */
  eligible: number;
  /**
   * Eligible customers who are not dialled now: `timeZoneUnknown` wait until someone says where they
   * live; `demo` are demo customers, called only by the simulator.
   */
  held: { timeZoneUnknown: number; demo: number };
}

export interface AudienceSampleRow {
  id: number;
  name: string;
  phone: string;
  city: string | null;
  neighborhood: string | null;
  tags: string[];
  /** Why this customer would not be called, if they would not. */
  suppressedBy: string[];
}

export const audienceMethods = {
  'audience.count': method<AudienceCount>()(z.object({ criteria: audienceGroupSchema }).strict()),
  'audience.sample': method<AudienceSampleRow[]>()(
    z.object({ criteria: audienceGroupSchema, limit: z.number().int().min(1).max(100).default(20) }).strict(),
  ),
  'audience.fields': method<AudienceField[]>()(z.object({}).strict()),
  'audience.values': method<string[]>()(
    z.object({ field: z.enum(['city', 'neighborhood', 'timeZone']) }).strict(),
  ),
};

export const audienceEvents = {};
