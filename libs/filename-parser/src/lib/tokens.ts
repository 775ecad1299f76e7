import { isHangul, segmentHangul } from './korean';

export interface Token {
  /** As written; empty for the second and later English words one Korean word stands for. */
  readonly text: string;
  /** Matching key: lower case without accents; Korean words are replaced by their English ones. */
  readonly key: string;
  readonly isNumber: boolean;
  /** The number was written with a `#` before it (`#43`, `E#43`). */
  readonly hash: boolean;
  /** Tokens with the same chunk were written without a separator between them (`S12E05`, `Day1A`). */
  readonly chunk: number;
  /** Letters and digits this token stands for (for confidence). */
  readonly weight: number;
  readonly korean: boolean;
}

type CharClass = 'digit' | 'hangul' | 'letter' | 'hash' | 'separator';

function classify(ch: string): CharClass {
  if (ch >= '0' && ch <= '9') return 'digit';
  if (ch === '#') return 'hash';
  if (isHangul(ch)) return 'hangul';
  return /[\p{L}\p{M}\p{N}]/u.test(ch) ? 'letter' : 'separator';
}

function isUpper(ch: string | undefined): boolean {
  return ch !== undefined && ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function isLower(ch: string | undefined): boolean {
  return ch !== undefined && ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/** `MainEvent` → Main, Event; `GGMillions` → GG, Millions; `WSOPE` stays whole. */
function splitCamelCase(chars: readonly string[]): string[] {
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < chars.length; i++) {
    const prev = chars[i - 1];
    const cur = chars[i];
    const boundary = (isLower(prev) && isUpper(cur)) || (isUpper(prev) && isUpper(cur) && isLower(chars[i + 1]));
    if (boundary && word !== '') {
      words.push(word);
      word = '';
    }
    word += cur;
  }
  if (word !== '') words.push(word);
  return words;
}

function wordKey(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Breaks a name into words: separators (`_ . - space` and any other symbol),
 * camel case, and the switches between letters, digits and Hangul all break.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  // Hold'em, Poker's: an apostrophe inside a word does not break it.
  const chars = Array.from(text.replace(/(?<=\p{L})['’](?=\p{L})/gu, ''));
  let chunk = 0;
  let run: string[] = [];
  let runClass: CharClass = 'separator';
  let pendingHash = false;
  let runHash = false;

  const flush = (): void => {
    if (run.length === 0) return;
    if (runClass === 'digit') {
      const digits = run.join('');
      tokens.push({
        text: digits,
        key: digits,
        isNumber: true,
        hash: runHash,
        chunk,
        weight: digits.length,
        korean: false,
      });
    } else if (runClass === 'hangul') {
      const previous = tokens[tokens.length - 1];
      const afterNumber = previous !== undefined && previous.isNumber && previous.chunk === chunk;
      for (const piece of segmentHangul(run.join(''), afterNumber)) {
        const weight = piece.text.length / piece.words.length;
        piece.words.forEach((word, index) => {
          const text = index === 0 ? piece.text : '';
          tokens.push({ text, key: word, isNumber: false, hash: false, chunk, weight, korean: piece.known });
        });
      }
    } else {
      for (const word of splitCamelCase(run)) {
        tokens.push({
          text: word,
          key: wordKey(word),
          isNumber: false,
          hash: false,
          chunk,
          weight: Array.from(word).length,
          korean: false,
        });
      }
    }
    run = [];
    runHash = false;
  };

  for (const ch of chars) {
    let cls = classify(ch);
    if (cls === 'letter' && /\p{M}/u.test(ch) && run.length > 0) {
      // A combining mark belongs to the letters it follows; on a digit it means nothing.
      if (runClass === 'digit') continue;
      cls = runClass;
    }
    if (cls === 'separator') {
      flush();
      if (tokens.length > 0 && tokens[tokens.length - 1].chunk === chunk) chunk++;
      runClass = 'separator';
      continue;
    }
    if (cls === 'hash') {
      flush();
      pendingHash = true;
      runClass = 'hash';
      continue;
    }
    if (cls !== runClass) {
      flush();
      runClass = cls;
      runHash = cls === 'digit' && pendingHash;
      pendingHash = false;
    }
    run.push(ch);
  }
  flush();
  return tokens;
}
