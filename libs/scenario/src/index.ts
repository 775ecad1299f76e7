export { Rng } from './prng';
export { RATES, RATE_NAMES, CONTAINERS, rateText } from './media';
export type { Container, RateName } from './media';
export { TAG_WORDS, REQUIRED_KOREAN_TAGS, joinTags, tagCell } from './tags';
export { LINK_FORMS, folderLink, foreignLink, pathPrefixes } from './links';
export type { LinkForm } from './links';
export { TIMECODE_FORMS, clipTimes, formsFor, frameAt, sheetEdgeAccepts } from './timecodes';
export { planNas } from './nas-plan';
export type { NasPlan, PlannedHousekeeping, PlannedVideo } from './nas-plan';
export { BAD_ROW_MIX, HEADER, HEADER_ROW, planSheet } from './sheet-plan';
export type { SheetPlan } from './sheet-plan';
export { DEFAULT_SEED, LARGE, REALISTIC, ROOT_NAME, TAB_NAME, planScenario } from './plan';
export type { ScenarioOptions, ScenarioPlan } from './plan';
export {
  countOutcomes,
  invalidReasonKind,
  isStored,
  reasonKinds,
  sheetInvalidKind,
  unmatchedReasonKind,
} from './expected';
export type * from './expected';
export { toCsv } from './csv';
export { cachedScenario, diskPath, generateScenario, listNas, loadScenario, trailer } from './generate';
export type { GenerateOptions, Scenario } from './generate';
export { compareSnapshots, compareWithExpected, outcomeSnapshot } from './compare';
export type { Observed, ObservedClip, ObservedRow, ObservedSheet } from './compare';
