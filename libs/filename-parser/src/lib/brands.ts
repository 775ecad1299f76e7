/**
 * The series and festivals the catalog knows. `festival` brands number their
 * events (`E76` is Event #76), `series` brands number episodes (`E05`).
 */
export type BrandKind = 'festival' | 'series';

export interface Brand {
  /** Canonical code stored in `project`. */
  readonly code: string;
  /** How a title names it. */
  readonly display: string;
  readonly kind: BrandKind;
  /** Ways names spell it; matched without regard to case, spaces or camel case. */
  readonly aliases: readonly string[];
}

export const BRANDS: readonly Brand[] = [
  { code: 'WSOP', display: 'WSOP', kind: 'festival', aliases: ['wsop', 'world series of poker'] },
  {
    code: 'WSOPE',
    display: 'WSOP Europe',
    kind: 'festival',
    aliases: ['wsope', 'wsop europe', 'wsop eu', 'world series of poker europe'],
  },
  {
    code: 'WSOPP',
    display: 'WSOP Paradise',
    kind: 'festival',
    aliases: ['wsopp', 'wsop paradise', 'world series of poker paradise'],
  },
  { code: 'WPT', display: 'WPT', kind: 'series', aliases: ['wpt', 'world poker tour'] },
  {
    code: 'EPT',
    display: 'EPT',
    kind: 'festival',
    aliases: ['ept', 'european poker tour', 'pokerstars ept', 'pokerstars european poker tour'],
  },
  { code: 'APT', display: 'APT', kind: 'festival', aliases: ['apt', 'asian poker tour'] },
  {
    code: 'TRITON',
    display: 'Triton',
    kind: 'festival',
    aliases: [
      'triton',
      'triton poker',
      'triton series',
      'triton poker series',
      'triton shr',
      'triton shr series',
      'triton super high roller',
      'triton super high roller series',
      'triton poker super high roller series',
    ],
  },
  {
    code: 'HCL',
    display: 'Hustler Casino Live',
    kind: 'series',
    aliases: ['hcl', 'hustler casino live', 'hustler live'],
  },
  { code: 'HSP', display: 'High Stakes Poker', kind: 'series', aliases: ['hsp', 'high stakes poker'] },
  { code: 'PAD', display: 'Poker After Dark', kind: 'series', aliases: ['pad', 'poker after dark'] },
  { code: 'SHRB', display: 'Super High Roller Bowl', kind: 'festival', aliases: ['shrb', 'super high roller bowl'] },
  { code: 'PGT', display: 'PGT', kind: 'festival', aliases: ['pgt', 'pokergo tour'] },
  {
    code: 'NAPT',
    display: 'NAPT',
    kind: 'festival',
    aliases: ['napt', 'north american poker tour', 'pokerstars napt'],
  },
  {
    code: 'GGM',
    display: 'GGMillion$',
    kind: 'series',
    aliases: ['ggm', 'ggmillions', 'ggmillion', 'gg millions', 'gg million', 'ggpoker millions'],
  },
];

const BY_CODE = new Map(BRANDS.map((brand) => [brand.code, brand]));

export function brandDisplayName(code: string): string {
  return BY_CODE.get(code)?.display ?? code;
}

export function brandKind(code: string | null): BrandKind | null {
  return code === null ? null : (BY_CODE.get(code)?.kind ?? null);
}
