export { NasConfigError, controlCharProblem, parseNasRoots, preview, slugify } from './nas-roots';
export type { NasRoot } from './nas-roots';
