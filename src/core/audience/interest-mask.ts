import { interestTags } from '../../shared/contract/audience';

/**
 * Each interest of the vocabulary has a bit in `customers.interest_mask`: its position in `interestTags`,
 * the same numbers the migration wrote into `interest_bits` (a test holds them equal).
 */
export const interestBit: ReadonlyMap<string, number> = new Map(interestTags.map((tag, bit) => [tag, bit]));

/** Splits tags into the mask of those with a bit and the rest, which only `customer_tags` knows. */
export function interestMaskOf(tags: Iterable<string>): { mask: number; others: string[] } {
  let mask = 0;
  const others: string[] = [];
  for (const tag of new Set(tags)) {
    const bit = interestBit.get(tag);
    if (bit === undefined) others.push(tag);
    else mask |= 2 ** bit;
  }
  return { mask, others };
}
