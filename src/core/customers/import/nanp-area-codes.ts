/**
 * US and Canadian area codes by state/province, with the time zone most of the area code lives in.
 * libphonenumber-js gives the country of a +1 number but not its zone, and calling hours depend on it.
 * Area codes that straddle a zone line take the zone of their larger population.
 */
const areas: { region: string; timeZone: string; codes: string }[] = [
  { region: 'US-AL', timeZone: 'America/Chicago', codes: '205 251 256 334 659 938' },
  { region: 'US-AK', timeZone: 'America/Anchorage', codes: '907' },
  { region: 'US-AZ', timeZone: 'America/Phoenix', codes: '480 520 602 623 928' },
  { region: 'US-AR', timeZone: 'America/Chicago', codes: '327 479 501 870' },
  {
    region: 'US-CA',
    timeZone: 'America/Los_Angeles',
    codes:
      '209 213 279 310 323 341 350 369 408 415 424 442 510 530 559 562 619 626 628 650 657 661 669 707 714 747 760 805 818 820 831 840 858 909 916 925 949 951',
  },
  { region: 'US-CO', timeZone: 'America/Denver', codes: '303 719 720 970 983' },
  { region: 'US-CT', timeZone: 'America/New_York', codes: '203 475 860 959' },
  { region: 'US-DE', timeZone: 'America/New_York', codes: '302' },
  { region: 'US-DC', timeZone: 'America/New_York', codes: '202 771' },
  {
    region: 'US-FL',
    timeZone: 'America/New_York',
    codes: '239 305 321 352 386 407 448 561 645 656 689 727 728 754 772 786 813 850 863 904 941 954',
  },
  { region: 'US-GA', timeZone: 'America/New_York', codes: '229 404 470 478 678 706 762 770 912 943' },
  { region: 'US-HI', timeZone: 'Pacific/Honolulu', codes: '808' },
  { region: 'US-ID', timeZone: 'America/Boise', codes: '208 986' },
  {
    region: 'US-IL',
    timeZone: 'America/Chicago',
    codes: '217 224 309 312 331 447 464 618 630 708 730 773 779 815 847 861 872',
  },
  { region: 'US-IN', timeZone: 'America/Indiana/Indianapolis', codes: '219 260 317 463 574 765 812 930' },
  { region: 'US-IA', timeZone: 'America/Chicago', codes: '319 515 563 641 712' },
  { region: 'US-KS', timeZone: 'America/Chicago', codes: '316 620 785 913' },
  { region: 'US-KY', timeZone: 'America/New_York', codes: '270 364 502 606 859' },
  { region: 'US-LA', timeZone: 'America/Chicago', codes: '225 318 337 504 985' },
  { region: 'US-ME', timeZone: 'America/New_York', codes: '207' },
  { region: 'US-MD', timeZone: 'America/New_York', codes: '227 240 301 410 443 667' },
  { region: 'US-MA', timeZone: 'America/New_York', codes: '339 351 413 508 617 774 781 857 978' },
  {
    region: 'US-MI',
    timeZone: 'America/Detroit',
    codes: '231 248 269 313 517 586 616 679 734 810 906 947 989',
  },
  { region: 'US-MN', timeZone: 'America/Chicago', codes: '218 320 507 612 651 763 952' },
  { region: 'US-MS', timeZone: 'America/Chicago', codes: '228 601 662 769' },
  { region: 'US-MO', timeZone: 'America/Chicago', codes: '235 314 417 557 573 636 660 816 975' },
  { region: 'US-MT', timeZone: 'America/Denver', codes: '406' },
  { region: 'US-NE', timeZone: 'America/Chicago', codes: '308 402 531' },
  { region: 'US-NV', timeZone: 'America/Los_Angeles', codes: '702 725 775' },
  { region: 'US-NH', timeZone: 'America/New_York', codes: '603' },
  { region: 'US-NJ', timeZone: 'America/New_York', codes: '201 551 609 640 732 848 856 862 908 973' },
  { region: 'US-NM', timeZone: 'America/Denver', codes: '505 575' },
  {
    region: 'US-NY',
    timeZone: 'America/New_York',
    codes: '212 315 329 332 347 363 516 518 585 607 631 646 680 716 718 838 845 914 917 929 934',
  },
  { region: 'US-NC', timeZone: 'America/New_York', codes: '252 336 472 704 743 828 910 919 980 984' },
  { region: 'US-ND', timeZone: 'America/Chicago', codes: '701' },
  {
    region: 'US-OH',
    timeZone: 'America/New_York',
    codes: '216 220 234 283 326 330 380 419 436 440 513 567 614 740 937',
  },
  { region: 'US-OK', timeZone: 'America/Chicago', codes: '405 539 572 580 918' },
  { region: 'US-OR', timeZone: 'America/Los_Angeles', codes: '458 503 541 971' },
  {
    region: 'US-PA',
    timeZone: 'America/New_York',
    codes: '215 223 267 272 412 445 484 570 582 610 717 724 814 835 878',
  },
  { region: 'US-RI', timeZone: 'America/New_York', codes: '401' },
  { region: 'US-SC', timeZone: 'America/New_York', codes: '803 821 839 843 854 864' },
  { region: 'US-SD', timeZone: 'America/Chicago', codes: '605' },
  { region: 'US-TN', timeZone: 'America/Chicago', codes: '423 615 629 731 865 901 931' },
  {
    region: 'US-TX',
    timeZone: 'America/Chicago',
    codes:
      '210 214 254 281 325 346 361 409 430 432 469 512 682 713 726 737 806 817 830 832 903 936 940 945 956 972 979',
  },
  { region: 'US-TX', timeZone: 'America/Denver', codes: '915' },
  { region: 'US-UT', timeZone: 'America/Denver', codes: '385 435 801' },
  { region: 'US-VT', timeZone: 'America/New_York', codes: '802' },
  { region: 'US-VA', timeZone: 'America/New_York', codes: '276 434 540 571 686 703 757 804 826 948' },
  { region: 'US-WA', timeZone: 'America/Los_Angeles', codes: '206 253 360 425 509 564' },
  { region: 'US-WV', timeZone: 'America/New_York', codes: '304 681' },
  { region: 'US-WI', timeZone: 'America/Chicago', codes: '262 274 353 414 534 608 715 920' },
  { region: 'US-WY', timeZone: 'America/Denver', codes: '307' },
  { region: 'US-PR', timeZone: 'America/Puerto_Rico', codes: '787 939' },
  { region: 'CA-BC', timeZone: 'America/Vancouver', codes: '236 250 257 604 672 778' },
  { region: 'CA-AB', timeZone: 'America/Edmonton', codes: '368 403 587 780 825' },
  { region: 'CA-SK', timeZone: 'America/Regina', codes: '306 474 639' },
  { region: 'CA-MB', timeZone: 'America/Winnipeg', codes: '204 431 584' },
  {
    region: 'CA-ON',
    timeZone: 'America/Toronto',
    codes: '226 249 289 343 365 382 416 437 519 548 613 647 683 705 742 753 807 905',
  },
  { region: 'CA-QC', timeZone: 'America/Toronto', codes: '263 354 367 418 438 450 468 514 579 581 819 873' },
  { region: 'CA-NS', timeZone: 'America/Halifax', codes: '782 902' },
  { region: 'CA-NB', timeZone: 'America/Moncton', codes: '428 506' },
  { region: 'CA-NL', timeZone: 'America/St_Johns', codes: '709 879' },
];

export interface AreaCodePlace {
  region: string;
  timeZone: string;
}

const byAreaCode = new Map<string, AreaCodePlace>(
  areas.flatMap(({ region, timeZone, codes }) =>
    codes.split(' ').map((code) => [code, { region, timeZone }] as const),
  ),
);

/** The place of a +1 number from its area code, e.g. "+13055550100" → US-FL, America/New_York. */
export function placeOfNanpNumber(e164: string): AreaCodePlace | undefined {
  return e164.startsWith('+1') ? byAreaCode.get(e164.slice(2, 5)) : undefined;
}
