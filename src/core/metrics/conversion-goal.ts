import { z } from 'zod';

/** Dispositions that count as a conversion when a campaign's goal does not say. */
export const defaultConversionDispositions = ['booked_viewing', 'renewal_agreed', 'upsell_accepted'];

/**
 * The part of a campaign's stored `goal` document that metrics need. Read tolerantly: a campaign saved by
 * an older version still gets figures.
 */
const goalShape = z
  .object({
    conversionDispositions: z.array(z.string()).min(1).optional(),
    valuePerConversion: z.number().nonnegative().optional(),
  })
  .passthrough();

export interface ConversionGoal {
  conversionDispositions: string[];
  valuePerConversion: number;
}

export function readConversionGoal(stored: unknown): ConversionGoal {
  const parsed = goalShape.safeParse(stored);
  const goal = parsed.success ? parsed.data : {};
  return {
    conversionDispositions: goal.conversionDispositions ?? defaultConversionDispositions,
    valuePerConversion: goal.valuePerConversion ?? 0,
  };
}
