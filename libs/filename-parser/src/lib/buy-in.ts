import { isPlausibleYear } from './dates';
import { SpanText } from './span-text';

export interface BuyIn {
  buyIn: number | null;
  currency: string | null;
}

const SYMBOLS: Readonly<Record<string, string | null>> = {
  $: 'USD',
  US$: 'USD',
  A$: 'AUD',
  AU$: 'AUD',
  C$: 'CAD',
  CA$: 'CAD',
  HK$: 'HKD',
  NZ$: 'NZD',
  S$: 'SGD',
  SG$: 'SGD',
  '€': 'EUR',
  '£': 'GBP',
  '₩': 'KRW',
  '₹': 'INR',
  '₱': 'PHP',
  '₫': 'VND',
  // Yen and yuan share the sign: the amount is clear, the currency is not.
  '¥': null,
};

export const CURRENCY_SIGNS: Readonly<Record<string, string>> = {
  USD: '$',
  EUR: '€',
  GBP: '£',
  KRW: '₩',
  INR: '₹',
  PHP: '₱',
};

const CODES = 'USD|EUR|GBP|KRW|JPY|CNY|RMB|AUD|CAD|HKD|NZD|SGD|PHP|INR|CZK|CHF|TWD|VND|MOP';
// 50,000 / 10.350 (grouped) or 5.3 / 50000 (plain); K and M multiply.
const AMOUNT = String.raw`(\d{1,3}(?:[,.]\d{3})+|\d+(?:[.,]\d+)?)`;
const SIGN = String.raw`(US\$|AU?\$|CA?\$|HK\$|NZ\$|SG?\$|[$€£₩₹₱₫¥])`;
const MULTIPLIER = String.raw`(?:\s?([kKmM])(?!\p{L}))?`;

// Cash-game stakes ($25-$50-$100, $25-50-100) are not a buy-in. Without a sign
// (25-50-100) they are not recognised at all: that could as well be a date.
const STAKES = /(?<![\p{L}\p{N}$€£₩])[$€£₩]\d+(?:[.,]\d+)?[kK]?(?:-[$€£₩]?\d+(?:[.,]\d+)?[kK]?)+(?!\p{N})/gu;
const SIGN_FIRST = new RegExp(String.raw`(?<![\p{L}\p{N}])${SIGN}\s?${AMOUNT}${MULTIPLIER}(?!\p{N})`, 'gu');
const CODE_FIRST = new RegExp(String.raw`(?<![\p{L}\p{N}])(${CODES})[\s_]?${AMOUNT}${MULTIPLIER}(?!\p{N})`, 'giu');
const SIGN_AFTER = new RegExp(String.raw`(?<![\p{L}\p{N}.,])${AMOUNT}([kKmM])?([€£₩$])(?![\p{N}])`, 'gu');
const CODE_AFTER = new RegExp(String.raw`(?<![\p{L}\p{N}.,])${AMOUNT}(?:\s?([kKmM]))?[\s_]?(${CODES})(?!\p{L})`, 'giu');
// 1000만원 (ten million won), 1억 (a hundred million), 50,000원
const KOREAN_UNITS = /(?<![\p{N}.,])(\d+(?:\.\d+)?)\s?(억|만)\s?원?/gu;
const KOREAN_WON = /(?<![\p{N}.,])(\d{1,3}(?:,\d{3})+|\d+)\s?원/gu;
// 100k with no currency: said often enough to count (4K is a video resolution, hence at least 10).
const BARE_THOUSANDS = /(?<![\p{L}\p{N}.,$€£₩])(\d+(?:[.,]\d+)?)([kK])(?![\p{L}\p{N}])/gu;
const BARE_GROUPED = /(?<![\p{L}\p{N}.,$€£₩])(\d{1,3}(?:,\d{3})+)(?!\p{N}|[.,]\d)/gu;
// A guarantee is a prize pool, not a buy-in.
const PRIZE_POOL = /^\s?[-_]?\s?(gtd|guaranteed?|prize|pool)/i;

const MIN_BUY_IN = 10;
const MAX_BUY_IN = 10_000_000_000;

/** Whole currency units of an amount as written, or null when it is not a plausible buy-in. */
export function amountValue(digits: string, multiplier?: string): number | null {
  const grouped = /^\d{1,3}(?:[,.]\d{3})+$/.test(digits);
  const value = grouped ? Number(digits.replace(/[,.]/g, '')) : Number(digits.replace(',', '.'));
  const factor = multiplier === undefined ? 1 : /k/i.test(multiplier) ? 1_000 : 1_000_000;
  const total = Math.round(value * factor);
  return Number.isSafeInteger(total) && total >= MIN_BUY_IN && total <= MAX_BUY_IN ? total : null;
}

/** `EUR_2023`, `2023 EUR`: a year beside a currency word, not an amount (a sign, `$2023`, is clear). */
function looksLikeYear(digits: string, multiplier: string | undefined): boolean {
  return multiplier === undefined && /^\d{4}$/.test(digits) && isPlausibleYear(Number(digits));
}

function upper(code: string): string {
  const c = code.toUpperCase();
  return c === 'RMB' ? 'CNY' : c;
}

/** Takes stakes and amounts out of the name; the first amount is the buy-in. */
export function takeBuyIn(span: SpanText): BuyIn {
  const found: BuyIn = { buyIn: null, currency: null };
  const record = (value: number | null, currency: string | null, rest: string): boolean => {
    if (value === null) return false;
    if (PRIZE_POOL.test(rest)) return true;
    if (found.buyIn === null) {
      found.buyIn = value;
      found.currency = currency;
    }
    return true;
  };

  span.take(STAKES, (m) => {
    const parts = m[0].split('-');
    const signed = parts.filter((p) => /^[$€£₩]/.test(p)).length;
    return signed === parts.length || (signed === 1 && /^[$€£₩]/.test(parts[0]) && parts.length >= 3);
  });
  span.take(SIGN_FIRST, (m, rest) => record(amountValue(m[2], m[3]), SYMBOLS[m[1].toUpperCase()] ?? null, rest));
  span.take(CODE_FIRST, (m, rest) => !looksLikeYear(m[2], m[3]) && record(amountValue(m[2], m[3]), upper(m[1]), rest));
  span.take(SIGN_AFTER, (m, rest) => record(amountValue(m[1], m[2]), SYMBOLS[m[3]] ?? null, rest));
  span.take(CODE_AFTER, (m, rest) => !looksLikeYear(m[1], m[2]) && record(amountValue(m[1], m[2]), upper(m[3]), rest));
  span.take(KOREAN_UNITS, (m, rest) => {
    const value = Number(m[1]) * (m[2] === '억' ? 100_000_000 : 10_000);
    return record(amountValue(String(Math.round(value))), 'KRW', rest);
  });
  span.take(KOREAN_WON, (m, rest) => record(amountValue(m[1]), 'KRW', rest));
  span.take(
    BARE_THOUSANDS,
    (m, rest) => Number(m[1].replace(',', '.')) >= 10 && record(amountValue(m[1], m[2]), null, rest),
  );
  span.take(BARE_GROUPED, (m, rest) => record(amountValue(m[1]), null, rest));
  return found;
}
