#!/usr/bin/env node
// `npm start`: checks RabbitMQ and Postgres, builds, migrates, then runs all
// eight apps as child processes until Ctrl-C. Plain Node, no dependencies.
//
//   node scripts/start.mjs [--no-build] [--no-sync]

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = dirname(dirname(fileURLToPath(import.meta.url)));
const LOG_DIR = join(REPO, 'tmp', 'logs');

// The apps of docs/architecture.md#services. `database` is also the migration job run before the others.
const APPS = [
  { name: 'database', block: 'G', port: 3107 },
  { name: 'orchestrator', block: '—', port: 3001 },
  { name: 'nas-inventory', block: 'A', port: 3101 },
  { name: 'catalog', block: 'B', port: 3102 },
  { name: 'hand-analysis', block: 'C', port: 3103 },
  { name: 'sheets-sync', block: 'D', port: 3104 },
  { name: 'api', block: 'E', port: 3000 },
  { name: 'dashboard', block: 'F', port: 8080 },
];

const READY_TIMEOUT_MS = 90_000;
const READY_POLL_MS = 1_000;
const STOP_GRACE_MS = 10_000;
const LOG_TAIL_LINES = 20;

/** @type {Map<string, {app: typeof APPS[number], child: import('node:child_process').ChildProcess, logPath: string, exited: boolean}>} */
const running = new Map();
let stopping = false;

main().catch((err) => {
  console.error(`✗ ${err instanceof Error ? err.message : String(err)}`);
  stopAll().then(() => process.exit(1));
});

const startedAt = Date.now();

async function main() {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) return printUsage();
  const env = buildEnv();

  if (!(await dependenciesAnswer(env))) process.exit(1);
  if (!args.includes('--no-build')) await buildApps();
  await migrate(env);
  ensureApiKey(env);

  installSignalHandlers();
  startApps(env);
  const ready = await waitUntilReady();
  if (!ready) return failStartup();
  printStatus();
  if (!args.includes('--no-sync')) await firstSync(env).catch((err) => console.error(`✗ first sync: ${err.message}`));
  console.log('\nRunning. Press Ctrl-C to stop all apps.');
}

function printUsage() {
  console.log('Usage: node scripts/start.mjs [--no-build]');
  console.log('  --no-build   skip `nx run-many -t build` and run what is already in dist/apps');
  console.log('  --no-sync    do not run a full sync once the apps are ready');
}

// ---------------------------------------------------------------- environment

function buildEnv() {
  const env = { ...process.env };
  env.AMQP_URL ??= 'amqp://guest:guest@127.0.0.1:5672';
  env.DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/pokervod';
  env.NAS_ROOTS ??= join(REPO, 'samples', 'nas');
  env.POKERVOD_HOME ??= REPO;
  // The sample hand log (relative to POKERVOD_HOME) links to `\\nas\poker\…`, the sample NAS root `nas`.
  env.SHEETS_SOURCES ??= 'file:samples/hand-log/hand-log.csv';
  env.NAS_PATH_PREFIXES ??= '\\\\nas\\poker=nas';
  return env;
}

function ensureApiKey(env) {
  if (env.ORCHESTRATOR_API_KEY) return;
  env.ORCHESTRATOR_API_KEY = randomBytes(24).toString('hex');
  console.log(`ORCHESTRATOR_API_KEY was not set; generated one for this run: ${env.ORCHESTRATOR_API_KEY}`);
}

// --------------------------------------------------------------- dependencies

async function dependenciesAnswer(env) {
  const checks = [
    {
      name: 'RabbitMQ',
      variable: 'AMQP_URL',
      url: env.AMQP_URL,
      defaultPort: 5672,
      hint: 'docker compose up -d rabbitmq   (Debian: rabbitmq-server -detached)',
    },
    {
      name: 'Postgres',
      variable: 'DATABASE_URL',
      url: env.DATABASE_URL,
      defaultPort: 5432,
      hint: 'docker compose up -d postgres   (Debian: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)',
    },
  ];
  const results = await Promise.all(checks.map(checkDependency));
  return results.every(Boolean);
}

async function checkDependency({ name, variable, url, defaultPort, hint }) {
  let host;
  let port;
  try {
    const parsed = new URL(url);
    host = parsed.hostname || '127.0.0.1';
    port = Number(parsed.port) || defaultPort;
  } catch {
    console.error(`✗ ${name}: ${variable} is not a valid URL (${redactUrl(url)})`);
    return false;
  }
  if (await tcpAnswers(host, port)) return true;
  console.error(`✗ ${name} is not answering on ${host}:${port} (${variable}). Start it with: ${hint}`);
  return false;
}

function tcpAnswers(host, port, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const finish = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

function redactUrl(url) {
  return String(url).replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

// ------------------------------------------------------------- build, migrate

async function buildApps() {
  console.log('Building all apps (npx nx run-many -t build --projects=tag:type:app --parallel=2)…');
  const code = await run(
    'npx',
    ['nx', 'run-many', '-t', 'build', '--projects=tag:type:app', '--parallel=2'],
    process.env,
  );
  if (code !== 0) throw new Error(`build failed (exit ${code})`);
}

async function migrate(env) {
  const main = mainPath('database');
  if (!existsSync(main)) throw new Error(`${relative(REPO, main)} not found; run without --no-build first`);
  console.log('Running migrations (node dist/apps/database/main.js migrate)…');
  const code = await run(process.execPath, [main, 'migrate'], env);
  if (code !== 0) throw new Error(`migrations failed (exit ${code}); nothing was started`);
}

function run(command, args, env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: REPO, env, stdio: 'inherit' });
    child.once('error', (err) => {
      console.error(`✗ could not run ${command}: ${err.message}`);
      resolve(1);
    });
    child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function mainPath(appName) {
  return join(REPO, 'dist', 'apps', appName, 'main.js');
}

// ----------------------------------------------------------------- processes

function startApps(env) {
  mkdirSync(LOG_DIR, { recursive: true });
  console.log(
    `Starting ${APPS.length} apps; each app's output goes to ${relative(process.cwd(), LOG_DIR) || '.'}/<app>.log`,
  );
  for (const app of APPS) startApp(app, env);
}

function startApp(app, env) {
  const main = mainPath(app.name);
  if (!existsSync(main)) throw new Error(`${relative(REPO, main)} not found; run without --no-build`);
  const logPath = join(LOG_DIR, `${app.name}.log`);
  const logFd = openSync(logPath, 'w');
  const child = spawn(process.execPath, [main], {
    cwd: REPO,
    env: { ...env, PORT: String(app.port) },
    stdio: ['ignore', logFd, logFd],
    // Own process group: a terminal Ctrl-C then reaches only this script,
    // which sends one SIGTERM per app. A second signal arriving mid-shutdown
    // would make a NestJS app exit at once instead of draining.
    detached: true,
  });
  closeSync(logFd);
  const entry = { app, child, logPath, exited: false };
  running.set(app.name, entry);
  child.once('exit', (code, signal) => onChildExit(entry, code, signal));
}

function onChildExit(entry, code, signal) {
  entry.exited = true;
  if (stopping) return;
  const how = signal ? `signal ${signal}` : `exit code ${code}`;
  console.error(
    `\n✗ ${entry.app.name} stopped unexpectedly (${how}). Last lines of ${relative(process.cwd(), entry.logPath)}:`,
  );
  console.error(indent(tail(entry.logPath, LOG_TAIL_LINES)));
}

function installSignalHandlers() {
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (stopping) return killAll('SIGKILL'); // a second Ctrl-C means "now"
      console.log(`\n${signal} received; stopping all apps (SIGTERM, up to ${STOP_GRACE_MS / 1000}s)…`);
      stopAll().then(() => process.exit(0));
    });
  }
  // Last resort if this script dies: do not leave detached apps behind.
  process.on('exit', () => killAll('SIGKILL'));
}

async function stopAll() {
  stopping = true;
  if (running.size === 0) return;
  killAll('SIGTERM');
  const deadline = Date.now() + STOP_GRACE_MS;
  while (alive().length > 0 && Date.now() < deadline) await sleep(100);
  const stragglers = alive();
  if (stragglers.length > 0) {
    console.log(
      `Still running after ${STOP_GRACE_MS / 1000}s, killing: ${stragglers.map((e) => e.app.name).join(', ')}`,
    );
    killAll('SIGKILL');
  }
  console.log('All apps stopped.');
}

function killAll(signal) {
  for (const entry of alive()) {
    try {
      process.kill(entry.child.pid, signal);
    } catch {
      // already gone
    }
  }
}

function alive() {
  return [...running.values()].filter((e) => !e.exited);
}

// ----------------------------------------------------------------- readiness

async function waitUntilReady() {
  const state = new Map(APPS.map((app) => [app.name, { ready: false, last: 'no answer yet' }]));
  const started = Date.now();
  const progress = { line: '', printedAt: 0 };
  while (Date.now() - started < READY_TIMEOUT_MS) {
    await Promise.all(APPS.map((app) => pollReady(app, state.get(app.name))));
    if (APPS.some((app) => running.get(app.name).exited)) return false;
    const readyCount = [...state.values()].filter((s) => s.ready).length;
    reportProgress(state, readyCount, started, progress);
    if (readyCount === APPS.length) {
      if (process.stdout.isTTY) process.stdout.write('\n');
      return true;
    }
    await sleep(READY_POLL_MS);
  }
  if (process.stdout.isTTY) process.stdout.write('\n');
  printNotReady(state);
  return false;
}

async function pollReady(app, status) {
  if (status.ready) return;
  try {
    const res = await fetch(readyUrl(app), {
      signal: AbortSignal.timeout(2000),
    });
    const body = (await res.text()).trim();
    status.ready = res.status === 200;
    status.last = `HTTP ${res.status} ${body.slice(0, 500)}`;
  } catch (err) {
    status.last = err instanceof Error ? err.message : String(err);
  }
}

// On a terminal one line is rewritten in place; in a log (CI) a line is
// printed when something changes, or every 10 s while nothing does.
function reportProgress(state, readyCount, started, progress) {
  const waiting = APPS.filter((app) => !state.get(app.name).ready).map((app) => app.name);
  const seconds = Math.round((Date.now() - started) / 1000);
  const line = `Waiting for /health/ready: ${readyCount}/${APPS.length} ready${waiting.length ? ` (waiting: ${waiting.join(', ')})` : ''}`;
  if (process.stdout.isTTY) {
    process.stdout.write(`\r\x1b[K${line} ${seconds}s`);
  } else if (line !== progress.line || Date.now() - progress.printedAt >= 10_000) {
    console.log(`${line} ${seconds}s`);
    progress.printedAt = Date.now();
  }
  progress.line = line;
}

function printNotReady(state) {
  console.error(`✗ Not all apps became ready within ${READY_TIMEOUT_MS / 1000}s:`);
  for (const app of APPS) {
    const status = state.get(app.name);
    if (status.ready) continue;
    const logPath = relative(process.cwd(), running.get(app.name).logPath);
    console.error(`  - ${app.name} (${readyUrl(app)}): ${status.last}\n    log: ${logPath}`);
  }
}

async function failStartup() {
  console.error('Stopping everything.');
  await stopAll();
  process.exit(1);
}

function readyUrl(app) {
  return `http://127.0.0.1:${app.port}/health/ready`;
}

// ----------------------------------------------------------------- first sync

const FIRST_SYNC_TIMEOUT_MS = 180_000;

/**
 * Runs one full sync (NAS scan + catalog, hand log, analysis) so the
 * dashboard has something to show, then prints what came of the hand log:
 * clips made, rows whose file or episode was not found, rows the sheet
 * itself got wrong — each with where to look.
 */
async function firstSync(env) {
  const orchestrator = 'http://127.0.0.1:3001/api/orchestrator';
  const started = await fetchJson(`${orchestrator}/sync?sync_type=full`, {
    method: 'POST',
    headers: { 'x-api-key': env.ORCHESTRATOR_API_KEY },
  });
  console.log(`\nFull sync ${started.task_id} ${started.status}…`);
  const deadline = Date.now() + FIRST_SYNC_TIMEOUT_MS;
  let run;
  for (;;) {
    run = await fetchJson(`${orchestrator}/runs/${started.task_id}`);
    if (run.status !== 'in_progress') break;
    if (Date.now() > deadline) throw new Error(`still running after ${FIRST_SYNC_TIMEOUT_MS / 1000}s`);
    await sleep(1000);
  }
  console.log(`Full sync ${run.status}.`);
  for (const phase of run.phases ?? [])
    console.log(`  phase ${phase.name}: ${phase.status}${phase.error ? ` (${phase.error})` : ''}`);

  const summary = await converged(orchestrator);
  const [sources, attention] = await Promise.all([
    fetchJson('http://127.0.0.1:3104/api/sheets/sources'),
    fetchJson(`${orchestrator}/unmatched`),
  ]);
  const o = summary.outcomes;
  console.log(
    `\nSheet rows:         ${summary.total} stored, converged ${((Date.now() - startedAt) / 1000).toFixed(1)} s after start` +
      `   http://localhost:3001/api/orchestrator/rows`,
  );
  console.log(`  clips ${o.clip}, invalid clips ${o.invalid}, unmatched ${o.unmatched}, pending ${o.pending}`);
  console.log(`Needing attention:  ${attention.total}   http://localhost:3001/api/orchestrator/unmatched`);
  for (const row of attention.rows.slice(0, 10))
    console.log(`  ${row.tab}!${row.row_number} (${row.outcome}): ${row.last_error ?? row.reason}`);
  const invalid = sources.flatMap((s) => s.last_result?.invalid ?? []);
  console.log(`Rows the sheet got wrong: ${invalid.length}   http://localhost:3104/api/sheets/sources`);
  for (const row of invalid.slice(0, 10)) console.log(`  ${row.tab}!${row.row}: ${row.reason}`);
  const duplicates = sources.flatMap((s) => s.last_result?.duplicates ?? []);
  console.log(`Duplicate rows (not used): ${duplicates.length}   http://localhost:3104/api/sheets/sources`);
  for (const row of duplicates.slice(0, 10)) console.log(`  ${row.tab}!${row.row} (${row.kind}): ${row.reason}`);
}

/** The row sync settles rows after the sheet is read: wait until no row is left to settle. */
async function converged(orchestrator) {
  const deadline = Date.now() + FIRST_SYNC_TIMEOUT_MS;
  for (;;) {
    const summary = await fetchJson(`${orchestrator}/rows/summary`);
    if (summary.dirty === 0 || Date.now() > deadline) return summary;
    await sleep(500);
  }
}

async function fetchJson(url, init) {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(10_000) });
  if (!res.ok)
    throw new Error(`${init?.method ?? 'GET'} ${url}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  return res.json();
}

// -------------------------------------------------------------------- output

function printStatus() {
  const rows = APPS.map((app) => [app.name, app.block, String(app.port), 'yes', `http://localhost:${app.port}`]);
  printTable(['app', 'block', 'port', 'ready', 'URL'], rows);
  console.log('');
  console.log(`Dashboard:            http://localhost:8080`);
  console.log(`Orchestrator status:  http://localhost:3001/api/orchestrator/status`);
  console.log(`RabbitMQ management:  http://localhost:15672  (guest / guest)`);
  console.log(`Logs:                 ${relative(process.cwd(), LOG_DIR) || '.'}/<app>.log`);
}

function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const format = (cells) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(format(row));
}

function tail(path, lines) {
  try {
    const text = readFileSync(path, 'utf8').trimEnd();
    return text ? text.split('\n').slice(-lines).join('\n') : '(log is empty)';
  } catch {
    return '(no log)';
  }
}

function indent(text) {
  return text
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
