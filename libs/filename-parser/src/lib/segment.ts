import { brandKind } from './brands';
import { takeBuyIn } from './buy-in';
import { isPlausibleYear, takeDates } from './dates';
import { DAY_SUFFIX, EPISODE_SUFFIXES, PART_SUFFIXES } from './korean';
import { isNumberPrefix, matchPhrase, Meaning } from './phrases';
import { SpanText } from './span-text';
import { Token, tokenize } from './tokens';
import { CAMERA_PREFIXES, FILLER_WORDS, HEAD_NOUNS, NOT_NAME_WORDS, NUMBER_WORDS } from './vocabulary';

/** What one path segment (the file name or one folder) says on its own. */
export interface SegmentFacts {
  project: string | null;
  year: number | null;
  date: string | null;
  season: number | null;
  episode: number | null;
  eventNumber: number | null;
  /** `E76` or `#76` with no brand in this segment to say whether it counts events or episodes. */
  openNumber: number | null;
  eventName: string | null;
  buyIn: number | null;
  currency: string | null;
  day: string | null;
  part: number | null;
  finalTable: boolean;
  game: string | null;
  location: string | null;
  /** Leading words the parser does not know: an unknown series' own name, for the title. */
  label: string | null;
  /** Share (0..1) of the segment's letters and digits that were understood. */
  coverage: number;
}

type Role = 'field' | 'noise';
type NumberField = 'season' | 'episode' | 'event' | 'day' | 'part' | 'version';

/** Field words that may stand apart from their number (`Part 2`, `Ep 5`, `Event #43`). */
const WORD_KEYWORDS: ReadonlyMap<string, NumberField> = new Map([
  ['season', 'season'],
  ['episode', 'episode'],
  ['ep', 'episode'],
  ['epi', 'episode'],
  ['event', 'event'],
  ['ev', 'event'],
  ['evt', 'event'],
  ['day', 'day'],
  ['part', 'part'],
  ['pt', 'part'],
  ['version', 'version'],
  ['ver', 'version'],
]);

/** Single letters that only count written against their number (`S12`, `D2`, `P1`, `v2`). */
const LETTER_KEYWORDS: ReadonlyMap<string, NumberField> = new Map([
  ['s', 'season'],
  ['d', 'day'],
  ['p', 'part'],
  ['v', 'version'],
]);

/** Largest believable value of each numbered field; beyond it the number is something else (often a year). */
const LIMITS: Readonly<Record<NumberField, number>> = {
  season: 99,
  episode: 9999,
  event: 999,
  day: 99,
  part: 999,
  version: 99,
};

function numberValue(token: Token | undefined): number | null {
  if (token === undefined) return null;
  if (token.isNumber) return /^\d{1,9}$/.test(token.key) ? Number(token.key) : null;
  return NUMBER_WORDS.get(token.key) ?? null;
}

function displayWord(token: Token): string {
  if (token.korean || token.text === '') return token.key.charAt(0).toUpperCase() + token.key.slice(1);
  if (/^[A-Z0-9]{1,4}$/.test(token.text)) return token.text;
  return token.text.charAt(0).toUpperCase() + token.text.slice(1).toLowerCase();
}

class SegmentReader {
  readonly roles: (Role | undefined)[];
  readonly facts: SegmentFacts;
  /** Index of the number of the last season read, so a following `E05` is its episode. */
  private seasonEnd = -2;
  /** Tokens that named the place; a tournament's name may include them. */
  private readonly locationTokens = new Set<number>();

  constructor(private readonly tokens: readonly Token[]) {
    this.roles = tokens.map(() => undefined);
    this.facts = {
      project: null,
      year: null,
      date: null,
      season: null,
      episode: null,
      eventNumber: null,
      openNumber: null,
      eventName: null,
      buyIn: null,
      currency: null,
      day: null,
      part: null,
      finalTable: false,
      game: null,
      location: null,
      label: null,
      coverage: 0,
    };
  }

  private readonly isFree = (i: number): boolean => this.roles[i] === undefined;

  private mark(from: number, to: number, role: Role): void {
    for (let i = from; i <= to; i++) this.roles[i] = role;
  }

  private attached(i: number, j: number): boolean {
    const a = this.tokens[i];
    const b = this.tokens[j];
    return a !== undefined && b !== undefined && a.chunk === b.chunk;
  }

  read(): void {
    for (let i = 0; i < this.tokens.length; i++) {
      if (!this.isFree(i)) continue;
      const phrase = matchPhrase(this.tokens, i, this.isFree);
      if (phrase !== null) {
        this.apply(phrase.meaning);
        this.mark(i, phrase.end, phrase.meaning.kind === 'noise' ? 'noise' : 'field');
        if (phrase.meaning.kind === 'location') for (let j = i; j <= phrase.end; j++) this.locationTokens.add(j);
        i = phrase.end;
        continue;
      }
      const end = this.tokens[i].isNumber ? this.readNumber(i) : this.readKeyword(i);
      if (end >= i) i = end;
    }
    const kind = brandKind(this.facts.project);
    if (this.facts.openNumber !== null && kind !== null) {
      if (kind === 'festival') this.facts.eventNumber ??= this.facts.openNumber;
      else this.facts.episode ??= this.facts.openNumber;
      this.facts.openNumber = null;
    }
    this.readTournamentName();
    this.tokens.forEach((token, i) => {
      if (this.isFree(i) && FILLER_WORDS.has(token.key)) this.roles[i] = 'noise';
    });
    this.readLabel();
  }

  private apply(meaning: Meaning): void {
    const f = this.facts;
    switch (meaning.kind) {
      case 'brand':
        f.project ??= meaning.code;
        break;
      case 'location':
        f.location ??= meaning.name;
        break;
      case 'event':
        f.eventName ??= meaning.name;
        break;
      case 'game':
        f.game ??= meaning.code;
        break;
      case 'final-table':
        f.finalTable = true;
        break;
      case 'noise':
        break;
    }
  }

  /** Stores a numbered field; false when the value is out of range, so the tokens stay for other readings. */
  private setNumber(field: NumberField, value: number | null, dayLabel?: string): boolean {
    if (value === null || value > LIMITS[field] || value < (field === 'season' || field === 'episode' ? 0 : 1)) {
      return false;
    }
    const f = this.facts;
    if (field === 'season') f.season ??= value;
    else if (field === 'episode') f.episode ??= value;
    else if (field === 'event') f.eventNumber ??= value;
    else if (field === 'day') f.day ??= dayLabel ?? String(value);
    else if (field === 'part') f.part ??= value;
    return true;
  }

  /** `Day1A`, `d1b`: a flight letter written against the day number. */
  private dayLabelAt(j: number): { label: string; end: number } | null {
    const value = numberValue(this.tokens[j]);
    if (value === null) return null;
    const letter = this.tokens[j + 1];
    const isFlight =
      letter !== undefined &&
      this.tokens[j].isNumber &&
      this.attached(j, j + 1) &&
      this.isFree(j + 1) &&
      /^[a-h]$/.test(letter.key) &&
      !isNumberPrefix(this.tokens, j + 1);
    return isFlight ? { label: `${value}${letter.key.toUpperCase()}`, end: j + 1 } : { label: String(value), end: j };
  }

  /** Reads a field word and its number starting at token i; returns the last token used, or i - 1. */
  private readKeyword(i: number): number {
    const token = this.tokens[i];
    const next = this.tokens[i + 1];
    const nextIsAttachedNumber = next !== undefined && next.isNumber && this.attached(i, i + 1);

    if (token.key === 'e' && nextIsAttachedNumber) {
      const value = numberValue(next);
      if (next.hash) return this.setNumber('event', value) ? this.markTo(i, i + 1) : i - 1;
      if (this.seasonEnd === i - 1) return this.setNumber('episode', value) ? this.markTo(i, i + 1) : i - 1;
      if (value === null || value < 1 || value > LIMITS.event) return i - 1;
      this.facts.openNumber ??= value;
      return this.markTo(i, i + 1);
    }

    if ((token.key === 'h' || token.key === 'x') && nextIsAttachedNumber && /^26[45]$/.test(next.key)) {
      this.mark(i, i + 1, 'noise');
      return i + 1;
    }

    if (CAMERA_PREFIXES.has(token.key) && next !== undefined && next.isNumber) {
      this.mark(i, i + 1, 'noise');
      return i + 1;
    }
    if (token.key === 'c' && nextIsAttachedNumber && next.key.length === 4) {
      this.mark(i, i + 1, 'noise');
      return i + 1;
    }

    const letterField = LETTER_KEYWORDS.get(token.key);
    const wordField = WORD_KEYWORDS.get(token.key);
    const field = letterField !== undefined && nextIsAttachedNumber ? letterField : wordField;
    if (field === undefined) return i - 1;

    let j = i + 1;
    // "Event No. 43"
    if (field === 'event' && ['no', 'nr', 'num', 'number'].includes(this.tokens[j]?.key ?? '')) j++;
    const numberToken = this.tokens[j];
    if (numberToken === undefined || !this.isFree(j)) return i - 1;
    if (!numberToken.isNumber && !NUMBER_WORDS.has(numberToken.key)) return i - 1;

    if (field === 'version') {
      if (!numberToken.isNumber) return i - 1;
      this.mark(i, j, 'noise');
      return j;
    }
    if (field === 'day') {
      const day = this.dayLabelAt(j);
      if (day === null || !this.setNumber('day', numberValue(numberToken), day.label)) return i - 1;
      return this.markTo(i, day.end);
    }
    if (!this.setNumber(field, numberValue(numberToken))) return i - 1;
    if (field === 'season') this.seasonEnd = j;
    return this.markTo(i, j);
  }

  private markTo(from: number, to: number): number {
    this.mark(from, to, 'field');
    return to;
  }

  /** Reads a number that no field word claimed; returns the last token used, or i - 1. */
  private readNumber(i: number): number {
    const token = this.tokens[i];
    const value = numberValue(token);
    const next = this.tokens[i + 1];
    const nextAttached = next !== undefined && this.attached(i, i + 1) && this.isFree(i + 1);
    if (value === null) return i - 1;

    // 1일차 / 1 일차 (day 1), 5회 (episode 5), 2부 (part 2)
    if (next !== undefined && this.isFree(i + 1) && next.key === DAY_SUFFIX) {
      return this.setNumber('day', value) ? this.markTo(i, i + 1) : i - 1;
    }
    if (nextAttached && EPISODE_SUFFIXES.has(next.key)) {
      return this.setNumber('episode', value) ? this.markTo(i, i + 1) : i - 1;
    }
    if (nextAttached && PART_SUFFIXES.has(next.key)) {
      return this.setNumber('part', value) ? this.markTo(i, i + 1) : i - 1;
    }
    // 1x05: season 1, episode 5
    const third = this.tokens[i + 2];
    const isSeasonByEpisode = nextAttached && next.key === 'x' && third?.isNumber && this.attached(i + 1, i + 2);
    if (isSeasonByEpisode && this.setNumber('season', value) && this.setNumber('episode', numberValue(third))) {
      return this.markTo(i, i + 2);
    }
    if (next !== undefined && next.key === 'fps') {
      this.mark(i, i + 1, 'noise');
      return i + 1;
    }
    if (token.hash) {
      if (value < 1 || value > LIMITS.event) return i - 1;
      this.facts.openNumber ??= value;
      return this.markTo(i, i);
    }
    if (token.key.length === 4 && isPlausibleYear(value)) {
      this.facts.year ??= value;
      this.roles[i] = this.facts.year === value ? 'field' : 'noise';
      return i;
    }
    // A bare round amount of five or more digits (50000) is a buy-in without a currency.
    if (/^[1-9]\d{4,9}$/.test(token.key) && value % 100 === 0) {
      this.facts.buyIn ??= value;
      this.roles[i] = 'field';
      return i;
    }
    return i - 1;
  }

  /**
   * `Lucky Hearts Poker Open`: unknown words before a head noun name the
   * tournament; a place may be part of that name (`Borgata Poker Open`).
   */
  private readTournamentName(): void {
    for (let i = 0; i < this.tokens.length && this.facts.eventName === null; i++) {
      if (!this.isFree(i) || !HEAD_NOUNS.has(this.tokens[i].key)) continue;
      let start = i;
      while (start - 1 >= 0 && i - start < 4 && this.isNameWord(start - 1)) start--;
      if (start === i) continue;
      const words = this.tokens.slice(start, i + 1).filter((t) => t.key !== '');
      this.facts.eventName = words.map(displayWord).join(' ');
      for (let j = start; j <= i; j++) this.roles[j] = 'field';
    }
  }

  private isNameWord(i: number): boolean {
    const token = this.tokens[i];
    if (this.locationTokens.has(i)) return true;
    return this.isFree(i) && !token.isNumber && !NOT_NAME_WORDS.has(token.key) && /^\p{L}+$/u.test(token.key);
  }

  /** The words before the first understood field, as written; camera prefixes and counters are no name. */
  private readLabel(): void {
    const words: string[] = [];
    for (let i = 0; i < this.tokens.length && this.roles[i] !== 'field' && words.length < 8; i++) {
      const token = this.tokens[i];
      if (token.text !== '' && !token.isNumber && !CAMERA_PREFIXES.has(token.key)) words.push(token.text);
    }
    this.facts.label = words.length > 0 ? words.join(' ') : null;
  }
}

/** Reads one path segment (the file name without its extension, or a folder name) on its own. */
export function readSegment(segment: string): SegmentFacts {
  const span = new SpanText(segment.normalize('NFKC'));
  const dates = takeDates(span);
  const money = takeBuyIn(span);
  const tokens = tokenize(span.text);
  const reader = new SegmentReader(tokens);
  reader.read();
  const facts = reader.facts;

  facts.date = dates.date;
  facts.year ??= dates.year;
  if (money.buyIn !== null) {
    facts.buyIn = money.buyIn;
    facts.currency = money.currency;
  }

  let understood = span.understood;
  tokens.forEach((token, i) => {
    const role = reader.roles[i];
    understood += role === 'field' ? token.weight : role === 'noise' ? token.weight * 0.6 : 0;
  });
  facts.coverage = span.total === 0 ? 0 : Math.min(1, understood / span.total);
  return facts;
}
