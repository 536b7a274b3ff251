import { IANAZone } from 'luxon';
import { describe, expect, it } from 'vitest';
import { placesOf } from '../../src/core/customers/places/customer-places';
import { areaCodeZones, placeOfNanpNumber } from '../../src/core/customers/places/nanp-area-codes';
import { subdivisionOfPostalCode } from '../../src/core/customers/places/postal-codes';
import { subdivisionZones } from '../../src/core/customers/places/subdivisions';

const isIanaZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return IANAZone.isValidZone(zone);
  } catch {
    return false;
  }
};

describe('where a customer may be', () => {
  it('names only zones of the IANA database', () => {
    for (const zone of [...areaCodeZones(), ...subdivisionZones()]) expect(isIanaZone(zone), zone).toBe(true);
  });

  it('keeps both the address and the area code: a 212 number living in Los Angeles', () => {
    const places = placesOf({ phone: '+12125550123', country: 'US', city: 'Los Angeles', region: 'CA' });
    expect(places.timeZones.sort()).toEqual(['America/Los_Angeles', 'America/New_York']);
    expect(places.regions.sort()).toEqual(['US-CA', 'US-NY']);
    expect(places.timeZone).toBe('America/Los_Angeles');
  });

  it('reads a state column in the number’s country: FL is Florida (US-FL), and Florida too', () => {
    expect(placesOf({ phone: '+12135550123', country: 'US', region: 'FL' }).regions).toContain('US-FL');
    expect(placesOf({ phone: '+12135550123', country: 'US', region: 'Florida' }).regions).toContain('US-FL');
    expect(placesOf({ phone: '+14165550123', country: 'CA', region: 'ON' }).regions).toContain('CA-ON');
  });

  it('lists every zone of an area code that straddles a zone line', () => {
    expect(placeOfNanpNumber('+18505550100')?.zones.sort()).toEqual(['America/Chicago', 'America/New_York']);
    expect(placeOfNanpNumber('+12195550100')?.zones).toContain('America/Chicago');
    // The address narrows nothing away: Pensacola is Central, the number may be Eastern.
    expect(
      placesOf({ phone: '+18505550100', country: 'US', city: 'Pensacola', region: 'FL' }).timeZones.sort(),
    ).toEqual(['America/Chicago', 'America/New_York']);
  });

  it('knows the newer and the Caribbean and Pacific area codes', () => {
    const zone = (n: string) => placeOfNanpNumber(`+1${n}5550100`)?.zones;
    expect(zone('324')).toEqual(['America/New_York']);
    expect(zone('738')).toEqual(['America/Los_Angeles']);
    expect(zone('748')).toEqual(['America/Denver']);
    expect(zone('942')).toEqual(['America/Toronto']);
    expect(zone('867')).toContain('America/Whitehorse');
    expect(zone('671')).toEqual(['Pacific/Guam']);
    expect(zone('340')).toEqual(['America/St_Thomas']);
    expect(zone('876')).toEqual(['America/Jamaica']);
  });

  it('places a number of another country by its country, unless the address is there', () => {
    expect(placesOf({ phone: '+61293744000', country: 'AU', city: 'Sydney' }).timeZones).toEqual([
      'Australia/Sydney',
    ]);
    const mobileOnly = placesOf({ phone: '+61491570006', country: 'AU' }).timeZones;
    expect(mobileOnly).toContain('Australia/Perth');
    expect(mobileOnly).toContain('Australia/Sydney');
    expect(mobileOnly).not.toContain('Asia/Tokyo');
    // A UK number living in Sydney: both countries' hours must hold.
    expect(
      placesOf({ phone: '+447700900123', country: 'GB', city: 'Sydney', region: 'AU' }).timeZones.sort(),
    ).toEqual(['Australia/Sydney', 'Europe/London']);
  });

  it('never guesses: a number of no known country and no address gives no zone', () => {
    expect(placesOf({ phone: '+80012345678' })).toEqual({
      timeZones: [],
      regions: [],
      timeZone: '',
      region: undefined,
    });
  });

  it('reads US ZIP and Canadian postal codes to their state or province', () => {
    expect(subdivisionOfPostalCode('32501')).toBe('US-FL');
    expect(subdivisionOfPostalCode('46320-1234')).toBe('US-IN');
    expect(subdivisionOfPostalCode('00802')).toBe('US-VI');
    expect(subdivisionOfPostalCode('M5V 3L9')).toBe('CA-ON');
    expect(subdivisionOfPostalCode('Y1A 1A1')).toBe('CA-YT');
    expect(subdivisionOfPostalCode('SW1A 1AA')).toBeUndefined();
  });
});
