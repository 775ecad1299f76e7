/**
 * Makes sure dist/apps/orchestrator/main.js is the build of the current
 * sources: reuses it when it is newer than every file the orchestrator's
 * bundle is made of, otherwise runs `npx nx build orchestrator`.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { onCleanup, progress } from '../bus/util';

export const REPO = resolve(__dirname, '..', '..');
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

/** `@pokervod/*` path aliases → entry files, from tsconfig.base.json. */
function aliases(): Map<string, string> {
  const base = JSON.parse(readFileSync(join(REPO, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions?: { paths?: Record<string, string[]> };
  };
  const paths = base.compilerOptions?.paths ?? {};
  return new Map(Object.entries(paths).map(([name, [target]]) => [name, join(REPO, target)]));
}

function resolveFile(candidate: string): string | null {
  for (const f of [candidate, `${candidate}.ts`, `${candidate}.js`, join(candidate, 'index.ts')]) {
    if (existsSync(f) && statSync(f).isFile()) return f;
  }
  return null;
}

/**
 * The workspace files reachable from apps/orchestrator/src/main.ts and its
 * webpack.config.js through relative imports/requires and `@pokervod/*`
 * aliases (a textual scan: good enough to tell whether a rebuild is due;
 * spec files are never reached).
 */
export function orchestratorSources(): string[] {
  const alias = aliases();
  const seen = new Set<string>();
  const stack = [
    join(REPO, 'apps', 'orchestrator', 'src', 'main.ts'),
    join(REPO, 'apps', 'orchestrator', 'webpack.config.js'),
  ];
  const specifier = /\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]/g;
  for (let file = stack.pop(); file; file = stack.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.[jt]s$/.test(file)) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(specifier)) {
      const spec = m[1] ?? m[2] ?? m[3];
      let target: string | null = null;
      if (spec.startsWith('.')) target = resolveFile(resolve(dirname(file), spec));
      else if (alias.has(spec)) target = resolveFile(alias.get(spec)!);
      if (target && !seen.has(target)) stack.push(target);
    }
  }
  for (const f of BUILD_CONFIG) if (existsSync(join(REPO, f))) seen.add(join(REPO, f));
  return [...seen];
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
  await run('npx', ['nx', 'build', 'orchestrator']);
  return {
    action: 'built',
    reason,
    sources: sources.length,
    builtAt: new Date(statSync(ORCHESTRATOR_MAIN).mtimeMs).toISOString(),
    buildSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
}

/** Runs a command in its own process group, output to our stderr (stdout stays clean for --json). */
function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, {
      cwd: REPO,
      stdio: ['ignore', 2, 2],
      detached: true,
      // No Nx daemon left behind by a benchmark; no cloud look-ups.
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    });
    const stop = onCleanup(`stop the build (pid ${child.pid})`, async () => {
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      void stop();
      if (code === 0) resolvePromise();
      else reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`));
    });
  });
}
