import { ScenarioExpectation, countOutcomes } from './expected';
import { pathPrefixes } from './links';
import { rateText } from './media';
import { NasPlan, planNas } from './nas-plan';
import { Rng } from './prng';
import { HEADER_ROW, SheetPlan, planSheet } from './sheet-plan';

export const DEFAULT_SEED = 20_240_601;
export const ROOT_NAME = 'poker';
export const TAB_NAME = '핸드 로그';

export interface ScenarioOptions {
  seed?: number;
  /** Videos on the NAS (default 120, all rendered). */
  files?: number;
  /** Sheet data rows (default 140). */
  rows?: number;
  /** How many videos ffmpeg renders; the rest are byte-distinct copies (default: all when files ≤ 200, else 36). */
  renders?: number;
  /** Videos of a minute or more (default 4). */
  longVideos?: number;
}

/** The two sizes issue 10 asks for. */
export const REALISTIC: Required<Omit<ScenarioOptions, 'seed' | 'renders'>> = { files: 120, rows: 140, longVideos: 4 };
export const LARGE: Required<Omit<ScenarioOptions, 'seed' | 'renders'>> = { files: 1400, rows: 3000, longVideos: 4 };

export interface ScenarioPlan {
  options: Required<ScenarioOptions>;
  nas: NasPlan;
  sheet: SheetPlan;
  expected: ScenarioExpectation;
}

/** Everything a scenario is, decided from the seed alone (pure: no files, no clock, no Math.random). */
export function planScenario(options: ScenarioOptions = {}): ScenarioPlan {
  const files = options.files ?? REALISTIC.files;
  const resolved: Required<ScenarioOptions> = {
    seed: options.seed ?? DEFAULT_SEED,
    files,
    rows: options.rows ?? REALISTIC.rows,
    renders: options.renders ?? (files <= 200 ? files : 36),
    longVideos: options.longVideos ?? REALISTIC.longVideos,
  };
  const rng = new Rng(resolved.seed);
  const nas = planNas(rng.fork('nas'), {
    files: resolved.files,
    renders: resolved.renders,
    longVideos: resolved.longVideos,
  });
  const sheet = planSheet(rng.fork('sheet'), nas.videos, { rows: resolved.rows, root: ROOT_NAME });
  nas.housekeeping.push(...sheet.housekeeping);
  const expected: ScenarioExpectation = {
    version: 1,
    seed: resolved.seed,
    root: ROOT_NAME,
    nas_path_prefixes: pathPrefixes(ROOT_NAME),
    tab: TAB_NAME,
    header_row: HEADER_ROW,
    google_spreadsheet_id: `scenario-${resolved.seed}-${resolved.files}x${resolved.rows}`,
    videos: nas.videos.map((v) => ({
      path: v.path,
      rate: rateText(v.rate),
      duration_s: v.durationS,
      container: v.container,
      made_by: v.source.kind,
    })),
    housekeeping: nas.housekeeping.map((h) => h.path),
    rows: sheet.expected,
    counts: countOutcomes(sheet.expected),
  };
  return { options: resolved, nas, sheet, expected };
}
