import { TargetCheck, check, fmtInt, markdownTable, targetsLine, verdict } from '../shared/report';
import type { Config } from './config';
import type { ScanResult, SizeResult } from './phases';
import type { CallStats } from './scan-worker';

/**
 * The aims: 1,400 files (scan + parse + store + events) < 2 s; 100,000 files
 * < 60 s first scan, < 5 s re-scan and < 15 s for the 1 % churn scan (issue
 * 13); the walk within 3× of find; RSS < 200 MB. The size-specific aims apply to exactly those sizes.
 */
export const AIMS = {
  small: { files: 1_400, firstScanS: 2 },
  large: { files: 100_000, firstScanS: 60, rescanS: 5, churnS: 15 },
  walkToFind: 3,
  rssMb: 200,
} as const;

export interface NasResults {
  /** Block A's scan settings (NAS_* defaults) the scans ran with. */
  settings: Record<string, unknown>;
  sizes: SizeResult[];
}

const n = (v: number): string => fmtInt(v);
const s2 = (ms: number): string => (Number.isNaN(ms) ? '—' : (ms / 1000).toFixed(2));
const f1 = (v: number): string => (Number.isNaN(v) ? '—' : v.toFixed(1));
const ms1 = (v: number): string => (Number.isNaN(v) ? '—' : v.toFixed(1));

export const peakRss = (r: SizeResult): number =>
  Math.max(r.first.rssPeakMb, r.rescan.rssPeakMb, r.churn?.scan.rssPeakMb ?? 0);

export function checkTargets(sizes: SizeResult[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const r of sizes) {
    const tag = `[${n(r.size)}]`;
    const firstS = r.first.ms / 1000;
    const rescanS = r.rescan.ms / 1000;
    if (r.size === AIMS.small.files)
      checks.push(check(`${tag} first scan < 2 s`, '< 2 s', firstS, 2, firstS < AIMS.small.firstScanS));
    if (r.size === AIMS.large.files) {
      checks.push(check(`${tag} first scan < 60 s`, '< 60 s', firstS, 60, firstS < AIMS.large.firstScanS));
      checks.push(check(`${tag} re-scan < 5 s`, '< 5 s', rescanS, 5, rescanS < AIMS.large.rescanS));
      if (r.churn) {
        const churnS = r.churn.scan.ms / 1000;
        checks.push(check(`${tag} churn scan < 15 s`, '< 15 s', churnS, 15, churnS < AIMS.large.churnS));
      }
    }
    checks.push(check(`${tag} walk ≤ 3× find`, '≤ 3×', r.walkToFind, 3, r.walkToFind <= AIMS.walkToFind));
    const rss = peakRss(r);
    checks.push(check(`${tag} peak RSS < 200 MB`, '< 200 MB', rss, 200, rss < AIMS.rssMb));
    const wrote = r.rescan.rowsWritten + r.rescan.outboxAdded;
    checks.push(check(`${tag} re-scan writes nothing`, '0 rows, 0 events', wrote, 0, wrote === 0));
    if (r.churn) {
      const c = r.churn.scan.counts;
      const a = r.churn.applied;
      const changedish = (c['changed'] ?? 0) + (c['unchangedContent'] ?? 0);
      const ok = c['moved'] === a.moved && changedish === a.touched + a.grown && !c['added'] && !c['removed'];
      checks.push(check(`${tag} churn scan counts`, 'as applied', c['moved'] ?? NaN, a.moved, ok, true));
    }
  }
  return checks;
}

type Row = [metric: string, value: string, aim: string, result: string];

function counts(sr: ScanResult): string {
  const c = sr.counts;
  const timeOnly = c['unchangedContent'] !== undefined ? ` / ${n(c['unchangedContent'])}` : '';
  return `${n(c['added'] ?? NaN)} / ${n(c['changed'] ?? NaN)}${timeOnly} / ${n(c['moved'] ?? NaN)} / ${n(c['removed'] ?? NaN)}`;
}

function sizeTable(r: SizeResult, targets: TargetCheck[], sampleMs: number): string {
  const tag = `[${n(r.size)}]`;
  const t = (suffix: string) => verdict(targets.find((c) => c.name === `${tag} ${suffix}`));
  const hasTimeOnly = r.first.counts['unchangedContent'] !== undefined;
  const countsLabel = `added / changed${hasTimeOnly ? ' / time-only' : ''} / moved / removed`;
  const rows: (Row | string)[] = [];
  rows.push('file system, warm page cache (median of the timed runs)');
  rows.push([
    `find -type f -printf '%s %T@ %p\\n' (ms; ${n(r.find.median.lines)} files)`,
    ms1(r.find.median.ms),
    '',
    '',
  ]);
  rows.push([`walk() alone, all items consumed (ms; ${n(r.walk.median.files)} videos)`, ms1(r.walk.median.ms), '', '']);
  rows.push(['walk ÷ find', `${r.walkToFind.toFixed(2)}×`, ...t('walk ≤ 3× find')]);
  rows.push(['walk() node CPU, user+system (ms)', ms1(r.walk.median.cpuMs), '', '']);
  rows.push([
    `partialContentHash() alone, one file at a time (ms/file; ${n(r.hash.files)} files)`,
    r.hash.msPerFile.toFixed(3),
    '',
    '',
  ]);
  rows.push([`  × ${n(r.size)} files (s)`, s2(r.hash.msPerFile * r.size), '', '']);

  rows.push('first scan: walk + parse + hash + store + events, empty inventory');
  const firstAim = r.size === 1_400 ? t('first scan < 2 s') : r.size === 100_000 ? t('first scan < 60 s') : ['', ''];
  rows.push(['time (s)', s2(r.first.ms), firstAim[0], firstAim[1]]);
  rows.push(['files/s', n(r.first.filesPerSec), '', '']);
  rows.push([countsLabel, counts(r.first), '', '']);
  rows.push(['events written / rows written', `${n(r.first.outboxAdded)} / ${n(r.first.rowsWritten)}`, '', '']);
  rows.push(['node CPU, user + system (s)', s2(r.first.cpuUserMs + r.first.cpuSystemMs), '', '']);
  rows.push(['transactions / WAL, whole cluster (MB)', `${n(r.first.transactions)} / ${f1(r.first.walMb)}`, '', '']);

  rows.push('re-scan of the unchanged tree');
  const rescanAim = r.size === 100_000 ? t('re-scan < 5 s') : ['', ''];
  rows.push(['time (s)', s2(r.rescan.ms), rescanAim[0], rescanAim[1]]);
  rows.push(['files/s', n(r.rescan.filesPerSec), '', '']);
  rows.push([
    'rows written / events',
    `${n(r.rescan.rowsWritten)} / ${n(r.rescan.outboxAdded)}`,
    ...t('re-scan writes nothing'),
  ]);
  rows.push(['node CPU, user + system (s)', s2(r.rescan.cpuUserMs + r.rescan.cpuSystemMs), '', '']);

  if (r.churn) {
    const a = r.churn.applied;
    rows.push(
      `after moving ${r.churn.pct} % (${n(a.moved)}) and touching ${r.churn.pct} % (${n(a.touched)} time only, ${n(a.grown)} grown)`,
    );
    const churnAim = r.size === 100_000 ? t('churn scan < 15 s') : ['', ''];
    rows.push(['time (s)', s2(r.churn.scan.ms), churnAim[0], churnAim[1]]);
    rows.push([countsLabel, counts(r.churn.scan), ...t('churn scan counts')]);
    rows.push([
      'expected',
      `0 / ${hasTimeOnly ? `${n(a.grown)} / ${n(a.touched)}` : n(a.grown + a.touched)} / ${n(a.moved)} / 0`,
      '',
      '',
    ]);
    rows.push(['events / rows written', `${n(r.churn.scan.outboxAdded)} / ${n(r.churn.scan.rowsWritten)}`, '', '']);
  }

  if (r.relays.length) {
    rows.push('outbox relay to RabbitMQ, after the scan (not part of the scan times)');
    for (const x of r.relays)
      rows.push([`after ${x.after}: ${n(x.events)} events (s, events/s)`, `${s2(x.ms)}, ${n(x.perSec)}`, '', '']);
  }

  rows.push(`scan worker process memory (process.memoryUsage() sampled every ${sampleMs} ms during each scan)`);
  rows.push(['RSS when ready (MB)', f1(r.worker.rssMb), '', '']);
  rows.push([
    'RSS peak: first / re-scan / churn scan (MB)',
    `${f1(r.first.rssPeakMb)} / ${f1(r.rescan.rssPeakMb)} / ${r.churn ? f1(r.churn.scan.rssPeakMb) : '—'}`,
    ...t('peak RSS < 200 MB'),
  ]);
  const lastHwm = (r.churn?.scan ?? r.rescan).procHwmMb;
  rows.push(['VmHWM after the scans (MB)', f1(lastHwm), '', '']);
  const three = (f: (x: ScanResult) => number | null) =>
    [r.first, r.rescan, r.churn?.scan].map((x) => (x ? f1(f(x) ?? NaN) : '—')).join(' / ');
  rows.push(['JS heap used, peak: first / re-scan / churn scan (MB)', three((x) => x.heapUsedPeakMb), '', '']);
  rows.push(['JS heap used after the scan and a full GC (MB)', three((x) => x.heapUsedAfterGcMb), '', '']);
  rows.push([
    'GC pauses during the first scan: all / mark-compact (count, s)',
    `${n(r.first.gc.count)}, ${s2(r.first.gc.ms)} / ${n(r.first.gc.majorCount)}, ${s2(r.first.gc.majorMs)}`,
    '',
    '',
  ]);
  rows.push([
    'Postgres after the first scan: video_files / outbox / database (MB)',
    `${f1(r.sizesMb.videoFiles)} / ${f1(r.sizesMb.outbox)} / ${f1(r.sizesMb.database)}`,
    '',
    '',
  ]);

  const header =
    `**${n(r.size)} video files** — ${n(r.tree.files)} files on disk (${n(r.tree.ignoredFiles)} NAS housekeeping, ` +
    `${n(r.tree.sidecars)} side-cars), ${n(r.tree.directories)} folders, ${f1(r.tree.mb)} MB written` +
    `${r.tree.apparentGb > 1 ? ` (sparse videos: ${n(r.tree.apparentGb)} GB apparent)` : ''}; generated in ${s2(r.tree.generateMs)} s`;
  return `${header}\n\n${markdownTable(['metric', 'value', 'aim', 'result'], rows, (c) => c === 1)}`;
}

/** Scan phases, from when the repository calls that open them were first made. */
export function phases(sr: ScanResult): [string, number][] {
  const at = (k: string): number | undefined => sr.calls[`repo.${k}`]?.firstAtMs;
  const marks: [string, number | undefined][] = [
    ['walk + stat + stream into scan_entries', 0],
    ['diff in SQL (into scan_diff)', at('diffScan')],
    ['changed + new files: pages of hash, parse, upsert/move, events', at('diffPage')],
    ['vanished → removed: update + events', at('markMissing')],
    ['finish root, ANALYZE, drop + VACUUM scan tables', at('finishRootScan')],
  ];
  const present = marks.filter((m): m is [string, number] => m[1] !== undefined).sort((a, b) => a[1] - b[1]);
  return present.map(([name, start], i) => [name, (present[i + 1]?.[1] ?? sr.ms) - start]);
}

function breakdown(r: SizeResult): string {
  const scans: [string, ScanResult][] = [
    ['first scan', r.first],
    ['re-scan', r.rescan],
    ...(r.churn ? ([['churn scan', r.churn.scan]] as [string, ScanResult][]) : []),
  ];
  // Phases: one column per scan.
  const names = [...new Set(scans.flatMap(([, sr]) => phases(sr).map(([p]) => p)))];
  const phaseRows = names.map((p) => [
    p,
    ...scans.map(([, sr]) => {
      const v = phases(sr).find(([q]) => q === p)?.[1];
      return v === undefined ? '—' : s2(v);
    }),
  ]);
  phaseRows.push(['whole scan', ...scans.map(([, sr]) => s2(sr.ms))]);
  const phaseTable = markdownTable(['phase (s)', ...scans.map(([l]) => l)], phaseRows, (c) => c >= 1);

  // Calls of each scan, the largest first; calls under 1 % of a scan are left out (--json has them all).
  const callRows = (sr: ScanResult): [string, CallStats][] =>
    Object.entries(sr.calls)
      .filter(([, c]) => c.ms >= sr.ms / 100)
      .sort((a, b) => b[1].ms - a[1].ms);
  const rows: string[][] = [];
  for (const [label, sr] of scans) {
    const attributed = Object.values(sr.calls).reduce((a, c) => a + c.ms, 0);
    rows.push([`**${label}**`, '', '', '', '']);
    for (const [name, c] of callRows(sr))
      rows.push([name, n(c.calls), s2(c.ms), (c.ms / c.calls).toFixed(3), `${((100 * c.ms) / sr.ms).toFixed(0)} %`]);
    rows.push([
      'not attributed: walk + stat, content hashing, JS between calls',
      '',
      s2(sr.ms - attributed),
      '',
      `${((100 * (sr.ms - attributed)) / sr.ms).toFixed(0)} %`,
    ]);
  }
  const callTable = markdownTable(
    ['call (awaited, wall time)', 'calls', 'total (s)', 'ms/call', 'share'],
    rows,
    (c) => c >= 1,
  );
  return (
    `**Where the time goes, ${n(r.size)} files**\n\n${phaseTable}\n\n${callTable}\n\n` +
    `Every repository call is one Postgres round trip; "tx" rows are the BEGIN before and the COMMIT after each ` +
    `dataSource.transaction() callback. Calls under 1 % of a scan's time are not listed (--json has them).\n`
  );
}

export function renderReport(r: NasResults, targets: TargetCheck[], config: Config): string {
  const tables = r.sizes.map((s) => sizeTable(s, targets, config.sampleMs)).join('\n\n');
  const largest = [...r.sizes].sort((a, b) => b.size - a.size)[0];
  const summary =
    targetsLine(targets, 'aims') + (targets.some((c) => c.info) ? ' (the churn count check is informational)' : '');
  const server = r.sizes[0]?.server ?? {};
  const notes: string[] = [];
  if (server['autovacuum'] === 'off' && !config.analyze)
    notes.push(
      'note: autovacuum is off on this Postgres and --analyze was not given, so nas.video_files and nas.scan_entries ' +
        'have no planner statistics (as right after a bulk import before autovacuum catches up); see the README.',
    );
  const aims = targets
    .map((c) => `  ${c.pass ? 'PASS' : c.info ? 'miss' : 'MISS'}  ${c.name}: ${fmtValue(c)}`)
    .join('\n');
  return `${tables}\n\n${largest ? breakdown(largest) : ''}\n${summary}\n${aims}\n${notes.map((x) => `${x}\n`).join('')}`;
}

function fmtValue(c: TargetCheck): string {
  if (c.target.endsWith(' s')) return `${c.value.toFixed(2)} s`;
  if (c.target.endsWith('MB')) return `${c.value.toFixed(1)} MB`;
  if (c.target.endsWith('×')) return `${c.value.toFixed(2)}×`;
  return String(c.value);
}
