import { z } from 'zod';

/** Dispositions that count as a conversion when a campaign's goal does not say. */
export const defaultConversionDispositions = ['booked_viewing', 'renewal_agreed', 'upsell_accepted'];

/**
 * The parts of a campaign's stored `goal` and `costs` documents that metrics need. Read tolerantly: a
 * campaign saved by an older version still gets figures.
 */
const goalShape = z
  .object({
    conversionDispositions: z.array(z.string()).min(1).optional(),
    valuePerConversion: z.number().nonnegative().optional(),
  })
  .passthrough();

const costsShape = z
  .object({ perCall: z.number().nonnegative().optional(), fixed: z.number().nonnegative().optional() })
  .passthrough();

export interface ConversionGoal {
  conversionDispositions: string[];
  valuePerConversion: number;
}

/** Costs a campaign adds to what each call's provider billed. */
export interface ExtraCosts {
  perCall: number;
  fixed: number;
}

export function readConversionGoal(stored: unknown): ConversionGoal {
  const parsed = goalShape.safeParse(stored);
  const goal = parsed.success ? parsed.data : {};
  return {
    conversionDispositions: goal.conversionDispositions ?? defaultConversionDispositions,
    valuePerConversion: goal.valuePerConversion ?? 0,
  };
}

export function readExtraCosts(stored: unknown): ExtraCosts {
  const parsed = costsShape.safeParse(stored);
  const costs = parsed.success ? parsed.data : {};
  return { perCall: costs.perCall ?? 0, fixed: costs.fixed ?? 0 };
}
