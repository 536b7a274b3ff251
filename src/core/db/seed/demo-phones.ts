import { type DemoCity, demoCities } from './demo-catalog';

/**
 * The phone number of a demo customer of a city for key k (its running count in the city): the city's
 * fictional numbers taken in turn. Distinct for the first tens of thousands per city; past that demo
 * customers share them (the phone is unique among real customers only).
 */
export function demoPhone(city: DemoCity, k: number): string {
  const range = city.fictionalRanges[k % city.fictionalRanges.length];
  const n = Math.floor(k / city.fictionalRanges.length) % 10 ** range.digits;
  return `${range.prefix}${String(n).padStart(range.digits, '0')}`;
}

/**
 * Whether a number is one of the demo data's fictional ones. They ring nobody: the engine never hands a
 * demo customer to a real provider, and the carriers refuse these ranges (Twilio answers 21211).
 */
export function isFictionalNumber(e164: string): boolean {
  if (/^\+1\d{3}55501\d{2}$/.test(e164)) return true;
  return fictionalPrefixes.some(
    (p) => e164.startsWith(p.prefix) && e164.length === p.prefix.length + p.digits,
  );
}

/** The fictional ranges outside North America that demo data uses (Ofcom, ACMA). */
const fictionalPrefixes = demoCities
  .flatMap((c) => c.fictionalRanges)
  .filter((r) => !r.prefix.startsWith('+1'));
