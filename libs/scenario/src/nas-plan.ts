import { CONTAINERS, Container, RATE_NAMES, RateName } from './media';
import { Rng } from './prng';

export type TestPattern = 'testsrc' | 'smptebars' | 'testsrc2' | 'rgbtestsrc';

export type VideoSource =
  | {
      kind: 'render';
      pattern: TestPattern;
      /** Hz of the sine tone: a different tone per video keeps the bytes apart. */
      tone: number;
      /** A QuickTime timecode track (`00:00:00;00`), as 29.97 broadcast masters carry. */
      timecode?: string;
    }
  | {
      kind: 'copy';
      /** Root-relative path of the rendered video whose bytes are copied (plus a unique trailer). */
      of: string;
    };

export interface PlannedVideo {
  /** Root-relative POSIX path, NFC: what expected.json and the sheet name. */
  path: string;
  /** Folder segments (NFC) and the file name (NFC). */
  folder: string[];
  name: string;
  /** Written to disk in NFD (Korean names as macOS clients store them). */
  nfd: boolean;
  brand: string;
  rate: RateName;
  container: Container;
  durationS: number;
  source: VideoSource;
}

export type HousekeepingKind =
  'ds_store' | 'thumbs_db' | 'apple_double' | 'ea_dir' | 'partial_download' | 'recycle_bin';

export interface PlannedHousekeeping {
  /** Root-relative path (NFC). */
  path: string;
  kind: HousekeepingKind;
  /** recycle_bin: the video whose bytes it holds. */
  copyOf?: string;
}

export interface NasPlan {
  videos: PlannedVideo[];
  housekeeping: PlannedHousekeeping[];
}

export interface NasPlanOptions {
  files: number;
  /** At most this many videos are rendered by ffmpeg; the rest are byte-distinct copies of rendered ones. */
  renders: number;
  /** Videos of a minute or more (drop-frame labels only differ from non-drop after the first minute). */
  longVideos: number;
}

const EXTENSION: Record<Container, string> = { mp4: 'mp4', mov: 'mov', mkv: 'mkv', mxf: 'mxf' };

interface EventFiles {
  brand: string;
  korean: boolean;
  /** Folder segments and file stem of each file of the event. */
  files: { folder: string[]; stem: string }[];
  /** Poker After Dark masters carry a drop-frame timecode track. */
  timecodeTrack?: boolean;
  /** Preferred containers/rates of the brand; the combo cycle overrides some to cover every pair. */
  containers: readonly Container[];
  rates: readonly RateName[];
}

type Brand = (k: number, rng: Rng) => EventFiles;

const WSOP_EVENTS = [
  'Event #43 - $50K Poker Players Championship',
  'Event #76 - $10,000 Main Event',
  'Event #12 - $1,500 Millionaire Maker',
  'Event #88 - $250K Super High Roller',
  'Event #5 - $100K High Roller',
];
const WSOP_DAYS = ['Day 1', 'Day 2', 'Day 3', 'Day 1A', 'Day 1B', 'Final Table'];
const EPT_STOPS = ['Barcelona', 'Prague', 'Monte Carlo', 'Paris', 'London'];
const TRITON_STOPS = ['Montenegro', 'Cyprus', 'London', 'Jeju', 'Monte Carlo'];
const TRITON_GAMES = ['NLH', 'PLO', 'Short Deck', 'NLH Main Event'];
const WPT_VENUES = [
  'Seminole Hard Rock',
  'Lucky Hearts Open',
  'Borgata',
  'Bellagio Five Diamond',
  'L.A. Poker Classic',
];

function parts(rng: Rng, max: number): number[] {
  const n = rng.int(1, max);
  return Array.from({ length: n }, (_, i) => i + 1);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** A date in a year, as `YYYY-MM-DD`. */
function dateIn(year: number, rng: Rng): string {
  return `${year}-${pad2(rng.int(1, 12))}-${pad2(rng.int(1, 28))}`;
}

/**
 * Brands and how their crews file videos: year and event folders, `Day N` /
 * `Part N` names shared across folders, `$` and `#` in folder names, Korean
 * folders and names. Each call makes the k-th event of that brand.
 */
const BRANDS: readonly Brand[] = [
  (k, rng) => {
    const event = WSOP_EVENTS[k % WSOP_EVENTS.length];
    const year = 2019 + Math.floor(k / WSOP_EVENTS.length);
    const days = rng.shuffle(WSOP_DAYS).slice(0, rng.int(1, 3));
    return {
      brand: 'WSOP',
      korean: false,
      files: days.flatMap((day) =>
        parts(rng, 3).map((p) => ({ folder: ['WSOP', `${year}`, event, day], stem: `Part ${p}` })),
      ),
      containers: ['mp4', 'mp4', 'mov'],
      rates: ['59.94', '29.97'],
    };
  },
  (k, rng) => {
    const year = 2019 + k;
    return {
      brand: 'WSOP',
      korean: true,
      files: parts(rng, 2).flatMap((d) =>
        parts(rng, 2).map((p) => ({
          folder: ['WSOP', `${year}`, '메인 이벤트 (한국어 중계)'],
          stem: `WSOP ${year} 메인이벤트 ${d}일차 파트${p}`,
        })),
      ),
      containers: ['mp4'],
      rates: ['29.97', '59.94'],
    };
  },
  (k, rng) => {
    const season = 18 + Math.floor(k / 2);
    const first = (k % 2) * 8 + 1;
    return {
      brand: 'WPT',
      korean: false,
      files: parts(rng, 3).map((i) => ({
        folder: ['WPT', `Season ${season}`],
        stem: `WPT S${season}E${pad2(first + i)} - ${WPT_VENUES[(k + i) % WPT_VENUES.length]} Final Table`,
      })),
      containers: ['mxf', 'mp4'],
      rates: ['29.97'],
    };
  },
  (k, rng) => {
    const stop = EPT_STOPS[k % EPT_STOPS.length];
    const year = 2018 + Math.floor(k / EPT_STOPS.length);
    const days = rng.shuffle([2, 3, 4, 5, 6]).slice(0, rng.int(1, 2));
    return {
      brand: 'EPT',
      korean: false,
      files: days.flatMap((d) =>
        parts(rng, 2).map((p) => ({ folder: ['EPT', `${year} ${stop}`, 'Main Event', `Day ${d}`], stem: `Part ${p}` })),
      ),
      containers: ['mov', 'mp4'],
      rates: ['25'],
    };
  },
  (k, rng) => {
    const stop = TRITON_STOPS[k % TRITON_STOPS.length];
    const year = 2019 + Math.floor(k / TRITON_STOPS.length);
    const n = 1 + ((k * 7) % 17);
    const buyIn = [50, 100, 150, 200][k % 4];
    const game = TRITON_GAMES[k % TRITON_GAMES.length];
    return {
      brand: 'Triton',
      korean: false,
      files: parts(rng, 3).map((d) => ({
        folder: ['Triton', `${year} ${stop}`, `Event #${n} - $${buyIn}K ${game}`],
        stem: `Day ${d}`,
      })),
      containers: ['mkv', 'mp4'],
      rates: ['25', '59.94'],
    };
  },
  (k, rng) => {
    const year = 2021 + Math.floor(k / 6);
    const date = dateIn(year, rng);
    return {
      brand: 'Hustler Casino Live',
      korean: false,
      files: parts(rng, 3).map((p) => ({
        folder: ['Hustler Casino Live', `${year}`, `HCL ${date} $25-$50-$100 #${k + 1}`],
        stem: `Part ${p}`,
      })),
      containers: ['mp4', 'mkv'],
      rates: ['29.97', '59.94'],
    };
  },
  (k, rng) => {
    const season = 1 + k;
    return {
      brand: 'High Stakes Poker',
      korean: false,
      files: parts(rng, 3).map((e) => ({
        folder: ['High Stakes Poker', `Season ${season}`],
        stem: `HSP S${pad2(season)}E${pad2(e + (k % 3) * 3)}`,
      })),
      containers: ['mp4', 'mov'],
      rates: ['29.97'],
    };
  },
  (k, rng) => {
    const year = 2019 + Math.floor(k / 2);
    const city = k % 2 === 0 ? '인천' : '마닐라';
    return {
      brand: 'APT',
      korean: true,
      files: parts(rng, 2).flatMap((d) =>
        parts(rng, 2).map((p) => ({
          folder: ['APT', `${year} ${city}`, '메인 이벤트', `${d}일차`],
          stem: `파트 ${p}`,
        })),
      ),
      containers: ['mp4', 'mxf'],
      rates: ['25'],
    };
  },
  (k, rng) => {
    const year = 2020 + Math.floor(k / 4);
    return {
      brand: 'GGMillion$',
      korean: false,
      files: parts(rng, 2).map(() => ({
        folder: ['GGMillion$', `${year}`],
        stem: `GGMillion$ ${dateIn(year, rng)} Final Table`,
      })),
      containers: ['mp4'],
      rates: ['29.97'],
    };
  },
  (k, rng) => {
    const season = 4 + k;
    return {
      brand: 'Poker After Dark',
      korean: false,
      timecodeTrack: true,
      files: parts(rng, 2).flatMap((e) =>
        parts(rng, 2).map((p) => ({
          folder: ['Poker After Dark', `Season ${season}`],
          stem: `PAD S${season} E${pad2(e)} Part ${p}`,
        })),
      ),
      containers: ['mov'],
      rates: ['29.97', '59.94'],
    };
  },
];

const PATTERNS: readonly TestPattern[] = ['testsrc', 'smptebars', 'testsrc2', 'rgbtestsrc'];

/**
 * The NAS: brand events round-robin until `files` videos exist. Each event
 * has one rate and container; the first events cycle through every
 * (rate, container) pair so each pair is on the NAS. The first `renders`
 * videos (and the first of each pair) are rendered, the rest copy a rendered
 * video of the same pair.
 */
export function planNas(rng: Rng, options: NasPlanOptions): NasPlan {
  const combos = rng.shuffle(RATE_NAMES.flatMap((rate) => CONTAINERS.map((container) => ({ rate, container }))));
  const videos: PlannedVideo[] = [];
  const seen = new Set<string>();
  const brandCounters = BRANDS.map(() => 0);
  const rendered = new Map<string, PlannedVideo[]>();
  let longLeft = options.longVideos;
  const longPairs = new Set<string>();
  let eventIndex = 0;

  while (videos.length < options.files) {
    const b = eventIndex % BRANDS.length;
    const event = BRANDS[b](brandCounters[b]++, rng);
    const forced = eventIndex < combos.length * 2 && eventIndex % 2 === 0 ? combos[eventIndex / 2] : undefined;
    const rate = forced?.rate ?? rng.pick(event.rates);
    const container = forced?.container ?? rng.pick(event.containers);
    eventIndex++;
    for (const file of event.files) {
      if (videos.length >= options.files) break;
      const name = `${file.stem}.${EXTENSION[container]}`;
      const path = [...file.folder, name].join('/');
      if (seen.has(path)) continue;
      seen.add(path);
      const pair = `${rate}/${container}`;
      const masters = rendered.get(pair) ?? [];
      const render = videos.length < options.renders || masters.length === 0;
      // Long videos (for labels past the first minute) on distinct drop-frame-capable pairs.
      const long = render && longLeft > 0 && rate !== '25' && container !== 'mxf' && !longPairs.has(pair);
      if (long) {
        longLeft--;
        longPairs.add(pair);
      }
      const video: PlannedVideo = {
        path,
        folder: file.folder,
        name,
        nfd: event.korean,
        brand: event.brand,
        rate,
        container,
        durationS: long ? rng.int(62, 75) : rng.int(1, 3),
        source: render
          ? {
              kind: 'render',
              pattern: rng.pick(PATTERNS),
              tone: 200 + ((videos.length * 37) % 1800),
              ...(event.timecodeTrack && container === 'mov' && rate !== '25' ? { timecode: '00:00:00;00' } : {}),
            }
          : { kind: 'copy', of: '' },
      };
      if (!render) {
        const master = rng.pick(
          masters.filter((m) => m.durationS < 60).length ? masters.filter((m) => m.durationS < 60) : masters,
        );
        video.source = { kind: 'copy', of: master.path };
        video.durationS = master.durationS;
      } else {
        rendered.set(pair, [...masters, video]);
      }
      videos.push(video);
    }
  }
  return { videos, housekeeping: planHousekeeping(rng, videos) };
}

/** The junk a Synology share used from Macs and Windows collects; a scan must skip every one. */
function planHousekeeping(rng: Rng, videos: readonly PlannedVideo[]): PlannedHousekeeping[] {
  const out: PlannedHousekeeping[] = [{ path: '.DS_Store', kind: 'ds_store' }];
  const folders = [...new Set(videos.map((v) => v.folder.join('/')))];
  const brands = [...new Set(videos.map((v) => v.folder[0]))];
  for (const brand of brands) out.push({ path: `${brand}/.DS_Store`, kind: 'ds_store' });
  for (const folder of rng.shuffle(folders).slice(0, 3)) out.push({ path: `${folder}/Thumbs.db`, kind: 'thumbs_db' });
  const sample = rng.shuffle(videos).slice(0, 4);
  for (const v of sample.slice(0, 2)) out.push({ path: `${v.folder.join('/')}/._${v.name}`, kind: 'apple_double' });
  for (const v of sample.slice(1, 3)) {
    out.push({ path: `${v.folder.join('/')}/@eaDir/${v.name}/SYNOVIDEO_VIDEO_SCREENSHOT.jpg`, kind: 'ea_dir' });
  }
  const partial = sample[3];
  out.push({
    path: `${partial.folder.join('/')}/${partial.name.replace(/\.[^.]+$/, '')} (2).mp4.part`,
    kind: 'partial_download',
  });
  return out;
}

/** A recycle-bin copy of a video under a name no live file has (a trap for the unmatched rows). */
export function recycledVideo(name: string, of: PlannedVideo): PlannedHousekeeping {
  return { path: `#recycle/${name}`, kind: 'recycle_bin', copyOf: of.path };
}
