import type { ParsedMetadata } from '@pokervod/contracts';
import { baseName, phraseKey, words } from '../naming/title-normalization';

/** A season is a year (festivals, dated shows) or a season number (series); neither: undated. */
export interface SeasonKey {
  year: number | null;
  number: number | null;
}

/** An event's natural key (location and ident) and what the name says about it. */
export interface EventFacts {
  /** Lower-case place, '' when the name gives none. */
  locationKey: string;
  /** `#43` for a numbered event, else its name's key (`main event`), else '' (the season as a whole). */
  ident: string;
  number: number | null;
  name: string | null;
  nameKey: string | null;
  location: string | null;
  buyIn: number | null;
  currency: string | null;
  game: string | null;
}

/**
 * Where in its event or season an episode sits. Episode numbers count per
 * season (`WPT S22E03` is one episode whatever the file calls the
 * tournament); days, dates and the final table count per event. The part
 * (`Part 1`, `Part 2`) is never part of the key: parts are files of one episode.
 */
export type EpisodeSlot =
  | { scope: 'season'; key: string; episodeNumber: number; day: null; airDate: null; finalTable: false }
  | {
      scope: 'event';
      key: string;
      episodeNumber: null;
      day: string | null;
      airDate: string | null;
      finalTable: boolean;
    };

export interface Placement {
  projectCode: string;
  season: SeasonKey;
  event: EventFacts;
  episode: EpisodeSlot;
}

export type FileRole = 'master' | 'proxy' | 'part';

export function seasonKeyOf(parsed: ParsedMetadata): SeasonKey {
  if (parsed.season !== null) return { year: null, number: parsed.season };
  const year = parsed.year ?? (parsed.date !== null ? Number(parsed.date.slice(0, 4)) : null);
  return { year, number: null };
}

export function eventFactsOf(parsed: ParsedMetadata): EventFacts {
  const nameKey =
    parsed.event_name !== null && phraseKey(parsed.event_name) !== '' ? phraseKey(parsed.event_name) : null;
  const ident = parsed.event_number !== null ? `#${parsed.event_number}` : (nameKey ?? '');
  const locationKey = parsed.location !== null ? phraseKey(parsed.location) : '';
  return {
    locationKey,
    ident,
    number: parsed.event_number,
    name: nameKey === null ? null : parsed.event_name,
    nameKey,
    location: locationKey === '' ? null : parsed.location,
    buyIn: parsed.buy_in,
    currency: parsed.buy_in === null ? null : parsed.currency,
    game: parsed.game,
  };
}

export function episodeSlotOf(parsed: ParsedMetadata): EpisodeSlot {
  if (parsed.episode !== null) {
    return {
      scope: 'season',
      key: `n:${parsed.episode}`,
      episodeNumber: parsed.episode,
      day: null,
      airDate: null,
      finalTable: false,
    };
  }
  const event = (key: string, day: string | null, airDate: string | null, finalTable: boolean): EpisodeSlot => ({
    scope: 'event',
    key,
    episodeNumber: null,
    day,
    airDate,
    finalTable,
  });
  const day = parsed.day?.toUpperCase().replace(/\s+/g, '') || null;
  // A day names the episode of a festival; its date (when also given) says nothing more.
  if (day !== null) return event(`d:${day}`, day, null, false);
  if (parsed.date !== null) return event(`t:${parsed.date}`, null, parsed.date, false);
  if (parsed.final_table) return event('ft', null, null, true);
  return event('', null, null, false);
}

/** Where a file whose name says `parsed` belongs, in project `projectCode`. */
export function placementOf(parsed: ParsedMetadata, projectCode: string): Placement {
  return {
    projectCode,
    season: seasonKeyOf(parsed),
    event: eventFactsOf(parsed),
    episode: episodeSlotOf(parsed),
  };
}

/** The episodes table's natural key (unique per season): `n:5`, or `<event id>/d:1A`, `<event id>/ft`, … */
export function episodeNaturalKey(slot: EpisodeSlot, eventId: string): string {
  return slot.scope === 'season' ? slot.key : `${eventId}/${slot.key}`;
}

/** The season's catch-all event: no place, no number, no name. */
export function isDefaultEvent(event: Pick<EventFacts, 'locationKey' | 'ident'>): boolean {
  return event.locationKey === '' && event.ident === '';
}

const PROXY_WORDS = new Set(['proxy', 'proxies', 'lowres', 'preview']);

/** A proxy when the name says so, a part when it carries a part number, else the master. */
export function fileRole(path: string, parsed: ParsedMetadata | null): FileRole {
  const name = baseName(path);
  // Most names say none of it: skip splitting them into words.
  if (!/proxy|proxies|low|preview/i.test(name)) return parsed?.part != null ? 'part' : 'master';
  const list = words(name);
  if (list.some((w) => PROXY_WORDS.has(w)) || list.join(' ').includes('low res')) return 'proxy';
  return parsed?.part !== null && parsed?.part !== undefined ? 'part' : 'master';
}

export function seasonLabel(season: SeasonKey): string {
  if (season.number !== null) return `Season ${season.number}`;
  if (season.year !== null) return String(season.year);
  return 'Undated';
}

export interface EventLabelFields {
  number: number | null;
  name: string | null;
  location: string | null;
}

export function eventLabel(event: EventLabelFields): string {
  const parts = [event.location, event.number !== null ? `Event #${event.number}` : null, event.name];
  return parts.filter((p): p is string => p !== null && p !== '').join(' ');
}

export interface EpisodeLabelFields {
  episode_number: number | null;
  day: string | null;
  air_date: string | null;
  final_table: boolean;
}

export function episodeLabel(episode: EpisodeLabelFields): string {
  if (episode.episode_number !== null) return `Episode ${episode.episode_number}`;
  if (episode.day !== null) return `Day ${episode.day}`;
  if (episode.air_date !== null) return episode.air_date;
  return episode.final_table ? 'Final Table' : '';
}

/**
 * A human title from the episode's place in the tree, parser style:
 * `WSOP 2023 Event #43 Poker Players Championship Day 2`,
 * `EPT Barcelona 2023 Main Event Day 5`, `WPT Season 22 Lucky Hearts Poker Open Episode 3`.
 */
export function episodeTitle(
  projectName: string,
  season: SeasonKey,
  event: EventLabelFields,
  episode: EpisodeLabelFields,
): string {
  const yearSaid = season.year !== null && (episode.air_date ?? '').startsWith(String(season.year));
  const parts = [
    projectName,
    event.location,
    season.number !== null ? `Season ${season.number}` : season.year !== null && !yearSaid ? String(season.year) : null,
    event.number !== null ? `Event #${event.number}` : null,
    event.name,
    episodeLabel(episode),
  ];
  return parts.filter((p): p is string => p !== null && p !== '').join(' ');
}
