/**
 * Makes sure dist/apps/orchestrator/main.js is the build of the current
 * sources: reuses it when it is newer than every file the orchestrator's
 * bundle is made of, otherwise runs `npx nx build orchestrator`.
 */
import { existsSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO, importGraph } from '../shared/compile';
import { runCommand } from '../shared/proc';
import { progress } from '../shared/util';

export const ORCHESTRATOR_MAIN = join(REPO, 'dist', 'apps', 'orchestrator', 'main.js');

/** What happened to the build, for the output. */
export interface BuildInfo {
  action: 'reused' | 'built';
  reason: string;
  /** Files the bundle is made of (the import graph from main.ts, plus build configuration). */
  sources: number;
  builtAt: string;
  buildSeconds: number | null;
}

/** Configuration that changes the bundle without being imported (webpack.config.js is scanned like a source). */
const BUILD_CONFIG = [
  'apps/orchestrator/tsconfig.app.json',
  'apps/orchestrator/tsconfig.json',
  'apps/orchestrator/project.json',
  'tsconfig.base.json',
];

/**
 * The workspace files reachable from apps/orchestrator/src/main.ts and its
 * webpack.config.js (good enough to tell whether a rebuild is due; spec files
 * are never reached), plus the build configuration.
 */
export function orchestratorSources(): string[] {
  const sources = importGraph([
    join(REPO, 'apps', 'orchestrator', 'src', 'main.ts'),
    join(REPO, 'apps', 'orchestrator', 'webpack.config.js'),
  ]);
  return [...sources, ...BUILD_CONFIG.map((f) => join(REPO, f)).filter(existsSync)];
}

/** Reuses or (re)builds the orchestrator bundle. */
export async function ensureBuilt(mode: 'auto' | 'always' | 'never'): Promise<BuildInfo> {
  const sources = orchestratorSources();
  let reason: string;
  if (!existsSync(ORCHESTRATOR_MAIN)) {
    if (mode === 'never') throw new Error(`${relative(REPO, ORCHESTRATOR_MAIN)} is missing and --no-build was given`);
    reason = `${relative(REPO, ORCHESTRATOR_MAIN)} is missing`;
  } else {
    const builtAt = statSync(ORCHESTRATOR_MAIN).mtimeMs;
    const newer = sources.filter((f) => statSync(f).mtimeMs > builtAt);
    if (mode === 'always') reason = '--rebuild';
    else if (newer.length === 0 || mode === 'never') {
      return {
        action: 'reused',
        reason:
          newer.length === 0
            ? `newer than its ${sources.length} source files`
            : `--no-build, although ${newer.length} source file(s) changed since (e.g. ${relative(REPO, newer[0])})`,
        sources: sources.length,
        builtAt: new Date(builtAt).toISOString(),
        buildSeconds: null,
      };
    } else {
      reason = `${newer.length} source file(s) changed since the last build (e.g. ${relative(REPO, newer[0])})`;
    }
  }
  progress(`building the orchestrator (${reason}): npx nx build orchestrator`);
  const started = performance.now();
  await runCommand('npx', ['nx', 'build', 'orchestrator']);
  return {
    action: 'built',
    reason,
    sources: sources.length,
    builtAt: new Date(statSync(ORCHESTRATOR_MAIN).mtimeMs).toISOString(),
    buildSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
}
