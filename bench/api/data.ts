/**
 * Generates a read model straight into the `search` tables with the API's
 * own writers (the same rows events and snapshots make): a catalog tree,
 * N files placed in its episodes (a few unsorted), N clips with players in
 * English and Korean, tags and descriptions, then every search document.
 */
import type { EntityManager } from 'typeorm';
import type { Client } from 'pg';
import type { CatalogTreeSnapshot, ClipSnapshot, FilePlacement } from '@pokervod/contracts';
import { DocumentsRepository } from '../../apps/api/src/read-model/documents.repository';
import { FileFact, ProjectionRepository } from '../../apps/api/src/read-model/projection.repository';
import { LIVE } from '../../apps/api/src/read-model/tables';
import { Random } from '../shared/random';

const PROJECTS = ['WSOP', 'WPT', 'EPT', 'APT', 'TRITON', 'HCL', 'PAD', 'HSP', 'SHRB', 'PGT', 'GGM', 'WSOPE'];
const YEARS = [2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023];
const EVENTS = [
  'Main Event',
  'High Roller',
  'Super High Roller',
  'Mystery Bounty',
  'Heads Up Championship',
  'PLO Championship',
];
export const PLAYERS = [
  'Phil Ivey',
  'Tom Dwan',
  'Daniel Negreanu',
  'Phil Hellmuth',
  'Doug Polk',
  'Fedor Holz',
  'Justin Bonomo',
  'Stephen Chidwick',
  'Jason Koon',
  'Bryn Kenney',
  'Erik Seidel',
  'Patrik Antonius',
  'Garrett Adelstein',
  'Andrew Robl',
  'Nick Schulman',
  'Vanessa Selbst',
  'Maria Ho',
  'Liv Boeree',
  'Isaac Haxton',
  'Dan Smith',
  '필 아이비',
  '톰 드완',
  '대니얼 네그라누',
  '필 헬뮤스',
  '더그 폴크',
  '페도르 홀츠',
  '저스틴 보노모',
  '제이슨 쿤',
  '브린 케니',
  '에릭 자이델',
  '김민수',
  '이정호',
  '박지성',
  '최현우',
  '정다은',
];
export const TAGS = [
  'bluff',
  'hero-call',
  'all-in',
  'river',
  'turn',
  'flop',
  'preflop',
  'cooler',
  'bad-beat',
  'slowroll',
  'value-bet',
  'check-raise',
  '3bet',
  '4bet',
  'AA',
  'KK',
  'AKs',
  'QQ',
  'set',
  'straight',
];
const ACTIONS = [
  'bluffs the river',
  'hero calls',
  'shoves all in',
  'check-raises the turn',
  'slowrolls the nuts',
  'folds aces',
  'runs a huge bluff',
  '리버에서 블러프',
  '올인 콜',
  '체크 레이즈',
  '히어로 콜',
  '쿨러 핸드',
];

/** A deterministic uuid-shaped id. */
export function id(kind: number, i: number): string {
  const hex = (kind * 1_000_000_000 + i).toString(16).padStart(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export interface Generated {
  episodes: number;
  files: number;
  clips: number;
  documents: number;
  seconds: number;
  /** Real sample videos in the read model (streamable), by id. */
  samples: string[];
}

/** An EntityManager the API's repositories can write through: one pg client. */
function manager(client: Client): EntityManager {
  return {
    query: async (sql: string, params?: unknown[]) => (await client.query(sql, params)).rows,
  } as unknown as EntityManager;
}

export async function generate(
  client: Client,
  counts: { files: number; clips: number },
  samples: { id: string; path: string; size: number }[],
  progress: (m: string) => void,
): Promise<Generated> {
  const started = performance.now();
  const m = manager(client);
  const projection = new ProjectionRepository();
  const random = Random.xorshift32(42);
  const now = new Date().toISOString();

  const tree: CatalogTreeSnapshot = { projects: [], seasons: [], events: [], episodes: [], as_of: now };
  for (const [p, code] of PROJECTS.entries()) {
    tree.projects.push({ id: id(1, p), code, name: `${code} Poker Series`, aliases: [] });
    for (const year of YEARS) {
      const season = { id: id(2, tree.seasons.length), project_code: code, year, number: null };
      tree.seasons.push(season);
      for (const [e, name] of EVENTS.entries()) {
        const event = {
          id: id(3, tree.events.length),
          season_id: season.id,
          number: e + 1,
          name,
          buy_in: 10_000 * (e + 1),
          currency: 'USD',
          game: 'NLHE',
          location: null,
        };
        tree.events.push(event);
        for (let d = 1; d <= 8; d++)
          tree.episodes.push({
            id: id(4, tree.episodes.length),
            season_id: season.id,
            event_id: event.id,
            project_code: code,
            title: `${code} ${year} ${name} Day ${d}`,
            day: String(d),
            episode_number: null,
            air_date: null,
            final_table: d === 8,
            merged_into: null,
          });
      }
    }
  }
  await projection.replaceTree(m, LIVE, tree);
  progress(`tree: ${tree.projects.length} projects, ${tree.episodes.length} episodes`);

  const BATCH = 5000;
  for (let start = 0; start < counts.files; start += BATCH) {
    const facts: FileFact[] = [];
    const placements: FilePlacement[] = [];
    for (let i = start; i < Math.min(counts.files, start + BATCH); i++) {
      const episode = tree.episodes[i % tree.episodes.length];
      const sample = samples[i];
      const path =
        sample?.path ??
        `${episode.project_code}/${episode.title.replace(/ /g, '_')}_Part${1 + Math.floor(i / tree.episodes.length)}.mp4`;
      const fileId = sample?.id ?? id(5, i);
      facts.push({
        file: {
          id: fileId,
          root: 'nas',
          path,
          size: sample?.size ?? 1_000_000 + i,
          mtime: now,
          content_hash: null,
          parsed: null,
          media: { duration_s: 3600, frame_rate: '30000/1001', fps: 29.97, frame_rate_raw: null },
        },
        status: 'present',
        missing_since: null,
        version: now,
      });
      const unsorted = i % 50 === 49;
      placements.push({
        file_id: fileId,
        root: 'nas',
        path,
        episode_id: unsorted ? null : episode.id,
        project_code: unsorted ? null : episode.project_code,
        role: 'part',
        pinned: false,
        status: 'present',
      });
    }
    await projection.upsertFiles(m, LIVE, facts);
    await projection.upsertPlacements(m, LIVE, placements);
  }
  progress(`files: ${counts.files}`);

  for (let start = 0; start < counts.clips; start += BATCH) {
    const clips: ClipSnapshot[] = [];
    for (let i = start; i < Math.min(counts.clips, start + BATCH); i++) {
      const fileIndex = i % counts.files;
      const a = random.pick(PLAYERS);
      let b = random.pick(PLAYERS);
      if (b === a) b = PLAYERS[(PLAYERS.indexOf(a) + 1) % PLAYERS.length];
      const tags = [...new Set([random.pick(TAGS), random.pick(TAGS)])];
      const inFrame = random.below(100_000);
      clips.push({
        id: id(6, i),
        video_file_id: samples[fileIndex]?.id ?? id(5, fileIndex),
        episode_id: fileIndex % 50 === 49 ? null : tree.episodes[fileIndex % tree.episodes.length].id,
        source_sheet: 'file:bench.csv',
        source_row_key: `file:bench.csv:row-${i}`,
        hand_no: String(1 + (i % 300)),
        players: `${a} vs ${b}`,
        description: `${a.split(' ').pop()} ${random.pick(ACTIONS)} against ${b} with ${random.pick(TAGS)}`,
        in_text: '',
        out_text: '',
        in_frame: inFrame,
        out_frame: inFrame + 300 + random.below(3000),
        rate_num: 30000,
        rate_den: 1001,
        drop_frame: false,
        duration_s: 60,
        video_duration_s: 3600,
        status: i % 40 === 0 ? 'invalid' : 'valid',
        reasons: i % 40 === 0 ? ['out point is past the end of the video'] : [],
        tags: tags.map((name) => ({ name, category: null, sources: ['sheet'] })),
        created_at: now,
        updated_at: now,
      });
    }
    await projection.upsertClips(m, LIVE, clips);
  }
  progress(`clips: ${counts.clips}`);

  await client.query('BEGIN');
  const documents = await new DocumentsRepository().rebuildAll(m, LIVE);
  await client.query('COMMIT');
  await client.query('ANALYZE');
  progress(`documents: ${documents}`);
  return {
    episodes: tree.episodes.length,
    files: counts.files,
    clips: counts.clips,
    documents,
    seconds: (performance.now() - started) / 1000,
    samples: samples.map((s) => s.id),
  };
}
