import { createInterface } from 'node:readline';
import * as path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { parseFilename } from '@pokervod/filename-parser';
import { walk } from '../scan/walk';

const USAGE = `usage:
  pokervod parse <name> [<name> ...]    one ParsedMetadata JSON object per line, in order
  pokervod parse --stdin                the same for each line of standard input
  pokervod scan <root> [--json]         what a scan of <root> would inventory (no broker, no database)
  options: --ext mp4,mov,...            video extensions for scan (default mp4,mov,mxf,mkv,avi,m4v,ts,mts)`;

const DEFAULT_EXTENSIONS = 'mp4,mov,mxf,mkv,avi,m4v,ts,mts';

/** The `pokervod` command line (block A): parse names, or survey a NAS folder. Returns the exit code. */
export async function main(args: string[], stdin: Readable, stdout: Writable, stderr: Writable): Promise<number> {
  const [command, ...rest] = args;
  if (command === 'parse') return parse(rest, stdin, stdout, stderr);
  if (command === 'scan') return scan(rest, stdout, stderr);
  stderr.write(`${command && command !== '--help' ? `unknown command "${command}"\n` : ''}${USAGE}\n`);
  return command === '--help' ? 0 : 2;
}

async function parse(args: string[], stdin: Readable, stdout: Writable, stderr: Writable): Promise<number> {
  const names = args.filter((a) => a !== '--json');
  if (names[0] === '--stdin') {
    for await (const line of createInterface({ input: stdin, crlfDelay: Infinity })) {
      stdout.write(`${JSON.stringify(parseFilename(line))}\n`);
    }
    return 0;
  }
  if (names.length === 0) {
    stderr.write(`${USAGE}\n`);
    return 2;
  }
  for (const name of names) stdout.write(`${JSON.stringify(parseFilename(name))}\n`);
  return 0;
}

interface ProjectSummary {
  project: string;
  files: number;
  bytes: number;
}

async function scan(args: string[], stdout: Writable, stderr: Writable): Promise<number> {
  const json = args.includes('--json');
  const extIndex = args.indexOf('--ext');
  const extensions = new Set(
    (extIndex >= 0 ? (args[extIndex + 1] ?? '') : DEFAULT_EXTENSIONS).split(',').map((e) => e.trim().toLowerCase()),
  );
  const root = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--ext');
  if (!root) {
    stderr.write(`${USAGE}\n`);
    return 2;
  }
  const byProject = new Map<string, ProjectSummary>();
  const unmatched: string[] = [];
  const problems: { path: string; error: string }[] = [];
  let files = 0;
  let bytes = 0;
  for await (const item of walk(path.resolve(root), '', { extensions })) {
    if (item.kind === 'problem') {
      problems.push({ path: item.path, error: item.error });
      continue;
    }
    files++;
    bytes += item.size;
    const project = parseFilename(item.path).project;
    if (!project) unmatched.push(item.path);
    const key = project ?? '(unmatched)';
    const s = byProject.get(key) ?? { project: key, files: 0, bytes: 0 };
    s.files++;
    s.bytes += item.size;
    byProject.set(key, s);
  }
  const projects = [...byProject.values()].sort((a, b) => b.files - a.files || a.project.localeCompare(b.project));
  unmatched.sort();
  if (json) {
    stdout.write(`${JSON.stringify({ root: path.resolve(root), files, bytes, projects, unmatched, problems })}\n`);
    return 0;
  }
  stdout.write(`${path.resolve(root)}: ${files} video files, ${formatBytes(bytes)}\n\n`);
  stdout.write(
    table(
      ['project', 'files', 'size'],
      projects.map((p) => [p.project, String(p.files), formatBytes(p.bytes)]),
    ),
  );
  if (unmatched.length)
    stdout.write(`\nunmatched names (${unmatched.length}):\n${unmatched.map((u) => `  ${u}`).join('\n')}\n`);
  if (problems.length)
    stdout.write(`\nunreadable (${problems.length}):\n${problems.map((p) => `  ${p.path}: ${p.error}`).join('\n')}\n`);
  return 0;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

function formatBytes(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${i === 0 ? n : n.toFixed(1)} ${units[i]}`;
}
