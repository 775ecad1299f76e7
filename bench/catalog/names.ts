/**
 * Realistic NAS file names for the catalog benchmark, generated from a
 * universe of episodes over every brand of the ParsedMetadata contract:
 * festival events by number and name (tour stops by place), main events by
 * day and flight, final tables, series by season and episode, a dated live
 * show; each episode as several files (parts, a proxy) named in the habits
 * real NAS names follow (the contract examples), and titles a hand-log sheet
 * might use for it (exact file names, free titles, reordered words, Korean,
 * typos).
 */
import { Random } from '../shared/random';

/** The generator of a run (xorshift32): the same names with the same seed. */
export const namesRandom = (seed: number): Random => Random.xorshift32((seed >>> 0) * 2654435761);

type Festival = { code: string; kind: 'festival'; places: string[]; main: boolean; numbered: boolean };
type Series = { code: string; kind: 'series'; long: string };
type Show = { code: string; kind: 'show' };
type Yearly = { code: string; kind: 'yearly'; long: string };
type Brand = Festival | Series | Show | Yearly;

const BRANDS: Brand[] = [
  { code: 'WSOP', kind: 'festival', places: [], main: true, numbered: true },
  { code: 'WSOPE', kind: 'festival', places: [], main: true, numbered: true },
  { code: 'WSOP_Paradise', kind: 'festival', places: [], main: true, numbered: false },
  { code: 'EPT', kind: 'festival', places: ['Barcelona', 'Prague', 'Paris', 'Monte Carlo', 'London'], main: true, numbered: true },
  { code: 'APT', kind: 'festival', places: ['Incheon', 'Manila', 'Taipei', 'Jeju'], main: true, numbered: true },
  { code: 'Triton', kind: 'festival', places: ['Montenegro', 'London', 'Cyprus', 'Jeju', 'Monte Carlo'], main: true, numbered: true },
  { code: 'PGT', kind: 'festival', places: [], main: false, numbered: true },
  { code: 'NAPT', kind: 'festival', places: ['Las Vegas', 'Los Angeles'], main: true, numbered: false },
  { code: 'SHRB', kind: 'festival', places: [], main: false, numbered: false },
  { code: 'WPT', kind: 'series', long: 'World_Poker_Tour' },
  { code: 'HSP', kind: 'series', long: 'High_Stakes_Poker' },
  { code: 'PAD', kind: 'series', long: 'Poker_After_Dark' },
  { code: 'GGMillions', kind: 'yearly', long: 'GGMillion$' },
  { code: 'HCL', kind: 'show' },
]; // prettier-ignore

const EVENT_NAMES = [
  'High Roller', 'Super High Roller', 'Millionaire Maker', 'Monster Stack', 'Colossus', 'Mystery Millions',
  'Tag Team', 'Ladies Championship', 'Seniors Championship', 'Heads Up Championship', 'Deepstack',
  'Mini Main Event', 'Poker Players Championship', 'Crazy Eights', 'Tournament of Champions',
]; // prettier-ignore
const BUY_INS = [1500, 3000, 5000, 10000, 25000, 50000, 100000, 250000];
const MAIN_DAYS = ['1A', '1B', '1C', '1D', '2', '3', '4', '5', '6', '7', 'FT'];
const EVENT_DAYS = ['1', '2', '3', 'FT'];

export interface EpisodeSpec {
  /** Identity of the episode in the generator's universe. */
  key: string;
  brand: Brand;
  year: number | null;
  place: string | null;
  event: { n: number; name: string; buyIn: number } | null;
  main: boolean;
  day: string | null;
  season: number | null;
  episode: number | null;
  date: string | null;
}

export interface GeneratedFile {
  id: string;
  path: string;
  episodeKey: string;
  /** A base name a sheet can quote alone (not `Day2_Part1.mp4` of a folder layout). */
  distinctive: boolean;
}

const under = (text: string): string => text.replace(/ /g, '_');
const pad2 = (n: number): string => String(n).padStart(2, '0');
const money = (n: number): string => `$${n.toLocaleString('en-US')}`;

/** The universe of episodes, in a seeded random order, without repeats. */
export function* episodes(random: Random): Generator<EpisodeSpec> {
  const seen = new Set<string>();
  for (let misses = 0; misses < 10_000;) {
    const spec = randomEpisode(random);
    if (seen.has(spec.key)) {
      misses++;
      continue;
    }
    misses = 0;
    seen.add(spec.key);
    yield spec;
  }
}

function randomEpisode(r: Random): EpisodeSpec {
  const brand = r.pick(BRANDS);
  const base = {
    brand,
    year: null,
    place: null,
    event: null,
    main: false,
    day: null,
    season: null,
    episode: null,
    date: null,
  };
  if (brand.kind === 'series') {
    const season = r.int(1, 22);
    const episode = r.int(1, 30);
    return { ...base, key: `${brand.code}|S${season}|E${episode}`, season, episode };
  }
  if (brand.kind === 'yearly') {
    const year = r.int(2015, 2025);
    const episode = r.int(1, 40);
    return { ...base, key: `${brand.code}|${year}|E${episode}`, year, episode };
  }
  if (brand.kind === 'show') {
    const year = r.int(2019, 2025);
    const date = `${year}-${pad2(r.int(1, 12))}-${pad2(r.int(1, 28))}`;
    return { ...base, key: `${brand.code}|${date}`, year, date };
  }
  const year = r.int(2005, 2025);
  const place = brand.places.length > 0 ? r.pick(brand.places) : null;
  const main = brand.main && (!brand.numbered || r.next() < 0.3);
  if (!brand.numbered && !main) {
    const day = r.pick(['1', '2', '3', '4', 'FT']);
    return { ...base, key: `${brand.code}|${year}|${day}`, year, day };
  }
  if (main) {
    const day = r.pick(MAIN_DAYS);
    return { ...base, key: `${brand.code}|${year}|${place}|ME|${day}`, year, place, main, day };
  }
  const n = r.int(1, 99);
  // One name and buy-in per event number of a festival year, as the schedule has it.
  const h = hash(`${brand.code}${year}${place}${n}`);
  const event = { n, name: EVENT_NAMES[h % EVENT_NAMES.length], buyIn: BUY_INS[(h >>> 8) % BUY_INS.length] };
  const day = r.pick(EVENT_DAYS);
  return { ...base, key: `${brand.code}|${year}|${place}|#${n}|${day}`, year, place, event, day };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The files of one episode: `count` parts (some named by another habit), maybe a proxy. */
export function filesOf(spec: EpisodeSpec, count: number, r: Random, nextId: () => string): GeneratedFile[] {
  const out: GeneratedFile[] = [];
  for (let part = 1; part <= count; part++) {
    const { path, distinctive } = fileName(spec, part, r);
    out.push({ id: nextId(), path, episodeKey: spec.key, distinctive });
  }
  if (r.next() < 0.2) {
    const { path, distinctive } = fileName(spec, 1, r);
    const dot = path.lastIndexOf('.');
    out.push({ id: nextId(), path: `proxy/${path.slice(0, dot)}_proxy.mp4`, episodeKey: spec.key, distinctive });
  }
  return out;
}

function fileName(s: EpisodeSpec, part: number, r: Random): { path: string; distinctive: boolean } {
  const b = s.brand;
  const at = (p: string, distinctive = true) => ({ path: p, distinctive });
  if (b.kind === 'series') {
    const long = b.long;
    switch (r.int(0, 2)) {
      case 0:
        return at(`${b.code}/${long}_S${pad2(s.season!)}E${pad2(s.episode!)}_Part${part}.mp4`);
      case 1:
        return at(`${b.code}/${b.code} S${s.season} E${pad2(s.episode!)} Part ${part}.mov`);
      default:
        return at(`${b.code}/Season ${s.season}/${long.replace(/_/g, ' ')} Season ${s.season} Episode ${s.episode} Part ${part}.mp4`);
    }
  }
  if (b.kind === 'yearly') {
    return r.next() < 0.5
      ? at(`GGM/${b.code}_${s.year}_Ep${s.episode}_Part${part}.mp4`)
      : at(`GGM/${b.long} ${s.year} Episode ${s.episode} Part ${part}.mp4`);
  }
  if (b.kind === 'show') {
    const [y, m, d] = s.date!.split('-');
    // 09-11-2023 could be either month first or day first: only a day past 12 says which.
    switch (r.int(0, Number(d) > 12 ? 2 : 1)) {
      case 0:
        return at(`HCL/HCL_${s.date}_Live_Stream_Part${part}.mp4`);
      case 1:
        return at(`HCL/Hustler Casino Live ${s.date} Part ${part}.mp4`);
      default:
        return at(`HCL/HCL ${m}-${d}-${y} Part ${part}.mp4`);
    }
  }
  const code = b.code;
  const place = s.place;
  const ft = s.day === 'FT';
  if (s.main) {
    switch (r.int(0, 2)) {
      case 0:
        return at(`${code}/${code}_${place ? `${under(place)}_` : ''}${s.year}_Main_Event_${ft ? 'Final_Table' : `Day${s.day}`}_Part${part}.mp4`);
      case 1:
        return at(`${code}/${code.toLowerCase()}_${place ? `${under(place).toLowerCase()}_` : ''}${s.year}_me_${ft ? 'ft' : `d${s.day!.toLowerCase()}`}_pt${part}.mp4`);
      default:
        return at(`${code}/${code} ${place ? `${place} ` : ''}${s.year} 메인이벤트 ${ft ? '파이널 테이블' : `데이 ${s.day}`} 파트${part}.mp4`);
    }
  }
  if (!s.event) {
    return at(`${code}/${code}_${s.year}_${ft ? 'Final_Table' : `Day${s.day}`}_Part${part}.mp4`);
  }
  const e = s.event;
  switch (r.int(0, 3)) {
    case 0:
      return at(`${code}/${code}_${place ? `${under(place)}_` : ''}${s.year}_Event_${e.n}_${under(e.name)}_${ft ? 'Final_Table' : `Day${s.day}`}_Part${part}.mp4`);
    case 1:
      return at(`${code}/${code} ${place ? `${place} ` : ''}${s.year} - Event #${e.n} - ${money(e.buyIn)} ${e.name} - ${ft ? 'Final Table' : `Day ${s.day}`} - Part ${part}.mp4`);
    case 2:
      return at(`${code}/${s.year}${place ? ` ${place}` : ''}/Event ${e.n}/${ft ? 'Final_Table' : `Day${s.day}`}_Part${part}.mp4`, false);
    default:
      return at(`${code}/${code.toLowerCase()}_${place ? `${under(place).toLowerCase()}_` : ''}${s.year}_ev${e.n}_${ft ? 'ft' : `d${s.day}`}_pt${part}.mp4`);
  }
} // prettier-ignore

export type TitleKind = 'exact' | 'variant' | 'korean' | 'typo' | 'absent';

/** How a sheet might name the episode (besides quoting one of its files). */
export function freeTitle(s: EpisodeSpec, r: Random): string {
  const b = s.brand;
  if (b.kind === 'series') {
    const long = b.long.replace(/_/g, ' ');
    return r.next() < 0.5 ? `${long} Season ${s.season} Episode ${s.episode}` : `Episode ${s.episode} Season ${s.season} ${b.code}`;
  }
  if (b.kind === 'yearly') return `${b.long} ${s.year} Episode ${s.episode}`;
  if (b.kind === 'show') return r.next() < 0.5 ? `Hustler Casino Live ${s.date}` : `HCL ${s.date}`;
  const code = b.code.replace(/_/g, ' ');
  const place = s.place ? `${s.place} ` : '';
  const day = s.day === 'FT' ? 'Final Table' : `Day ${s.day}`;
  if (s.main) return r.next() < 0.5 ? `${code} ${place}${s.year} Main Event ${day}` : `Main Event ${day} ${code} ${place}${s.year}`;
  if (!s.event) return `${code} ${s.year} ${day}`;
  return r.next() < 0.5
    ? `${code} ${place}${s.year} Event #${s.event.n} ${s.event.name} ${day}`
    : `${s.event.name} ${day} ${code} ${s.year} ${place}Event ${s.event.n}`;
} // prettier-ignore

/** A Korean title, for the kinds of episodes Korean sheets name that way; null for the others. */
export function koreanTitle(s: EpisodeSpec): string | null {
  const b = s.brand;
  if (b.kind === 'series') return `${b.code} 시즌 ${s.season} 에피소드 ${s.episode}`;
  if (b.kind !== 'festival' || !s.main) return null;
  const place = s.place ? `${s.place} ` : '';
  if (s.day === 'FT') return `${b.code.replace(/_/g, ' ')} ${place}${s.year} 메인 이벤트 파이널 테이블`;
  if (/^\d+$/.test(s.day!)) return `${b.code.replace(/_/g, ' ')} ${place}${s.year} 메인이벤트 ${s.day}일차`;
  return `${b.code.replace(/_/g, ' ')} ${place}${s.year} 메인 이벤트 데이 ${s.day}`;
}

/** One typo in a longer word: two letters swapped, or one left out. */
export function withTypo(title: string, r: Random): string {
  const words = title.split(' ');
  const candidates = words.map((w, i) => [w, i] as const).filter(([w]) => /^[A-Za-z]{5,}$/.test(w));
  if (candidates.length === 0) return title;
  const [word, i] = r.pick(candidates);
  const at = r.int(1, word.length - 2);
  words[i] =
    r.next() < 0.5
      ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
      : word.slice(0, at) + word.slice(at + 1);
  return words.join(' ');
}

/** A title for an episode the catalog does not have: same habits, a year before any file. */
export function absentTitle(s: EpisodeSpec, r: Random): string {
  return freeTitle({ ...s, year: 1990 + r.int(0, 4), date: s.date ? `199${r.int(0, 4)}-01-01` : null, season: s.season === null ? null : 90 + r.int(0, 8) }, r);
} // prettier-ignore
