/**
 * Korean words, read as the English words they stand for. Korean runs words
 * together without camel case, so a run of Hangul is split by longest match.
 */

/** Number suffixes: `1일차` is day 1, `5회` / `5화` / `5편` episode 5, `2부` part 2. */
export const DAY_SUFFIX = '일차';
export const EPISODE_SUFFIXES = new Set(['회', '화', '편']);
export const PART_SUFFIXES = new Set(['부']);

/**
 * One-syllable suffixes are common syllables inside other words (`대회`,
 * `회의`), so they only count straight after a number.
 */
const SUFFIXES = new Set([...EPISODE_SUFFIXES, ...PART_SUFFIXES]);

const WORDS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['메인이벤트', ['main', 'event']],
  ['메인', ['main']],
  ['이벤트', ['event']],
  ['파이널', ['final']],
  ['테이블', ['table']],
  ['파트', ['part']],
  ['데이', ['day']],
  ['일차', [DAY_SUFFIX]],
  ['회', ['회']],
  ['화', ['화']],
  ['편', ['편']],
  ['부', ['부']],
  ['시즌', ['season']],
  ['에피소드', ['episode']],
  ['슈퍼', ['super']],
  ['미니', ['mini']],
  ['하이롤러', ['high', 'roller']],
  ['챔피언십', ['championship']],
  ['플레이어스', ['players']],
  ['포커', ['poker']],
  ['토너먼트', ['tournament']],
  ['대회', ['tournament']],
  ['하이라이트', ['highlights']],
  ['라이브', ['live']],
  ['스트림', ['stream']],
  ['영상', ['video']],
  ['홀덤', ['holdem']],
  ['노리밋', ['no', 'limit']],
  ['노리미트', ['no', 'limit']],
  ['팟리밋', ['pot', 'limit']],
  ['오마하', ['omaha']],
  ['믹스', ['mixed']],
  ['숏덱', ['short', 'deck']],
  ['월드시리즈오브포커', ['world', 'series', 'of', 'poker']],
  ['월드포커투어', ['world', 'poker', 'tour']],
  ['유러피안포커투어', ['european', 'poker', 'tour']],
  ['아시안포커투어', ['asian', 'poker', 'tour']],
  ['트리톤', ['triton']],
  ['인천', ['incheon']],
  ['서울', ['seoul']],
  ['제주', ['jeju']],
  ['부산', ['busan']],
  ['라스베이거스', ['las', 'vegas']],
  ['라스베가스', ['las', 'vegas']],
  ['바르셀로나', ['barcelona']],
  ['파리', ['paris']],
  ['프라하', ['prague']],
  ['런던', ['london']],
  ['마카오', ['macau']],
  ['마닐라', ['manila']],
  ['몬테네그로', ['montenegro']],
  ['몬테카를로', ['monte', 'carlo']],
  ['키프로스', ['cyprus']],
  // Longer words that merely contain one of the above, so they are not split wrongly.
  ['파트너', ['partner']],
  ['데이터', ['data']],
];

const BY_FIRST_CHAR = new Map<string, (readonly [string, readonly string[]])[]>();
for (const entry of WORDS) {
  const list = BY_FIRST_CHAR.get(entry[0][0]) ?? [];
  list.push(entry);
  BY_FIRST_CHAR.set(entry[0][0], list);
}
for (const list of BY_FIRST_CHAR.values()) list.sort((a, b) => b[0].length - a[0].length);

export function isHangul(ch: string): boolean {
  return /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7A3]/.test(ch);
}

export interface HangulPiece {
  readonly text: string;
  /** The English words it stands for; an unknown piece stands for itself. */
  readonly words: readonly string[];
  readonly known: boolean;
}

/**
 * Splits a run of Hangul into known words (longest first) and the unknown
 * text between them. `afterNumber`: the run was written straight after digits.
 */
export function segmentHangul(run: string, afterNumber: boolean): HangulPiece[] {
  const pieces: HangulPiece[] = [];
  let unknown = '';
  let i = 0;
  while (i < run.length) {
    const suffixAllowed = i === 0 && afterNumber;
    const entry = (BY_FIRST_CHAR.get(run[i]) ?? []).find(
      ([word]) => run.startsWith(word, i) && (suffixAllowed || !SUFFIXES.has(word)),
    );
    if (entry === undefined) {
      unknown += run[i];
      i++;
      continue;
    }
    if (unknown !== '') pieces.push({ text: unknown, words: [unknown], known: false });
    unknown = '';
    pieces.push({ text: entry[0], words: entry[1], known: true });
    i += entry[0].length;
  }
  if (unknown !== '') pieces.push({ text: unknown, words: [unknown], known: false });
  return pieces;
}
