import { ParsedMetadata } from '@pokervod/contracts';
import { brandDisplayName } from './brands';
import { CURRENCY_SIGNS } from './buy-in';
import { cleanForDisplay } from './text';

export type TitleFields = Omit<ParsedMetadata, 'title' | 'confidence'>;

function groupThousands(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function formatBuyIn(value: number, currency: string | null): string {
  if (currency === null) return groupThousands(value);
  const sign = CURRENCY_SIGNS[currency];
  return sign === undefined ? `${groupThousands(value)} ${currency}` : `${sign}${groupThousands(value)}`;
}

/**
 * A human title from the fields, e.g. `WSOP 2024 Main Event Day 1A Part 1`.
 * An unknown series is named by the leading words of its name (`label`); a
 * name the parser did not understand at all keeps its own (cleaned) wording.
 */
export function buildTitle(fields: TitleFields, label: string | null, fallback: string): string {
  const parts: string[] = [];
  // `Borgata Poker Open` already says where.
  const placeInName = fields.location !== null && (fields.event_name ?? '').includes(fields.location);
  if (fields.location !== null && !placeInName) parts.push(fields.location);
  if (fields.year !== null && !(fields.date ?? '').startsWith(String(fields.year))) parts.push(String(fields.year));
  if (fields.season !== null) parts.push(`Season ${fields.season}`);
  if (fields.episode !== null) parts.push(`Episode ${fields.episode}`);
  if (fields.date !== null) parts.push(fields.date);
  if (fields.event_number !== null) parts.push(`Event #${fields.event_number}`);
  if (fields.buy_in !== null) parts.push(formatBuyIn(fields.buy_in, fields.currency));
  if (fields.game !== null) parts.push(fields.game);
  if (fields.event_name !== null) parts.push(fields.event_name);
  if (fields.day !== null) parts.push(`Day ${fields.day}`);
  if (fields.final_table) parts.push('Final Table');
  if (fields.part !== null) parts.push(`Part ${fields.part}`);

  if (fields.project !== null) parts.unshift(brandDisplayName(fields.project));
  else if (parts.length > 0 && label !== null) parts.unshift(label);
  const title = cleanForDisplay(parts.join(' '));
  if (title !== '') return title;
  return cleanForDisplay(fallback.replace(/[._]+/g, ' ')) || 'Untitled';
}
