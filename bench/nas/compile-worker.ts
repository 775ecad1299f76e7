/**
 * Compiles scan-worker.ts and every workspace file it imports to plain
 * CommonJS in a temp dir, with the same compiler and options
 * `@swc-node/register` uses (`bench/tsconfig.json`, aliases rewritten to
 * relative paths), so the worker runs on bare `node` like the built app.
 *
 * Why: `-r @swc-node/register` loads the TypeScript compiler (to read the
 * tsconfig) and swc's native binding into the process, about 60 MB of RSS
 * that block A's built app does not carry. The scan's memory aim is about
 * the scanning process, so the compiler must not be in it.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

export const REPO = resolve(__dirname, '..', '..');

interface SwcNodeRegister {
  compile(source: string, filename: string, options: Record<string, unknown>): string;
}
interface SwcNodeTsconfig {
  readDefaultTsConfig(path?: string): Record<string, unknown>;
}

/** `@pokervod/*` path aliases → entry files, from tsconfig.base.json. */
function aliases(): Map<string, string> {
  const base = JSON.parse(readFileSync(join(REPO, 'tsconfig.base.json'), 'utf8')) as {
    compilerOptions?: { paths?: Record<string, string[]> };
  };
  return new Map(
    Object.entries(base.compilerOptions?.paths ?? {}).map(([name, [target]]) => [name, join(REPO, target!)]),
  );
}

function resolveFile(candidate: string): string | null {
  for (const f of [candidate, `${candidate}.ts`, `${candidate}.js`, join(candidate, 'index.ts')]) {
    if (existsSync(f) && statSync(f).isFile()) return f;
  }
  return null;
}

/** Workspace files reachable from `entry` through relative imports and `@pokervod/*` aliases (textual scan). */
export function importGraph(entry: string): string[] {
  const alias = aliases();
  const seen = new Set<string>();
  const stack = [entry];
  const specifier = /\bfrom\s*['"]([^'"]+)['"]|\bimport\s*\(?\s*['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]/g;
  for (let file = stack.pop(); file; file = stack.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    if (!/\.[jt]s$/.test(file)) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(specifier)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? '';
      let target: string | null = null;
      if (spec.startsWith('.')) target = resolveFile(resolve(dirname(file), spec));
      else if (alias.has(spec)) target = resolveFile(alias.get(spec)!);
      if (target && !seen.has(target)) stack.push(target);
    }
  }
  return [...seen];
}

/**
 * Writes the compiled worker under `outDir` (the repository layout mirrored,
 * `.ts` → `.js`) and returns the path of its entry. Bare package imports stay
 * as they are: run it with NODE_PATH=<repo>/node_modules.
 */
export function compileWorker(outDir: string): { entry: string; files: number; ms: number } {
  const started = performance.now();
  // Same compiler, same options as the `-r @swc-node/register` the benchmark itself runs under.
  const { compile } = require('@swc-node/register/register') as SwcNodeRegister;
  const { readDefaultTsConfig } = require('@swc-node/register/read-default-tsconfig') as SwcNodeTsconfig;
  const options = readDefaultTsConfig(process.env['SWC_NODE_PROJECT'] ?? join(REPO, 'bench', 'tsconfig.json'));
  delete options['files'];
  options['module'] = 1; // CommonJS, as register() forces
  options['sourceMap'] = false;
  options['inlineSourceMap'] = false;

  const source = join(REPO, 'bench', 'nas', 'scan-worker.ts');
  const files = importGraph(source);
  for (const file of files) {
    const rel = relative(REPO, file);
    const target = join(outDir, rel.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    const text = readFileSync(file, 'utf8');
    writeFileSync(target, file.endsWith('.ts') ? compile(text, file, { ...options }) : text);
  }
  return {
    entry: join(outDir, 'bench', 'nas', 'scan-worker.js'),
    files: files.length,
    ms: performance.now() - started,
  };
}
