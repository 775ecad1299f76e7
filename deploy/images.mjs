#!/usr/bin/env node
/**
 * One image per app, tagged with the app's version (deploy/versions.json).
 *
 *   node deploy/images.mjs list                       # app, version, image
 *   node deploy/images.mjs affected [--base=<ref>]    # apps `nx affected` says changed since <ref>
 *                                                     # (default origin/main,
 *                                                     # else HEAD~1), and whether their
 *                                                     # version was bumped since then
 *   node deploy/images.mjs build <app>... | --affected [--base=<ref>] [--registry=<host/path>] [--push]
 *
 * A release of one block: bump its version in deploy/versions.json (and the
 * same tag in k8s/base/kustomization.yaml and docker-compose.yml — `npm run
 * check:deploy` fails until they agree), build and push its image, roll out
 * its Deployment alone (docs/deploy.md).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = join(fileURLToPath(import.meta.url), '..', '..');
const VERSIONS_FILE = 'deploy/versions.json';
/**
 * Debian packages an app's image needs besides Node, by app: none today (the
 * NAS block probes media with mediainfo.js, an npm package, not ffprobe).
 */
const APT_PACKAGES = {};

const [command, ...rest] = process.argv.slice(2);
const flags = Object.fromEntries(rest.filter((a) => a.startsWith('--')).map((a) => a.slice(2).split('=')));
const names = rest.filter((a) => !a.startsWith('--'));
const versions = versionsAt();

if (command === 'list') {
  for (const [app, version] of Object.entries(versions)) console.log(`${app}\t${version}\t${image(app, version)}`);
} else if (command === 'affected') {
  const base = flags.base ?? defaultBase();
  const before = versionsAt(base);
  for (const app of affectedApps(base)) {
    const bumped = before[app] !== versions[app];
    console.log(
      `${app}\t${versions[app]}\t${bumped ? `bumped from ${before[app] ?? '(new)'}` : 'NOT BUMPED: bump it to release'}`,
    );
  }
} else if (command === 'build') {
  const apps = flags.affected !== undefined ? affectedApps(flags.base ?? defaultBase()) : names;
  if (apps.length === 0) fail('nothing to build: name apps or pass --affected');
  for (const app of apps) {
    if (!versions[app]) fail(`unknown app ${app} (not in ${VERSIONS_FILE})`);
    const tag = image(app, versions[app], flags.registry);
    const args = [
      'build',
      '-f',
      'deploy/Dockerfile',
      '--build-arg',
      `APP=${app}`,
      '--build-arg',
      `VERSION=${versions[app]}`,
    ];
    if (APT_PACKAGES[app]) args.push('--build-arg', `APT_PACKAGES=${APT_PACKAGES[app]}`);
    run('docker', [...args, '-t', tag, '.']);
    if (flags.push !== undefined) run('docker', ['push', tag]);
  }
} else {
  fail(
    'usage: node deploy/images.mjs list | affected [--base=ref] | build <app>...|--affected [--registry=r] [--push]',
  );
}

/** origin/main when there is one (CI on a branch), else the previous commit. */
function defaultBase() {
  const ok = spawnSync('git', ['rev-parse', '--verify', '--quiet', 'origin/main'], { cwd: REPO, stdio: 'ignore' });
  return ok.status === 0 ? 'origin/main' : 'HEAD~1';
}

function versionsAt(ref) {
  try {
    const text = ref
      ? execFileSync('git', ['show', `${ref}:${VERSIONS_FILE}`], {
          cwd: REPO,
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'ignore'],
        })
      : readFileSync(join(REPO, VERSIONS_FILE), 'utf8');
    return Object.fromEntries(Object.entries(JSON.parse(text)).filter(([k]) => !k.startsWith('$')));
  } catch {
    return {};
  }
}

/** The apps whose code or any lib they import changed since `base` (Nx's project graph decides). */
function affectedApps(base) {
  const out = execFileSync('npx', ['nx', 'show', 'projects', '--affected', `--base=${base}`, '--type=app', '--json'], {
    cwd: REPO,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false' },
  });
  return JSON.parse(out).filter((p) => p in versions);
}

function image(app, version, registry) {
  return `${registry ? `${registry.replace(/\/$/, '')}/` : ''}pokervod/${app}:${version}`;
}

function run(cmd, args) {
  console.log(`$ ${cmd} ${args.join(' ')}`);
  const result = spawnSync(cmd, args, { cwd: REPO, stdio: 'inherit' });
  if (result.status !== 0) fail(`${cmd} exited with ${result.status}`);
}

function fail(message) {
  console.error(message);
  process.exit(1);
}
