import type { DemoCity } from './demo-catalog';

/** NANP exchanges may not start with 0 or 1, N11 codes are services, and 555 is kept for fictional numbers. */
const nanpExchanges = Array.from({ length: 800 }, (_, i) => 200 + i).filter(
  (x) => x % 100 !== 11 && x !== 555,
);

/** Multiplying by a number coprime with 10^n permutes 0…10^n−1: unique, but not sequential-looking. */
const scramble = (k: number, modulus: number) => Number((BigInt(k) * 7919n) % BigInt(modulus));

/**
 * The phone number of a city for key k: distinct for every k below 2 million, and within the ranges
 * libphonenumber treats as valid mobile/landline numbers of that country.
 */
export function demoPhone(city: DemoCity, k: number): string {
  const prefix = city.prefixes[k % city.prefixes.length];
  const n = Math.floor(k / city.prefixes.length);
  if (city.numbering === 'nanp') {
    const exchange = nanpExchanges[Math.floor(n / 10_000) % nanpExchanges.length];
    const line = scramble(n % 10_000, 10_000);
    return `${prefix}${exchange}${String(line).padStart(4, '0')}`;
  }
  const modulus = 10 ** city.subscriberDigits;
  return `${prefix}${String(scramble(n % modulus, modulus)).padStart(city.subscriberDigits, '0')}`;
}
