/**
 * The command-line options of a benchmark, declared once: name (camelCase;
 * `requestWarmup` is given as `--request-warmup`), type, default and help
 * line. `parseOptions` turns argv into typed values (`--flag value` and
 * `--flag=value` alike) and rejects an unknown option, a missing or malformed
 * value, and a stray argument with a message that names the option;
 * `usageText` writes the --help text from the same declaration.
 *
 *   const options = {
 *     events: int('events per path', { default: 5000, min: 1 }),
 *     postgres: optOut('skip the Postgres bus'),        // --no-postgres → false
 *   };
 *   type Config = Values<typeof options>;                // { events: number; postgres: boolean }
 */

/** One option. Build it with `flag`, `optOut`, `int`, `num`, `str`, `ints` or `choices`. */
export interface Option<V> {
  readonly help: string;
  /** The value's placeholder in --help (`N`, `S`, `DIR`); none for a flag, which takes no value. */
  readonly arg?: string;
  /** The value when the option is not given. */
  readonly initial: V;
  /** The "(default …)" in --help; none when there is no default worth saying. */
  readonly defaultText?: string;
  /** A flag given as `--no-<name>`: present means false. */
  readonly negated?: boolean;
  /** Reads the value; throws `UsageError` on a bad one. Absent for flags. */
  readonly parse?: (raw: string, flag: string) => V;
}

export type Options = Record<string, Option<unknown>>;
/** The parsed values of a declaration: one property per option. */
export type Values<O extends Options> = { -readonly [K in keyof O]: O[K] extends Option<infer V> ? V : never };

/** A bad command line: the runner prints the message and exits 2. */
export class UsageError extends Error {}

interface Bounds {
  min?: number;
  max?: number;
}
interface Common {
  /** Placeholder in --help (default `N` for numbers, `STR` for strings). */
  arg?: string;
  /** Overrides the "(default …)" text; '' shows none. */
  defaultText?: string;
}

/** A boolean flag, off unless given. */
export function flag(help: string): Option<boolean> {
  return { help, initial: false };
}

/** A feature that is on unless `--no-<name>` is given. */
export function optOut(help: string): Option<boolean> {
  return { help, initial: true, negated: true };
}

function bounds(name: string, n: number, b: Bounds, what: string, raw: string): number {
  if (b.min !== undefined && n < b.min) throw new UsageError(`${name} must be ${what} ≥ ${b.min}, got "${raw}"`);
  if (b.max !== undefined && n > b.max) throw new UsageError(`${name} must be ${what} ≤ ${b.max}, got "${raw}"`);
  return n;
}

function readInt(raw: string, name: string, b: Bounds): number {
  // 100_000 and 100,000 read as 100000.
  const n = Number(raw.trim().replace(/[_,]/g, ''));
  if (raw.trim() === '' || !Number.isInteger(n)) throw new UsageError(`${name} must be an integer, got "${raw}"`);
  return bounds(name, n, b, 'an integer', raw);
}

/** A whole number. Without a default the value is `undefined` when the option is not given. */
export function int(help: string, o: Common & Bounds & { default: number }): Option<number>;
export function int(help: string, o?: Common & Bounds): Option<number | undefined>;
export function int(help: string, o: Common & Bounds & { default?: number } = {}): Option<number | undefined> {
  return {
    help,
    arg: o.arg ?? 'N',
    initial: o.default,
    defaultText: o.defaultText ?? (o.default === undefined ? undefined : String(o.default)),
    parse: (raw, name) => readInt(raw, name, o),
  };
}

/** A number, fractions allowed. */
export function num(help: string, o: Common & Bounds & { default: number }): Option<number> {
  return {
    help,
    arg: o.arg ?? 'N',
    initial: o.default,
    defaultText: o.defaultText ?? String(o.default),
    parse: (raw, name) => {
      const n = Number(raw.trim());
      if (raw.trim() === '' || !Number.isFinite(n)) throw new UsageError(`${name} must be a number, got "${raw}"`);
      return bounds(name, n, o, 'a number', raw);
    },
  };
}

/** A string; `undefined` when not given unless there is a default. */
export function str(help: string, o: Common & { default: string }): Option<string>;
export function str(help: string, o?: Common): Option<string | undefined>;
export function str(help: string, o: Common & { default?: string } = {}): Option<string | undefined> {
  return {
    help,
    arg: o.arg ?? 'STR',
    initial: o.default,
    defaultText: o.defaultText ?? (o.default ? o.default : undefined),
    parse: (raw) => raw,
  };
}

/** Comma-separated whole numbers (`1400,100000`; `_` allowed inside a number). */
export function ints(help: string, o: Common & Bounds & { default: readonly number[] }): Option<number[]>;
export function ints(help: string, o?: Common & Bounds): Option<number[] | undefined>;
export function ints(
  help: string,
  o: Common & Bounds & { default?: readonly number[] } = {},
): Option<number[] | undefined> {
  return {
    help,
    arg: o.arg ?? 'N,N,…',
    initial: o.default && [...o.default],
    defaultText: o.defaultText ?? o.default?.join(','),
    parse: (raw, name) => {
      const list = raw.split(',').map((s) => s.trim());
      if (list.some((s) => s === '')) throw new UsageError(`${name} takes comma-separated integers, got "${raw}"`);
      return list.map((s) => readInt(s.replace(/_/g, ''), name, o));
    },
  };
}

/** A comma-separated subset of `values`, duplicates dropped, in the order given. */
export function choices<T extends string>(
  help: string,
  values: readonly T[],
  o: Common & { default: readonly T[] },
): Option<T[]> {
  return {
    help,
    arg: o.arg ?? 'LIST',
    initial: [...o.default],
    defaultText: o.defaultText ?? o.default.join(','),
    parse: (raw, name) => {
      const list = raw.split(',').map((s) => s.trim());
      const bad = list.filter((s) => !(values as readonly string[]).includes(s));
      if (bad.length > 0 || list.length === 0)
        throw new UsageError(`${name} takes ${values.join(',')} (comma-separated), got "${raw}"`);
      return [...new Set(list)] as T[];
    },
  };
}

/** `requestWarmup` → `--request-warmup`; a negated flag gets `--no-`. */
export function flagName(key: string, option: Pick<Option<unknown>, 'negated'>): string {
  const kebab = key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return `--${option.negated ? 'no-' : ''}${kebab}`;
}

/**
 * Parses `argv` against `options`. Returns `null` for `-h`/`--help`; throws
 * `UsageError` on anything it cannot read. A later occurrence of an option
 * wins over an earlier one.
 */
export function parseOptions<O extends Options>(options: O, argv: readonly string[]): Values<O> | null {
  const byFlag = new Map(Object.entries(options).map(([key, o]) => [flagName(key, o), { key, o }]));
  const values: Record<string, unknown> = {};
  for (const [key, o] of Object.entries(options)) values[key] = o.initial;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return null;
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}" (options start with --)`);
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const found = byFlag.get(name);
    if (!found) throw new UsageError(`unknown option ${name}${suggestion(name, [...byFlag.keys()])}`);
    const { key, o } = found;
    if (!o.parse) {
      if (eq !== -1) throw new UsageError(`${name} takes no value, got "${arg}"`);
      values[key] = !o.negated;
      continue;
    }
    let raw: string | undefined;
    if (eq !== -1) raw = arg.slice(eq + 1);
    else {
      raw = argv[i + 1];
      if (raw === undefined || raw.startsWith('--'))
        throw new UsageError(`${name} needs a value: ${name} ${o.arg} (or ${name}=… for one that starts with --)`);
      i++;
    }
    values[key] = o.parse(raw, name);
  }
  return values as Values<O>;
}

/** ", did you mean --x?" for a near miss (same words in another order, or one edit away). */
function suggestion(name: string, known: string[]): string {
  const words = (s: string) => s.replace(/^--/, '').split('-').sort().join('-');
  const close = known.find((k) => words(k) === words(name) || editDistance(k, name) <= 2);
  return close ? ` (did you mean ${close}?)` : '';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++)
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

const COLUMN = 26;

/** The --help text: usage line, what the benchmark does, one line per option, the environment it reads. */
export function usageText(
  script: string,
  options: Options,
  about?: string,
  extra: readonly (readonly [string, string])[] = [],
  env?: string,
): string {
  const lines = [`usage: ${script} [options]`];
  if (about) lines.push('', about.trim(), '');
  const entry = (left: string, help: string) => {
    const [first, ...rest] = help.split('\n');
    lines.push(`  ${left.padEnd(COLUMN - 3)} ${first}`);
    for (const more of rest) lines.push(`${' '.repeat(COLUMN)}${more.trim()}`);
  };
  for (const [key, o] of Object.entries(options)) {
    const left = `${flagName(key, o)}${o.arg ? ` ${o.arg}` : ''}`;
    entry(left, o.defaultText ? `${o.help} (default: ${o.defaultText})` : o.help);
  }
  for (const [left, help] of extra) entry(left, help);
  if (env) lines.push(`env: ${env}`);
  return lines.join('\n');
}
