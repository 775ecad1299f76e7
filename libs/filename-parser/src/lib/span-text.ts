import { countWordChars } from './text';

/**
 * A name being read: patterns that span separators (dates, amounts) are taken
 * out first and blanked, so the word-level reading never sees them twice.
 */
export class SpanText {
  /** Letters and digits in the name before anything was taken out. */
  readonly total: number;
  /** Letters and digits taken out as understood. */
  understood = 0;
  private current: string;

  constructor(text: string) {
    this.current = text;
    this.total = countWordChars(text);
  }

  get text(): string {
    return this.current;
  }

  /**
   * Runs the global pattern over the text; every match `accept` agrees to is
   * blanked out with spaces (so neighbours stay separate words).
   */
  take(pattern: RegExp, accept: (match: RegExpExecArray, rest: string) => boolean): void {
    const source = this.current;
    let out = '';
    let last = 0;
    for (const match of source.matchAll(pattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (match[0].length === 0 || !accept(match, source.slice(end, end + 24))) continue;
      out += source.slice(last, start) + ' '.repeat(match[0].length);
      last = end;
      this.understood += countWordChars(match[0]);
    }
    this.current = out + source.slice(last);
  }
}
