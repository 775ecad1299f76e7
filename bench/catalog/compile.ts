/**
 * Compiles catalog-process.ts and every workspace file it imports (the
 * catalog app and the libs) to plain CommonJS in a temp dir, with the
 * compiler and options `@swc-node/register` uses, so the catalog runs on
 * bare `node` like the built app: its RSS is the catalog's, without the
 * ~60 MB of the TypeScript compiler and swc that `-r @swc-node/register`
 * loads (see bench/nas/compile-worker.ts, whose import scan this reuses).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { REPO, importGraph } from '../nas/compile-worker';

interface SwcNodeRegister {
  compile(source: string, filename: string, options: Record<string, unknown>): string;
}
interface SwcNodeTsconfig {
  readDefaultTsConfig(path?: string): Record<string, unknown>;
}

export function compileCatalogProcess(outDir: string): { entry: string; files: number; ms: number } {
  const started = performance.now();
  const { compile } = require('@swc-node/register/register') as SwcNodeRegister;
  const { readDefaultTsConfig } = require('@swc-node/register/read-default-tsconfig') as SwcNodeTsconfig;
  const options = readDefaultTsConfig(process.env['SWC_NODE_PROJECT'] ?? join(REPO, 'bench', 'tsconfig.json'));
  delete options['files'];
  options['module'] = 1; // CommonJS, as register() forces
  options['sourceMap'] = false;
  options['inlineSourceMap'] = false;
  const files = importGraph(join(REPO, 'bench', 'catalog', 'catalog-process.ts'));
  for (const file of files) {
    const target = join(outDir, relative(REPO, file).replace(/\.ts$/, '.js'));
    mkdirSync(dirname(target), { recursive: true });
    const text = readFileSync(file, 'utf8');
    writeFileSync(target, file.endsWith('.ts') ? compile(text, file, { ...options }) : text);
  }
  return {
    entry: join(outDir, 'bench', 'catalog', 'catalog-process.js'),
    files: files.length,
    ms: performance.now() - started,
  };
}
