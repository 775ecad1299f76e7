/**
 * Workspace import graphs, and compiling a benchmark's child process to
 * plain CommonJS so it runs on bare `node` like a built app.
 *
 * Why compile: `-r @swc-node/register` loads the TypeScript compiler (to read
 * the tsconfig) and swc's native binding into the process, about 60 MB of RSS
 * that the built app does not carry. When a child's memory is what is
 * measured, the compiler must not be in it.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, relative, resolve } from 'node:path';

/** The repository root. */
export const REPO = resolve(__dirname, '..', '..');

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

/**
 * Workspace files reachable from `entries` through relative imports/requires
 * and `@pokervod/*` aliases (a textual scan; packages from node_modules are
 * not followed).
 */
export function importGraph(entries: readonly string[]): string[] {
  const alias = aliases();
  const seen = new Set<string>();
  const stack = [...entries];
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

interface SwcNodeRegister {
  compile(source: string, filename: string, options: Record<string, unknown>): string;
}
interface SwcNodeTsconfig {
  readDefaultTsConfig(path?: string): Record<string, unknown>;
}

export interface Compiled {
  /** The compiled entry (`.js`). */
  entry: string;
  /** The environment to run it with: this one plus NODE_PATH for the repository's node_modules. */
  env: NodeJS.ProcessEnv;
  files: number;
  ms: number;
}

/**
 * Compiles `entry` (a `.ts` file in the repository) and every workspace file
 * it imports into `outDir`, mirroring the repository layout, with the same
 * compiler and options `@swc-node/register` uses (`bench/tsconfig.json`:
 * aliases rewritten to relative paths, CommonJS). Package imports stay as they
 * are, hence NODE_PATH in `env`.
 */
export function compileForNode(entry: string, outDir: string): Compiled {
  const started = performance.now();
  const { compile } = require('@swc-node/register/register') as SwcNodeRegister;
  const { readDefaultTsConfig } = require('@swc-node/register/read-default-tsconfig') as SwcNodeTsconfig;
  const options = readDefaultTsConfig(process.env['SWC_NODE_PROJECT'] ?? join(REPO, 'bench', 'tsconfig.json'));
  delete options['files'];
  options['module'] = 1; // CommonJS, as register() forces
  options['sourceMap'] = false;
  options['inlineSourceMap'] = false;
  const files = importGraph([entry]);
  for (const file of files) {
    const target = join(outDir, relative(REPO, file).replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    const text = readFileSync(file, 'utf8');
    writeFileSync(target, file.endsWith('.ts') ? compile(text, file, { ...options }) : text);
  }
  const nodePath = [join(REPO, 'node_modules'), process.env['NODE_PATH']].filter(Boolean).join(delimiter);
  return {
    entry: join(outDir, relative(REPO, entry).replace(/\.ts$/, '.js')),
    env: { ...process.env, NODE_PATH: nodePath },
    files: files.length,
    ms: performance.now() - started,
  };
}
