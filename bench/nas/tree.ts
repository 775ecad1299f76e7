/**
 * Deterministic NAS-like trees: 14 poker brands (the `project` codes of
 * docs/contracts/parsed-metadata.md) laid out brand/year/event/day
 * with parts, named the way the contract examples are (several habits per
 * brand, mixed within a brand, Korean names included), plus a few unknown
 * names, NAS housekeeping (.DS_Store, @eaDir thumbnails, Thumbs.db, #recycle,
 * AppleDouble `._` files) and side-cars (.srt, folder.jpg). Video files are
 * 1–4 kB of pseudo-random bytes, each with a unique header so that no two
 * share a content hash. Same seed and size → the same tree, byte for byte
 * (modification times included).
 */
import {
  closeSync,
  ftruncateSync,
  futimesSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import * as path from 'node:path';

/** mulberry32: small, fast, good enough for picking names and bytes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;
const int = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const pad2 = (n: number): string => String(n).padStart(2, '0');
const us = (s: string): string => s.replace(/[ .]+/g, '_');
const compact = (s: string): string => s.replace(/[^A-Za-z0-9]+/g, '');
const money = (n: number): string => n.toLocaleString('en-US');
const kilo = (n: number): string =>
  n >= 1000 && n % 1000 === 0 ? `${n / 1000}K` : n >= 1000 ? `${(n / 1000).toFixed(1)}K` : `${n}`;

/** One event (or season, or stream month) of a brand, fixed for all its days and parts. */
interface EventInfo {
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

interface Slot {
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

interface Brand {
  code: string;
  weight: number;
  /** Days per event (episodes per season, streams per month …). */
  days: [number, number];
  /** The oldest year this brand has footage of. */
  since: number;
  event(rng: Rng, year: number, n: number): EventInfo;
  file(s: Slot): { dir: string; name: string };
}

const EXT = ['mp4', 'mp4', 'mp4', 'mp4', 'mp4', 'mp4', 'mov', 'mxf', 'mkv'] as const;
const ext = (rng: Rng) => pick(rng, EXT);

function dayLabels(days: number, finalTable: boolean): string[] {
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
  (rng: Rng, year: number, n: number): EventInfo => {
    // Festivals run each event once a year: cycle through the list, "High Roller 2" after a full round.
    const [base, buyIn] = names[(n - 1) % names.length]!;
    const round = Math.ceil(n / names.length);
    const name = round > 1 && base ? `${base} ${round}` : base;
    return {
      year,
      n,
      name,
      buyIn,
      city: pick(rng, cities),
      game: pick(rng, games),
      habit: int(rng, 0, 9),
      ext: ext(rng),
    };
  };

/** The 14 brands of the contract, with their folder layouts and naming habits. */
const BRANDS: Brand[] = [
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
    event: (rng, year, n) => ({ ...simpleEvent([['', 0]])(rng, year, n), name: pick(rng, WPT_VENUES) }),
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
      const [city, korean] = pick(rng, APT_CITIES);
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
      const buyIn = pick(rng, [25, 50, 100, 125, 150, 200, 250]) * 1000;
      return {
        year,
        n,
        name: 'Super High Roller',
        buyIn,
        city: pick(rng, TRITON_CITIES),
        game: pick(rng, GAMES),
        habit: int(rng, 0, 9),
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
    event: (rng, year, n) => ({ ...simpleEvent([['Live Stream', 0]])(rng, year, n), game: pick(rng, HCL_STAKES) }),
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
      name: pick(rng, PGT_SERIES),
      buyIn: pick(rng, [10, 15, 25, 50, 100]) * 1000,
      city: '',
      game: pick(rng, GAMES),
      habit: int(rng, 0, 9),
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
const MISC: Brand = {
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

export interface GeneratedTree {
  /** The root folder (a NAS root). */
  root: string;
  /** Relative paths of the video files (the files a scan should inventory), in creation order. */
  videos: string[];
  /** Every regular file written, videos included (what `find -type f` lists). */
  files: number;
  /** Files a scan must leave alone: .DS_Store, Thumbs.db, @eaDir/…, ._*, #recycle/… */
  ignoredFiles: number;
  /** Non-video files the walk lists but filters by extension (.srt, folder.jpg). */
  sidecars: number;
  directories: number;
  /** Bytes written (what the tree costs on disk, give or take the blocks). */
  bytes: number;
  /** Apparent size of all files (larger than `bytes` with sparse videos). */
  apparentBytes: number;
  /** Video files per brand (`project` code, '' = unknown). */
  perBrand: Record<string, number>;
  generateMs: number;
}

const POOL_BYTES = 1 << 16;
const TAIL_BYTES = 4096;
const NOW_MINUS_2_DAYS = Date.now() - 2 * 86_400_000;

/** Splits `total` by weights into integers that add up to it (largest remainder). */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]![1]]!++;
  return out;
}

/**
 * Writes a tree of exactly `videoCount` video files (plus housekeeping and
 * side-cars) under `root`, which must not exist yet.
 */
export function generateTree(
  root: string,
  videoCount: number,
  seed: number,
  opts: { sparse?: boolean } = {},
): GeneratedTree {
  const started = performance.now();
  const rng = prng(seed * 1_000_003 + videoCount);
  const pool = Buffer.allocUnsafe(POOL_BYTES);
  for (let i = 0; i < POOL_BYTES; i += 4) pool.writeUInt32LE(Math.floor(rng() * 4294967296), i);
  const tree: GeneratedTree = {
    root,
    videos: [],
    files: 0,
    ignoredFiles: 0,
    sidecars: 0,
    directories: 0,
    bytes: 0,
    apparentBytes: 0,
    perBrand: {},
    generateMs: 0,
  };
  const dirs = new Set<string>();
  const synologyDirs = new Set<string>();
  const used = new Set<string>();
  let fileNo = 0;

  const bytesOf = (size: number, label: string): Buffer => {
    const buf = Buffer.allocUnsafe(size);
    const header = Buffer.from(`pokervod-bench seed=${seed} file=${fileNo++} ${label}\n`);
    const h = header.copy(buf, 0, 0, Math.min(header.length, size));
    if (size > h) {
      const off = Math.floor(rng() * (POOL_BYTES - (size - h)));
      pool.copy(buf, h, off, off + size - h);
    }
    return buf;
  };
  /** `size` bytes; with `apparent`, a sparse file of that size: `size` bytes at the start, 4 kB at the end, a hole between. */
  const write = (rel: string, size: number, mtimeMs: number, apparent = size): void => {
    const fd = openSync(path.join(root, rel), 'wx');
    try {
      writeSync(fd, bytesOf(size, rel));
      if (apparent > size + TAIL_BYTES) {
        ftruncateSync(fd, apparent);
        writeSync(fd, bytesOf(TAIL_BYTES, `${rel} tail`), 0, TAIL_BYTES, apparent - TAIL_BYTES);
        tree.bytes += TAIL_BYTES;
      }
      futimesSync(fd, mtimeMs / 1000, mtimeMs / 1000);
    } finally {
      closeSync(fd);
    }
    tree.files++;
    tree.bytes += size;
    tree.apparentBytes += Math.max(apparent, size);
  };
  const small = (rel: string, mtimeMs: number): void => write(rel, int(rng, 0, 512), mtimeMs);

  const ensureDir = (dir: string, mtimeMs: number): void => {
    if (dirs.has(dir)) return;
    const parent = path.posix.dirname(dir);
    if (parent !== '.') ensureDir(parent, mtimeMs);
    mkdirSync(path.join(root, dir));
    dirs.add(dir);
    tree.directories++;
    // Housekeeping a NAS and its clients leave in folders.
    if (rng() < 0.3) {
      small(`${dir}/.DS_Store`, mtimeMs);
      tree.ignoredFiles++;
    }
    if (rng() < 0.06) {
      small(`${dir}/Thumbs.db`, mtimeMs);
      tree.ignoredFiles++;
    }
    if (rng() < 0.12) {
      synologyDirs.add(dir);
      mkdirSync(path.join(root, dir, '@eaDir'));
      tree.directories++;
    }
    if (rng() < 0.08) {
      small(`${dir}/folder.jpg`, mtimeMs);
      tree.sidecars++;
    }
  };

  const addVideo = (brand: string, dir: string, name: string, mtimeMs: number): void => {
    let rel = `${dir}/${name}`;
    for (let k = 2; used.has(rel.toLowerCase()); k++) rel = `${dir}/${name.replace(/(\.[^.]+)$/, ` (${k})$1`)}`;
    used.add(rel.toLowerCase());
    ensureDir(dir, mtimeMs);
    // Sparse: 0.5–8 GB like real recordings, so the content hash reads both full windows.
    const apparent = opts.sparse ? int(rng, 512, 8192) * 1024 * 1024 : 0;
    write(rel, int(rng, 1024, 4096), mtimeMs, apparent);
    tree.videos.push(rel);
    tree.perBrand[brand] = (tree.perBrand[brand] ?? 0) + 1;
    const stem = path.posix.basename(rel);
    if (synologyDirs.has(dir) && rng() < 0.5) {
      mkdirSync(path.join(root, dir, '@eaDir', stem));
      tree.directories++;
      small(`${dir}/@eaDir/${stem}/SYNOFILE_THUMB_M.jpg`, mtimeMs);
      small(`${dir}/@eaDir/${stem}@SynoEAStream`, mtimeMs);
      tree.ignoredFiles += 2;
    }
    if (rng() < 0.03) {
      small(`${dir}/._${stem}`, mtimeMs);
      tree.ignoredFiles++;
    }
    if (rng() < 0.04) {
      small(`${dir}/${stem.replace(/\.[^.]+$/, '')}.srt`, mtimeMs);
      tree.sidecars++;
    }
  };

  mkdirSync(root);
  const brands = [...BRANDS, MISC];
  const quotas = apportion(
    videoCount,
    brands.map((b) => b.weight),
  );
  brands.forEach((brand, b) => {
    const quota = quotas[b]!;
    if (quota === 0) return;
    // Shape: ~450 files a year (back to the brand's first year at most); events × days × parts fill a year.
    const years = Math.min(2025 - brand.since + 1, Math.max(1, Math.round(quota / 450)));
    const perYear = Math.ceil(quota / years);
    const avgDays = (brand.days[0] + brand.days[1]) / 2;
    const events = Math.max(1, Math.round(Math.sqrt(perYear / avgDays)));
    const parts = Math.max(1, Math.round(perYear / (events * avgDays)));
    let made = 0;
    for (let y = 0; made < quota; y++) {
      const year = 2025 - years + 1 + (y % years);
      let seq = 0;
      let inYear = 0;
      for (let n = 1; inYear < perYear && made < quota; n++) {
        const ev = brand.event(rng, year, n);
        const days = int(rng, brand.days[0], brand.days[1]);
        const labels = dayLabels(days, rng() < 0.5);
        for (let d = 0; d < days && inYear < perYear && made < quota; d++, seq++) {
          const p = Math.max(1, parts + int(rng, -1, 1));
          const when = Math.min(
            NOW_MINUS_2_DAYS,
            Date.UTC(year, int(rng, 0, 11), int(rng, 1, 28), int(rng, 0, 23), int(rng, 0, 59), int(rng, 0, 59)),
          );
          for (let part = 1; part <= p && inYear < perYear && made < quota; part++, inYear++, made++) {
            const { dir, name } = brand.file({ ev, dayIndex: d, days, day: labels[d]!, part, seq });
            addVideo(brand.code, dir, name, when + part * 3_600_000);
          }
        }
      }
    }
  });
  // A recycle bin with videos in it: a scan must not see them.
  const old = Date.UTC(2020, 5, 1);
  mkdirSync(path.join(root, '#recycle/WSOP/2019'), { recursive: true });
  tree.directories += 3;
  for (let i = 1; i <= 5; i++) {
    write(`#recycle/WSOP/2019/WSOP_2019_Main_Event_Day1A_Part${i}.mp4`, int(rng, 1024, 4096), old);
    tree.ignoredFiles++;
  }
  tree.generateMs = performance.now() - started;
  return tree;
}

export interface ChurnResult {
  /** Renamed in place or moved to another folder: same inode, size and mtime. */
  moved: number;
  /** Modification time changed, content not. */
  touched: number;
  /** Modification time changed and 16 bytes appended. */
  grown: number;
}

/**
 * Moves `pct` % of the videos (half renamed in place, half moved into another
 * video's folder) and touches another `pct` % (a new modification time, one
 * hour later; every other one of those also grows by 16 bytes). Updates
 * `tree.videos`. Modification times stay in the past, so every file stays
 * stable (NAS_STABLE_SECONDS).
 */
export function churn(tree: GeneratedTree, pct: number, seed: number): ChurnResult {
  const rng = prng(seed * 7_919 + tree.videos.length);
  const n = tree.videos.length;
  const k = Math.min(Math.floor(n / 2), Math.round((n * pct) / 100));
  // Partial Fisher–Yates: 2k distinct indices.
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < 2 * k; i++) {
    const j = i + Math.floor(rng() * (n - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const result: ChurnResult = { moved: 0, touched: 0, grown: 0 };
  const exists = new Set(tree.videos.map((v) => v.toLowerCase()));
  for (let i = 0; i < k; i++) {
    const idx = order[i]!;
    const from = tree.videos[idx]!;
    const dir = path.posix.dirname(from);
    const name = path.posix.basename(from);
    let to =
      i % 2 === 0
        ? `${dir}/${name.replace(/(\.[^.]+)$/, '_renamed$1')}`
        : `${path.posix.dirname(tree.videos[order[k + ((i * 7) % k)]!]!)}/${name}`;
    while (exists.has(to.toLowerCase())) to = to.replace(/(\.[^.]+)$/, '_moved$1');
    renameSync(path.join(tree.root, from), path.join(tree.root, to));
    exists.delete(from.toLowerCase());
    exists.add(to.toLowerCase());
    tree.videos[idx] = to;
    result.moved++;
  }
  for (let i = k; i < 2 * k; i++) {
    const abs = path.join(tree.root, tree.videos[order[i]!]!);
    const st = statSync(abs);
    const mtime = (st.mtimeMs + 3_600_000) / 1000;
    if (i % 2 === 1) {
      const fd = openSync(abs, 'a');
      try {
        writeSync(fd, Buffer.from('appended-16bytes'));
      } finally {
        closeSync(fd);
      }
      result.grown++;
    } else result.touched++;
    utimesSync(abs, st.atimeMs / 1000, mtime);
  }
  return result;
}
