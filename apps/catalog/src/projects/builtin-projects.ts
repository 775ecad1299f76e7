/** One project (series or festival brand) as the catalog knows it. */
export interface ProjectDefinition {
  /** Canonical code, upper case: the `project` of ParsedMetadata. */
  code: string;
  name: string;
  /** Other spellings in file names and sheet titles (any case, separators, camel case; Korean too). */
  aliases: string[];
}

/**
 * Every brand of the ParsedMetadata contract, named as the filename parser
 * titles them (`WSOP 2024 Main Event Day 1A`). The filename parser already
 * recognises their English spellings; the aliases here also serve names the
 * parser gives no project (Korean spellings, house abbreviations) and
 * `match_episode` titles. A catalog definition file (`CATALOG_FILE`) may
 * rename any of them and add aliases.
 */
export const BUILTIN_PROJECTS: readonly ProjectDefinition[] = [
  {
    code: 'WSOP',
    name: 'WSOP',
    aliases: ['wsop', 'world series of poker', '월드시리즈오브포커', '월드 시리즈 오브 포커', '월드시리즈'],
  },
  {
    code: 'WSOPE',
    name: 'WSOP Europe',
    aliases: ['wsope', 'wsop europe', 'wsop eu', 'world series of poker europe', '월드시리즈오브포커 유럽'],
  },
  {
    code: 'WSOPP',
    name: 'WSOP Paradise',
    aliases: ['wsopp', 'wsop paradise', 'world series of poker paradise', '월드시리즈오브포커 파라다이스'],
  },
  { code: 'WPT', name: 'WPT', aliases: ['wpt', 'world poker tour', '월드포커투어', '월드 포커 투어'] },
  {
    code: 'EPT',
    name: 'EPT',
    aliases: ['ept', 'european poker tour', 'pokerstars ept', '유러피안포커투어', '유러피언 포커 투어'],
  },
  { code: 'APT', name: 'APT', aliases: ['apt', 'asian poker tour', '아시안포커투어', '아시안 포커 투어'] },
  {
    code: 'TRITON',
    name: 'Triton',
    aliases: ['triton', 'triton poker', 'triton series', 'triton super high roller series', '트리톤'],
  },
  { code: 'HCL', name: 'Hustler Casino Live', aliases: ['hcl', 'hustler casino live', 'hustler live', '허슬러'] },
  { code: 'HSP', name: 'High Stakes Poker', aliases: ['hsp', 'high stakes poker', '하이스테이크포커'] },
  { code: 'PAD', name: 'Poker After Dark', aliases: ['pad', 'poker after dark', '포커애프터다크'] },
  { code: 'SHRB', name: 'Super High Roller Bowl', aliases: ['shrb', 'super high roller bowl', '슈퍼하이롤러볼'] },
  { code: 'PGT', name: 'PGT', aliases: ['pgt', 'pokergo tour'] },
  { code: 'NAPT', name: 'NAPT', aliases: ['napt', 'north american poker tour'] },
  { code: 'GGM', name: 'GGMillion$', aliases: ['ggm', 'ggmillions', 'ggmillion', 'gg millions', '지지밀리언'] },
];
