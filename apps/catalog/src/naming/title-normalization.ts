/**
 * Text forms the catalog compares: a file-name key for exact matches (case
 * and separators ignored) and a search text for trigram similarity, in which
 * Korean words, camel case and abbreviations (`D2`, `Pt1`, `FT`, `ME`) read
 * as the English words episode titles use.
 */

/** Extensions a title may carry that are not part of the name (video files and their side-cars). */
export const KNOWN_EXTENSIONS: ReadonlySet<string> = new Set([
  'mp4', 'm4v', 'mov', 'mxf', 'mkv', 'avi', 'wmv', 'flv', 'webm', 'mpg', 'mpeg', 'm2ts', 'mts', 'm2t', 'ts',
  'vob', '3gp', 'ogv', 'dv', 'r3d', 'braw', 'f4v', 'divx', 'rm', 'rmvb', 'asf', 'm2v',
]); // prettier-ignore

/** The last segment of a path written with `/` or `\`. */
export function baseName(pathOrName: string): string {
  const parts = pathOrName.split(/[\\/]/);
  return parts[parts.length - 1] ?? '';
}

/** The name without a known video extension (`.mp4`, `.MOV`); other dots are word breaks. */
export function stripExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return name;
  return KNOWN_EXTENSIONS.has(name.slice(dot + 1).toLowerCase()) ? name.slice(0, dot) : name;
}

/**
 * Key of a file name for exact matching: the base name without its
 * extension, NFKC, lower case, every run of non-letters/digits one space.
 * `WSOP_2023_Main-Event.Day1A.mp4` and `wsop 2023 main event day1a` agree.
 */
export function fileNameKey(pathOrName: string): string {
  return stripExtension(baseName(pathOrName).normalize('NFKC'))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Korean words and number suffixes, read as the English words of episode titles. */
const KOREAN: ReadonlyArray<readonly [RegExp, string]> = [
  [/(\d+)\s*일\s*차/g, ' day $1 '],
  [/(\d+)\s*(?:회|화|편)(?![가-힣])/g, ' episode $1 '],
  [/(\d+)\s*부(?![가-힣])/g, ' part $1 '],
  [/메인\s*이벤트/g, ' main event '],
  [/파이널\s*테이블/g, ' final table '],
  [/하이\s*롤러/g, ' high roller '],
  [/월드\s*시리즈\s*오브\s*포커/g, ' wsop '],
  [/월드\s*포커\s*투어/g, ' wpt '],
  [/유러피[안언]\s*포커\s*투어/g, ' ept '],
  [/아시안\s*포커\s*투어/g, ' apt '],
  [/트리톤/g, ' triton '],
  [/파이널/g, ' final '],
  [/테이블/g, ' table '],
  [/데이(?!터)/g, ' day '],
  [/일차/g, ' day '],
  [/에피소드/g, ' episode '],
  [/시즌/g, ' season '],
  [/파트(?!너)/g, ' part '],
  [/이벤트/g, ' event '],
  [/메인/g, ' main '],
  [/슈퍼/g, ' super '],
  [/챔피언십/g, ' championship '],
  [/하이라이트/g, ' highlights '],
  [/인천/g, ' incheon '],
  [/서울/g, ' seoul '],
  [/제주/g, ' jeju '],
  [/부산/g, ' busan '],
  [/라스\s*베[이]?[거가]스/g, ' las vegas '],
  [/바르셀로나/g, ' barcelona '],
  [/파리/g, ' paris '],
  [/프라하/g, ' prague '],
  [/런던/g, ' london '],
  [/마카오/g, ' macau '],
  [/몬테네그로/g, ' montenegro '],
];

export function translateKorean(text: string): string {
  let out = text;
  for (const [pattern, english] of KOREAN) out = out.replace(pattern, english);
  return out;
}

/**
 * Lower-case words of a text: NFKC, camel case and letter/digit runs split
 * (`WSOP2023MainEvent` → wsop 2023 main event), anything that is not a
 * letter or digit a break. Hangul runs stay whole words.
 */
export function words(text: string): string[] {
  return text
    .normalize('NFKC')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/(\p{L})(\p{N})/gu, '$1 $2')
    .replace(/(\p{N})(\p{L})/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const isNumber = (word: string | undefined): boolean => word !== undefined && /^\d+$/.test(word);

/** Abbreviations written before a number (`D2`, `Pt1`, `Ep5`, `Ev43`, `S12E05`), and standing alone (`FT`, `ME`). */
const BEFORE_NUMBER: ReadonlyMap<string, string> = new Map([
  ['d', 'day'],
  ['p', 'part'],
  ['pt', 'part'],
  ['ep', 'episode'],
  ['epi', 'episode'],
  ['ev', 'event'],
  ['evt', 'event'],
  ['s', 'season'],
  ['v', 'version'],
]);
const ALONE: ReadonlyMap<string, string> = new Map([
  ['ft', 'final table'],
  ['me', 'main event'],
]);

function expandAbbreviations(list: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    const word = list[i];
    const next = list[i + 1];
    if (word === 'e' && isNumber(next)) {
      // S12E05: an episode; WSOP E76: an event.
      out.push(out[out.length - 2] === 'season' ? 'episode' : 'event');
    } else if (isNumber(next) && BEFORE_NUMBER.has(word)) {
      out.push(BEFORE_NUMBER.get(word) as string);
    } else if (isNumber(word)) {
      out.push(word.replace(/^0+(?=\d)/, '')); // E05 is episode 5
    } else {
      out.push(ALONE.get(word) ?? word);
    }
  }
  return out;
}

/**
 * The text trigram similarity compares: Korean read as English, extension
 * dropped, words split and abbreviations spelled out, single spaces.
 */
export function searchText(text: string): string {
  return expandAbbreviations(words(translateKorean(stripExtension(text)))).join(' ');
}

/**
 * A title as a fuzzy query: its search text without what names a file
 * rather than an episode (`Part 2`, `v2`), since parts of a day are files of
 * one episode and episode titles never say them.
 */
export function fuzzyQuery(title: string): string {
  const list = searchText(baseName(title)).split(' ');
  const out: string[] = [];
  for (let i = 0; i < list.length; i++) {
    if ((list[i] === 'part' || list[i] === 'version') && isNumber(list[i + 1])) {
      i++;
      continue;
    }
    out.push(list[i]);
  }
  return out.join(' ').trim();
}

/** Words of the fields a parser reads, that a person may mistype: `Evetn 49`, `Sesaon 2`, `Fianl Table`. */
const FIELD_WORDS = ['event', 'season', 'episode', 'final', 'table', 'main'];

/** One slip apart: a letter inserted, deleted, replaced or swapped with its neighbour (Damerau–Levenshtein 1). */
export function oneSlipApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length)
    return (
      a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
    );
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/**
 * A typed title with its field words spelled right (`Evetn 49` → `Event
 * 49`), so that the parser reads the number after them. Only words of four
 * letters or more, one slip away from a field word; everything else stays.
 */
export function correctFieldWords(title: string): string {
  return title.replace(/\p{L}{4,}/gu, (word) => {
    const lower = word.toLowerCase();
    if (FIELD_WORDS.includes(lower)) return word;
    const right = FIELD_WORDS.find((w) => oneSlipApart(lower, w));
    return right ?? word;
  });
}

/** Key of an event name or a place: lower case words, single spaces (`Main_Event` → `main event`). */
export function phraseKey(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
