import { SpanText } from './span-text';

export interface DateFacts {
  /** `YYYY-MM-DD`, only where the name carries a full, unambiguous date. */
  date: string | null;
  /** The year a date (even an ambiguous one) states. */
  year: number | null;
}

export const MIN_YEAR = 1970;
export const MAX_YEAR = 2099;

export function isPlausibleYear(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string | null {
  if (!isPlausibleYear(year) || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;
const ORDINAL = '(?:st|nd|rd|th)?';

// Every pattern refuses to start inside a run of digits: that keeps each scan
// linear on long digit strings instead of retrying from every position.
// 2023-11-14, 2023-3-5, 2023_11_14, 2023.11.14
const YEAR_FIRST = /(?<!\p{N})((?:19|20)\d{2})(?:-(\d{1,2})-(\d{1,2})|([_.])(\d{2})\4(\d{2}))(?!\p{N})/gu;
// 20231114
const COMPACT = /(?<!\p{N})((?:19|20)\d{2})(\d{2})(\d{2})(?!\p{N})/gu;
// 11-14-2023 (US) or 14.11.2023 (European): only one reading may be a real date
const YEAR_LAST = /(?<![\p{N}.,])(\d{1,2})([-_.])(\d{1,2})\2((?:19|20)\d{2})(?!\p{N})/gu;
// Nov 14 2023, November 14th, 2023
const MONTH_NAME_FIRST = new RegExp(
  String.raw`(?<!\p{L})${MONTH}\.?[\s_-]?(\d{1,2})${ORDINAL},?[\s_-]?((?:19|20)\d{2})(?!\p{N})`,
  'giu',
);
// 14 Nov 2023, 14th November 2023
const DAY_FIRST = new RegExp(
  String.raw`(?<!\p{N})(\d{1,2})${ORDINAL}[\s_-]?${MONTH}\.?,?[\s_-]?((?:19|20)\d{2})(?!\p{N})`,
  'giu',
);
// 2023년 11월 14일
const KOREAN = /(?<!\p{N})((?:19|20)\d{2})\s?년\s?(\d{1,2})\s?월\s?(\d{1,2})\s?일/gu;

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** Takes every date out of the name; the first full one is the name's date. */
export function takeDates(span: SpanText): DateFacts {
  const facts: DateFacts = { date: null, year: null };
  const record = (year: number, month: number, day: number): boolean => {
    const date = isoDate(year, month, day);
    if (date === null) return false;
    if (facts.date === null) {
      facts.date = date;
      facts.year ??= year;
    }
    return true;
  };

  span.take(KOREAN, (m) => record(Number(m[1]), Number(m[2]), Number(m[3])));
  span.take(YEAR_FIRST, (m) => record(Number(m[1]), Number(m[2] ?? m[5]), Number(m[3] ?? m[6])));
  span.take(COMPACT, (m) => record(Number(m[1]), Number(m[2]), Number(m[3])));
  span.take(MONTH_NAME_FIRST, (m) => record(Number(m[3]), monthNumber(m[1]), Number(m[2])));
  span.take(DAY_FIRST, (m) => record(Number(m[3]), monthNumber(m[2]), Number(m[1])));
  span.take(YEAR_LAST, (m) => {
    const first = Number(m[1]);
    const second = Number(m[3]);
    const year = Number(m[4]);
    if (first > 12 && second <= 12) return record(year, second, first);
    if (second > 12 && first <= 12) return record(year, first, second);
    if (first === second) return record(year, first, second);
    // 03-04-2023 reads as March 4 in the US and 3 April elsewhere: keep only the year.
    if (first < 1 || first > 12 || second < 1 || second > 12 || !isPlausibleYear(year)) return false;
    facts.year ??= year;
    return true;
  });
  return facts;
}
