/**
 * What the generated NAS trees are made of: the 14 poker brands (the
 * `project` codes of docs/contracts/parsed-metadata.md) with their weights,
 * the shape of their footage (days per event, first year) and their folder
 * layouts and naming habits as the contract examples show them (several per
 * brand, mixed within a brand, Korean names included), plus names nobody can
 * read a brand from. tree.ts generates trees from these.
 */
import type { Random } from '../shared/random';

const pad2 = (n: number): string => String(n).padStart(2, '0');
const us = (s: string): string => s.replace(/[ .]+/g, '_');
const compact = (s: string): string => s.replace(/[^A-Za-z0-9]+/g, '');
const money = (n: number): string => n.toLocaleString('en-US');
const kilo = (n: number): string =>
  n >= 1000 && n % 1000 === 0 ? `${n / 1000}K` : n >= 1000 ? `${(n / 1000).toFixed(1)}K` : `${n}`;

/** One event (or season, or stream month) of a brand, fixed for all its days and parts. */
export interface EventInfo {
  year: number;
  n: number;
  name: string;
  buyIn: number;
  city: string;
  game: string;
  /** Which naming habit this event's files follow. */
  habit: number;
  ext: string;
}

export interface Slot {
  ev: EventInfo;
  /** 0-based day of the event; for episodic brands the episode, for streams the stream. */
  dayIndex: number;
  days: number;
  /** Day label: 1A, 1B, 2, …; 'FT' for a final table. */
  day: string;
  part: number;
  /** Running number within the year (episodes, stream dates). */
  seq: number;
}

export interface Brand {
  code: string;
  weight: number;
  /** Days per event (episodes per season, streams per month …). */
  days: [number, number];
  /** The oldest year this brand has footage of. */
  since: number;
  event(rng: Random, year: number, n: number): EventInfo;
  file(s: Slot): { dir: string; name: string };
}

const EXT = ['mp4', 'mp4', 'mp4', 'mp4', 'mp4', 'mp4', 'mov', 'mxf', 'mkv'] as const;
const ext = (rng: Random) => rng.pick(EXT);

export function dayLabels(days: number, finalTable: boolean): string[] {
  const labels =
    days <= 3
      ? ['1', '2', '3']
      : days === 4
        ? ['1A', '1B', '2', '3']
        : ['1A', '1B', '1C', '2', '3', '4', '5', '6', '7', '8'];
  const out = labels.slice(0, days);
  if (finalTable) out[out.length - 1] = 'FT';
  return out;
}

const dayWord = (d: string, sep = '', word = 'Day'): string =>
  d === 'FT' ? `Final${sep === '' ? '_' : sep}Table` : `${word}${sep}${d}`;

/** A date within `year`, `seq` days after the first of January (for live streams). */
function dateOf(year: number, seq: number): { y: number; m: string; d: string; iso: string } {
  const date = new Date(Date.UTC(year, 0, 1 + seq));
  const y = date.getUTCFullYear();
  const m = pad2(date.getUTCMonth() + 1);
  const d = pad2(date.getUTCDate());
  return { y, m, d, iso: `${y}-${m}-${d}` };
}

const WSOP_EVENTS: [string, number][] = [
  ['Main Event', 10_000],
  ['Poker Players Championship', 50_000],
  ['High Roller', 25_000],
  ['Millionaire Maker', 1_500],
  ['Colossus', 400],
  ['Monster Stack', 1_500],
  ['Seniors Championship', 1_000],
  ['PLO Championship', 10_000],
  ['Super High Roller', 250_000],
  ['Little One for One Drop', 1_111],
  ['Tag Team', 1_000],
  ['Heads Up Championship', 25_000],
];
const EPT_CITIES = [
  'Barcelona',
  'Prague',
  'Paris',
  'Monte Carlo',
  'London',
  'Sochi',
  'Vienna',
  'Malta',
  'Sanremo',
  'Deauville',
  'Copenhagen',
  'Cyprus',
];
const EPT_EVENTS: [string, number][] = [
  ['Main Event', 5_300],
  ['High Roller', 10_300],
  ['Super High Roller', 50_000],
  ['National', 1_100],
  ['Estrellas Main Event', 1_100],
];
const APT_CITIES: [string, string][] = [
  ['Incheon', '인천'],
  ['Taipei', '타이베이'],
  ['Manila', '마닐라'],
  ['Jeju', '제주'],
  ['Macau', '마카오'],
  ['Nha Trang', '나트랑'],
];
const TRITON_CITIES = ['Montenegro', 'London', 'Jeju', 'Cyprus', 'Madrid', 'Monte Carlo', 'Paris', 'Manila'];
const WPT_VENUES = [
  'Seminole Hard Rock',
  'Lucky Hearts Poker Open',
  'Bellagio Five Diamond',
  'World Championship',
  'Borgata Poker Open',
  'LA Poker Classic',
  'Gardens Poker Championship',
  'Rolling Thunder',
  'Choctaw',
  'Legends of Poker',
];
const PGT_SERIES = ['US Poker Open', 'Poker Masters', 'Super High Roller Series', 'PGT Championship'];
const GAMES = ['NLH', 'NLH', 'NLH', 'PLO', 'PLO', 'Short Deck', '8-Game', 'PLO8'];
const HCL_STAKES = ['$25-$50-$100', '$50-$100-$200', '$100-$200-$400', '$200-$400-$800'];

const simpleEvent =
  (names: readonly (readonly [string, number])[], cities: readonly string[] = [''], games = ['NLH']) =>
  (rng: Random, year: number, n: number): EventInfo => {
    // Festivals run each event once a year: cycle through the list, "High Roller 2" after a full round.
    const [base, buyIn] = names[(n - 1) % names.length]!;
    const round = Math.ceil(n / names.length);
    const name = round > 1 && base ? `${base} ${round}` : base;
    return {
      year,
      n,
      name,
      buyIn,
      city: rng.pick(cities),
      game: rng.pick(games),
      habit: rng.int(0, 9),
      ext: ext(rng),
    };
  };

/** The 14 brands of the contract, with their folder layouts and naming habits. */
export const BRANDS: readonly Brand[] = [
  {
    code: 'WSOP',
    weight: 2.5,
    days: [3, 7],
    since: 2003,
    event: simpleEvent(WSOP_EVENTS),
    file: ({ ev, day, part }) => {
      const dir = `WSOP/${ev.year}/Event #${ev.n} - $${money(ev.buyIn)} ${ev.name}/${dayWord(day, ' ')}`;
      const main = ev.name === 'Main Event';
      const h = ev.habit;
      const name =
        h < 3
          ? `WSOP_${ev.year}_Event_${ev.n}_${us(ev.name)}_${dayWord(day)}_Part${part}`
          : h < 5
            ? `WSOP${ev.year}_Ev${ev.n}_${day === 'FT' ? 'FT' : `D${day}`}_Pt${part}`
            : h < 7
              ? `WSOP ${ev.year} - Event #${ev.n} - $${money(ev.buyIn)} ${ev.name} - ${dayWord(day, ' ')} - Part ${part}`
              : main && h === 7
                ? `wsop_${ev.year}_me_${day === 'FT' ? 'ft' : `d${day.toLowerCase()}`}_pt${part}`
                : main && h === 8
                  ? `WSOP ${ev.year} 메인이벤트 ${day === 'FT' ? '파이널 테이블' : `${day}일차`} 파트${part}`
                  : `WSOP${ev.year}_E${ev.n}_${compact(ev.name)}_${day === 'FT' ? 'FT' : `D${day}`}_Part${part}`;
      return { dir, name: `${name}.${ev.ext}` };
    },
  },
  {
    code: 'WSOPE',
    weight: 0.7,
    days: [3, 5],
    since: 2007,
    event: simpleEvent([
      ['Main Event', 10_350],
      ['Platinum High Roller', 25_000],
      ['Mini Main Event', 1_350],
      ['PLO Championship', 5_300],
    ]),
    file: ({ ev, day, part }) => ({
      dir: `WSOP Europe/${ev.year}/Event ${ev.n} - ${ev.name}`,
      name:
        ev.habit < 6
          ? `WSOPE_${ev.year}_${us(ev.name)}_${dayWord(day)}_Part${part}.${ev.ext}`
          : `WSOP Europe ${ev.year} €${money(ev.buyIn)} ${ev.name} ${dayWord(day, ' ')} Part ${part}.${ev.ext}`,
    }),
  },
  {
    code: 'WSOPP',
    weight: 0.5,
    days: [3, 5],
    since: 2023,
    event: simpleEvent([
      ['Super Main Event', 25_000],
      ['Mystery Millions', 1_000],
      ['High Roller', 50_000],
    ]),
    file: ({ ev, day, part }) => ({
      dir: `WSOP Paradise/${ev.year}/${ev.name}/${dayWord(day, ' ')}`,
      name: `WSOP_Paradise_${ev.year}_${us(ev.name)}_${dayWord(day)}_Part${part}.${ev.ext}`,
    }),
  },
  {
    code: 'WPT',
    weight: 1.2,
    days: [3, 6],
    since: 2003,
    event: (rng, year, n) => ({ ...simpleEvent([['', 0]])(rng, year, n), name: rng.pick(WPT_VENUES) }),
    file: ({ ev, seq, part }) => {
      const season = ev.year - 2002;
      const e = seq + 1;
      const name =
        ev.habit < 5
          ? `WPT_S${season}_E${pad2(e)}_${us(ev.name)}_Part${part}.${ev.ext}`
          : ev.habit < 8
            ? `WPT.S${season}E${pad2(e)}.${ev.name.replace(/ /g, '.')}.Part${part}.mxf`
            : `World Poker Tour Season ${season} Episode ${e} Part ${part}.${ev.ext}`;
      return { dir: `WPT/Season ${season}/${ev.name}`, name };
    },
  },
  {
    code: 'EPT',
    weight: 1.2,
    days: [3, 7],
    since: 2004,
    event: simpleEvent(EPT_EVENTS, EPT_CITIES),
    file: ({ ev, day, part }) => ({
      dir: `EPT/${ev.year}/EPT ${ev.city} ${ev.year}/${ev.name}`,
      name:
        ev.habit < 6
          ? `EPT_${us(ev.city)}_${ev.year}_${us(ev.name)}_${dayWord(day)}_Part${part}.${ev.ext}`
          : `EPT ${ev.city} ${ev.year} €${money(ev.buyIn)} ${ev.name} ${dayWord(day, ' ')} Part ${part}.${ev.ext}`,
    }),
  },
  {
    code: 'APT',
    weight: 0.8,
    days: [3, 5],
    since: 2008,
    event: (rng, year, n) => {
      const e = simpleEvent([
        ['Main Event', 2_000],
        ['High Roller', 5_000],
        ['Championship Event', 3_000],
      ])(rng, year, n);
      const [city, korean] = rng.pick(APT_CITIES);
      return { ...e, city: `${city}|${korean}` };
    },
    file: ({ ev, day, part }) => {
      const [city, korean] = ev.city.split('|') as [string, string];
      const name =
        ev.habit < 7 || ev.name !== 'Main Event'
          ? `APT_${us(city)}_${ev.year}_${us(ev.name)}_${dayWord(day)}_Part${part}.${ev.ext}`
          : `APT ${korean} ${ev.year} 메인이벤트 ${day === 'FT' ? '파이널 테이블' : `${day}일차`} 파트${part}.${ev.ext}`;
      return { dir: `APT/${ev.year}/${city}/${ev.name}`, name };
    },
  },
  {
    code: 'TRITON',
    weight: 1,
    days: [2, 4],
    since: 2016,
    event: (rng, year, n) => {
      const buyIn = rng.pick([25, 50, 100, 125, 150, 200, 250]) * 1000;
      return {
        year,
        n,
        name: 'Super High Roller',
        buyIn,
        city: rng.pick(TRITON_CITIES),
        game: rng.pick(GAMES),
        habit: rng.int(0, 9),
        ext: ext(rng),
      };
    },
    file: ({ ev, day, part }) => {
      const k = `${ev.buyIn / 1000}K`;
      const name =
        ev.habit < 5
          ? `Triton_SHR_${us(ev.city)}_${ev.year}_Event_${ev.n}_$${k}_${dayWord(day)}_Part${part}`
          : ev.habit < 8
            ? `Triton Super High Roller Series ${ev.city} ${ev.year} Event #${ev.n} $${k} ${ev.game} ${dayWord(day, ' ')} Part ${part}`
            : `triton-${ev.city.toLowerCase().replace(/ /g, '-')}-${ev.year}-ev${ev.n}-${k.toLowerCase()}-${day === 'FT' ? 'ft' : `d${day.toLowerCase()}`}-p${part}`;
      return {
        dir: `Triton/${ev.year}/${ev.city} ${ev.year}/Event ${ev.n} - $${k} ${ev.game}`,
        name: `${name}.${ev.ext}`,
      };
    },
  },
  {
    code: 'HCL',
    weight: 1,
    days: [4, 8],
    since: 2020,
    event: (rng, year, n) => ({ ...simpleEvent([['Live Stream', 0]])(rng, year, n), game: rng.pick(HCL_STAKES) }),
    file: ({ ev, seq, part }) => {
      const d = dateOf(ev.year, seq);
      const name =
        ev.habit < 5
          ? `HCL_${d.iso}_Live_Stream_Part${part}`
          : ev.habit < 8
            ? `Hustler Casino Live ${d.iso} ${ev.game} Cash Game Part ${part}`
            : `HCL ${d.m}-${d.d}-${d.y} Part ${part}`;
      return { dir: `Hustler Casino Live/${ev.year}/${ev.year}-${d.m}`, name: `${name}.${ev.ext}` };
    },
  },
  {
    code: 'HSP',
    weight: 0.8,
    days: [4, 8],
    since: 2006,
    event: simpleEvent([['', 0]]),
    file: ({ ev, seq, part }) => {
      const season = ev.year - 2005;
      const e = seq + 1;
      const name =
        ev.habit < 6
          ? `High_Stakes_Poker_S${pad2(season)}E${pad2(e)}_Part${part}`
          : `HighStakesPoker_Season${season}_Episode${e}_Part${part}`;
      return { dir: `High Stakes Poker/Season ${season}`, name: `${name}.${ev.ext}` };
    },
  },
  {
    code: 'PAD',
    weight: 0.8,
    days: [4, 8],
    since: 2007,
    event: simpleEvent([['', 0]]),
    file: ({ ev, seq, part }) => {
      const season = ev.year - 2006;
      const e = seq + 1;
      const name =
        ev.habit < 6
          ? `Poker_After_Dark_S${season}E${pad2(e)}_Part${part}.${ev.ext}`
          : `PAD S${season} E${pad2(e)} Part ${part}.mov`;
      return { dir: `Poker After Dark/Season ${season}`, name };
    },
  },
  {
    code: 'SHRB',
    weight: 0.6,
    days: [3, 5],
    since: 2015,
    event: simpleEvent(
      [
        ['Super High Roller Bowl', 300_000],
        ['Super High Roller Bowl', 100_000],
      ],
      ['Las Vegas', 'Bahamas', 'Europe', 'Australia'],
    ),
    file: ({ ev, day, part }) => ({
      dir: `Super High Roller Bowl/${ev.year} ${ev.city}/Event ${ev.n}`,
      name:
        ev.habit < 6
          ? `Super_High_Roller_Bowl_${ev.year}_${us(ev.city)}_Event${ev.n}_${dayWord(day)}_Part${part}.${ev.ext}`
          : `SHRB ${ev.year} ${ev.city} $${money(ev.buyIn)} Event ${ev.n} ${dayWord(day, ' ')} Part ${part}.${ev.ext}`,
    }),
  },
  {
    code: 'PGT',
    weight: 0.8,
    days: [2, 4],
    since: 2021,
    event: (rng, year, n) => ({
      year,
      n,
      name: rng.pick(PGT_SERIES),
      buyIn: rng.pick([10, 15, 25, 50, 100]) * 1000,
      city: '',
      game: rng.pick(GAMES),
      habit: rng.int(0, 9),
      ext: ext(rng),
    }),
    file: ({ ev, day, part }) => ({
      dir: `PGT/${ev.year}/${ev.name}/Event ${ev.n}`,
      name:
        ev.habit < 6
          ? `PGT_${ev.year}_${us(ev.name)}_Event_${ev.n}_$${kilo(ev.buyIn)}_${compact(ev.game)}_${dayWord(day)}_Part${part}.${ev.ext}`
          : `PGT_${ev.year}_Ev#${ev.n}_$${money(ev.buyIn)}_${compact(ev.game)}_${dayWord(day)}_Part${part}.${ev.ext}`,
    }),
  },
  {
    code: 'NAPT',
    weight: 0.5,
    days: [3, 5],
    since: 2010,
    event: simpleEvent(
      [
        ['Main Event', 5_000],
        ['High Roller', 25_000],
      ],
      ['Las Vegas', 'Mohegan Sun', 'Los Angeles', 'Venetian'],
    ),
    file: ({ ev, day, part }) => ({
      dir: `NAPT/${ev.year}/${ev.city}/${ev.name}`,
      name: `NAPT_${us(ev.city)}_${ev.year}_${us(ev.name)}_${dayWord(day)}_Part${part}.${ev.ext}`,
    }),
  },
  {
    code: 'GGM',
    weight: 0.7,
    days: [4, 8],
    since: 2019,
    event: simpleEvent([['Final Table', 10_300]]),
    file: ({ ev, seq, part }) => {
      const d = dateOf(ev.year, seq * 3);
      const name =
        ev.habit < 6
          ? `GGMillion$_${d.iso}_Final_Table_Part${part}.${ev.ext}`
          : `GGMillions_${ev.year}_Ep${seq + 1}_Part${part}.${ev.ext}`;
      return { dir: `GGMillions/${ev.year}/${ev.year}-${d.m}`, name };
    },
  },
];

/** Names nobody can read a brand from: unmatched files, still inventoried. */
export const MISC: Brand = {
  code: '',
  weight: 0.3,
  days: [4, 8],
  since: 2018,
  event: simpleEvent([['', 0]], ['Canon', 'Sony A7', 'GoPro', 'Highlights', 'Aussie Millions']),
  file: ({ ev, seq, day, part }) => {
    const folder = `_Incoming/${ev.year}/${ev.city}`;
    if (ev.city === 'Highlights')
      return { dir: folder, name: `홀덤 대회 하이라이트 ${ev.year} ${seq + 1}회 파트${part}.mp4` };
    if (ev.city === 'Aussie Millions')
      return { dir: folder, name: `Aussie_Millions_${ev.year}_Main_Event_${dayWord(day)}_Part${part}.mp4` };
    return { dir: folder, name: `MVI_${String(ev.n * 1000 + seq * 10 + part).padStart(4, '0')}.MOV` };
  },
};
