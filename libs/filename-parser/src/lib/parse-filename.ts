import { ParsedMetadata } from '@pokervod/contracts';
import { brandKind } from './brands';
import { isPhrase } from './phrases';
import { readSegment, SegmentFacts } from './segment';
import { splitExtension, splitPath } from './text';
import { buildTitle, TitleFields } from './title';

/**
 * Version of the parser's behaviour. Stored files are re-parsed when it
 * changes, so bump it with every change to what any name parses to.
 */
export const PARSER_VERSION = 1;

/** `Pt1`, `E05`, `D2` after the last dot are words of the name, not an extension. */
function isNameWord(word: string): boolean {
  return isPhrase(word) || /^(s|e|ep|ev|d|day|p|pt|part|v)\d+[a-h]?$/.test(word);
}

/**
 * Combines the file name's facts with its folders' (nearest folder first):
 * a folder only fills what the file name leaves unsaid.
 */
function combine(file: SegmentFacts, folders: readonly SegmentFacts[]): SegmentFacts {
  const out: SegmentFacts = { ...file };
  for (const folder of folders) {
    out.project ??= folder.project;
    out.year ??= folder.year;
    // A folder's date only fits a file name that says no other year.
    if (out.date === null && folder.date !== null && (out.year === null || folder.date.startsWith(`${out.year}-`))) {
      out.date = folder.date;
    }
    out.season ??= folder.season;
    out.episode ??= folder.episode;
    out.eventNumber ??= folder.eventNumber;
    out.openNumber ??= folder.openNumber;
    out.eventName ??= folder.eventName;
    // Amount and currency come from the same place, or the currency could describe another amount.
    if (out.buyIn === null && folder.buyIn !== null) {
      out.buyIn = folder.buyIn;
      out.currency = folder.currency;
    }
    out.day ??= folder.day;
    out.part ??= folder.part;
    out.finalTable ||= folder.finalTable;
    out.game ??= folder.game;
    out.location ??= folder.location;
  }
  // `E76` under a WSOP folder is Event #76; under a WPT folder, episode 76.
  const kind = brandKind(out.project);
  if (out.openNumber !== null && kind === 'festival') out.eventNumber ??= out.openNumber;
  if (out.openNumber !== null && kind === 'series') out.episode ??= out.openNumber;
  return out;
}

function countFacts(facts: SegmentFacts): number {
  const values = [
    facts.year ?? facts.date,
    facts.season,
    facts.episode,
    facts.eventNumber,
    facts.eventName,
    facts.buyIn,
    facts.day,
    facts.part,
    facts.game,
    facts.location,
  ];
  return values.filter((value) => value !== null).length + (facts.finalTable ? 1 : 0);
}

/**
 * How much of the name was understood: a known brand counts most (less when
 * only a folder names it), then the number of fields, then the share of the
 * file name's letters and digits that were read. No brand caps it at 0.6.
 */
function confidence(file: SegmentFacts, combined: SegmentFacts): number {
  const brand = file.project !== null ? 0.4 : combined.project !== null ? 0.3 : 0;
  const fields = Math.min(1, countFacts(combined) / 3) * 0.3;
  const coverage = file.coverage * 0.3;
  const score = Math.round((brand + fields + coverage) * 100) / 100;
  return Math.min(1, Math.max(0, score));
}

function toMetadata(facts: SegmentFacts, extension: string, title: (fields: TitleFields) => string, score: number) {
  const fields: TitleFields = {
    project: facts.project,
    year: facts.year,
    date: facts.date,
    season: facts.season,
    episode: facts.episode,
    event_number: facts.eventNumber,
    event_name: facts.eventName,
    buy_in: facts.buyIn,
    currency: facts.buyIn === null ? null : facts.currency,
    day: facts.day,
    part: facts.part,
    final_table: facts.finalTable,
    game: facts.game,
    location: facts.location,
    extension,
  };
  return { ...fields, title: title(fields), confidence: score };
}

/** The reading itself, without the safety net (exported for the property tests). */
export function readName(input: string): ParsedMetadata {
  const { folders, file } = splitPath(input);
  const { stem, extension } = splitExtension(file, isNameWord);
  const fileFacts = readSegment(stem);
  const folderFacts = folders.map(readSegment);
  const combined = combine(fileFacts, folderFacts);
  const label = fileFacts.label ?? folderFacts.find((facts) => facts.label !== null)?.label ?? null;
  const score = confidence(fileFacts, combined);
  return toMetadata(combined, extension, (fields) => buildTitle(fields, label, stem), score);
}

const NOTHING_UNDERSTOOD: ParsedMetadata = {
  project: null,
  year: null,
  date: null,
  season: null,
  episode: null,
  event_number: null,
  event_name: null,
  buy_in: null,
  currency: null,
  day: null,
  part: null,
  final_table: false,
  game: null,
  location: null,
  extension: '',
  title: 'Untitled',
  confidence: 0,
};

/**
 * What a video's file name (or its path relative to the NAS share) says,
 * per `docs/contracts/parsed-metadata.md`. Pure and total: any string —
 * empty, binary, 10 kB long — gives a ParsedMetadata, never an exception.
 */
export function parseFilename(nameOrRelativePath: string): ParsedMetadata {
  if (typeof nameOrRelativePath !== 'string') return { ...NOTHING_UNDERSTOOD };
  try {
    return readName(nameOrRelativePath);
  } catch {
    // A reading bug must cost one file its metadata, not the whole inventory run.
    return { ...NOTHING_UNDERSTOOD };
  }
}
