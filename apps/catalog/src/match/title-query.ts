import type { ParsedMetadata } from '@pokervod/contracts';
import { parseFilename } from '@pokervod/filename-parser';
import { EpisodeSlot, episodeSlotOf, eventFactsOf, seasonKeyOf } from '../placement/natural-key';
import { correctFieldWords, fileNameKey, fuzzyQuery } from '../naming/title-normalization';
import type { ProjectDirectory } from '../projects/project-directory';

/** What a title says about an episode, each field null when it says nothing (a wildcard). */
export interface TitleFacts {
  projectCode: string | null;
  year: number | null;
  seasonNumber: number | null;
  eventNumber: number | null;
  eventNameKey: string | null;
  locationKey: string | null;
  /** The episode's place in its event or season, as placement keys it; null: any. */
  slot: Pick<EpisodeSlot, 'episodeNumber' | 'day' | 'airDate' | 'finalTable'> | null;
}

/** Facts specific enough to look episodes up by: a project and something below its season. */
export type FieldQuery = TitleFacts & { projectCode: string };

export interface TitleQuery {
  /** For an exact match on a file's name (any case and separators, with or without extension). */
  fileNameKey: string;
  /** Everything the title says; fuzzy candidates must not contradict it. */
  facts: TitleFacts;
  /** For a match on parsed fields; null when the title names no project or nothing below its season. */
  fields: FieldQuery | null;
  /** For trigram similarity against episodes' search text. */
  fuzzy: string;
}

/** The facts of a parsed title, derived exactly as placement derives a file's keys. */
export function titleFactsOf(parsed: ParsedMetadata, projectCode: string | null): TitleFacts {
  const season = seasonKeyOf(parsed);
  const event = eventFactsOf(parsed);
  const slot = episodeSlotOf(parsed);
  const saysEpisode = slot.scope === 'season' || slot.key !== '';
  return {
    projectCode,
    year: season.year,
    seasonNumber: season.number,
    eventNumber: event.number,
    eventNameKey: event.nameKey,
    locationKey: event.locationKey === '' ? null : event.locationKey,
    slot: saysEpisode
      ? { episodeNumber: slot.episodeNumber, day: slot.day, airDate: slot.airDate, finalTable: slot.finalTable }
      : null,
  };
}

/** A project and a year alone would match a whole season: that is no episode. */
export function fieldQueryOf(facts: TitleFacts): FieldQuery | null {
  if (facts.projectCode === null) return null;
  if (facts.slot === null && facts.eventNumber === null && facts.eventNameKey === null && facts.locationKey === null)
    return null;
  return { ...facts, projectCode: facts.projectCode };
}

/**
 * Reads a sheet's file name or a free title (any separators and case,
 * Korean words, with or without extension) into the three queries
 * `match_episode` tries in turn.
 */
export function titleQuery(title: string, directory: ProjectDirectory): TitleQuery {
  const typed = correctFieldWords(title);
  const parsed = parseFilename(typed);
  // A person may mistype the brand a file name would spell right: a near alias still names it.
  const project = parsed.project ?? directory.resolve(title) ?? directory.resolveNear(title);
  const facts = titleFactsOf(parsed, project);
  return { fileNameKey: fileNameKey(title), facts, fields: fieldQueryOf(facts), fuzzy: fuzzyQuery(typed) };
}

export interface ScoredCandidate {
  id: string;
  title: string;
  project_code: string | null;
  score: number;
}

export type Decision =
  | { status: 'matched'; best: ScoredCandidate }
  | { status: 'ambiguous'; candidates: ScoredCandidate[] }
  | { status: 'not_found' };

/**
 * The best candidate when it reaches the threshold and leads the next one by
 * at least the margin; `ambiguous` when the leaders are closer than that.
 */
export function decide(candidates: readonly ScoredCandidate[], threshold: number, margin: number): Decision {
  const ranked = candidates.filter((c) => c.score >= threshold).sort((a, b) => b.score - a.score);
  const [best, second] = ranked;
  if (!best) return { status: 'not_found' };
  if (second && best.score - second.score < margin) {
    return { status: 'ambiguous', candidates: ranked.filter((c) => best.score - c.score < margin).slice(0, 5) };
  }
  return { status: 'matched', best };
}
