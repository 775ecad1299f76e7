#!/usr/bin/env node
/**
 * `npm run check:deploy` (part of `npm test`): checks everything that ships
 * PokerVOD, offline, without Docker or a cluster.
 *
 * - docker-compose.yml against the Compose Specification schema (vendored:
 *   deploy/schemas/compose.schema.json) and what the system needs of it (URLs
 *   between services, a database role per app, traces to the collector, the
 *   samples mounted, image tags = deploy/versions.json);
 * - every k8s overlay rendered with `kubectl kustomize`, each object against
 *   the vendored schemas of its kind (deploy/schemas/kubernetes.schema.json,
 *   KEDA and operator CRDs included; `kubernetes-models` too when installed),
 *   and the rules: seccomp RuntimeDefault and no privilege, per-app Secrets,
 *   pinned image tags, HPA/KEDA/PDB targets, the NetworkPolicy flows, Ingress
 *   backends, the pre-deploy migration;
 * - deploy/Dockerfile against hadolint-style rules (hadolint is not an npm
 *   package; these are its rules that matter here), .dockerignore/.gitignore,
 *   package.json "engines", and no Nx prune targets in the apps' project.json
 *   (the image installs from the build's generated package.json instead).
 * Then it tests itself: a copy of those files broken in a dozen known ways
 * must be reported for each. Prints one line per problem and exits 1 if there
 * is any. CHECK_DEPLOY_ROOT=<dir> checks another checkout (no self-test).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';

const require = createRequire(import.meta.url);
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

// CHECK_DEPLOY_ROOT: check another checkout (the rules' own tests run it on broken copies).
const REPO = process.env.CHECK_DEPLOY_ROOT ?? join(fileURLToPath(import.meta.url), '..', '..');
const read = (path) => readFileSync(join(REPO, path), 'utf8');
const VERSIONS = Object.fromEntries(
  Object.entries(JSON.parse(read('deploy/versions.json'))).filter(([k]) => !k.startsWith('$')),
);
const APPS = Object.keys(VERSIONS);
/** Each block app's schema, so its database role (block G: `pokervod_<schema>`); the dashboard has none. */
const SCHEMA_OF = {
  orchestrator: 'orchestrator',
  'nas-inventory': 'nas',
  catalog: 'catalog',
  'hand-analysis': 'hands',
  'sheets-sync': 'sheets',
  api: 'search',
};
const QUEUE_SCALED = ['nas-inventory', 'catalog', 'hand-analysis', 'sheets-sync'];
const CPU_SCALED = ['api', 'dashboard'];

const problems = [];
let checks = 0;
const check = (ok, message) => {
  checks++;
  if (!ok) problems.push(message);
  return ok;
};

const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
// Compose durations are Go-style ("10s", "1m30s"), not ISO 8601.
ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
const describe = (errors) =>
  (errors ?? [])
    .slice(0, 5)
    .map(
      (e) =>
        `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}`,
    )
    .join('; ');

checkCompose();
checkDockerfile();
checkKubernetes();
// The rules' own test: a copy broken in known ways must fail with each reason.
if (!process.env.CHECK_DEPLOY_ROOT) selfTest();

if (problems.length > 0) {
  for (const p of problems) console.error(`✗ ${p}`);
  console.error(`\ncheck:deploy: ${problems.length} problem(s) in ${checks} checks`);
  process.exit(1);
}
console.log(`check:deploy: ${checks} checks passed (compose, Dockerfile, k8s overlays)`);

// ---------------------------------------------------------------------------

function checkCompose() {
  const file = 'docker-compose.yml';
  const compose = parse(read(file), { merge: true });
  const validate = ajv.compile(JSON.parse(read('deploy/schemas/compose.schema.json')));
  check(validate(compose), `${file}: not a valid Compose file: ${describe(validate.errors)}`);
  const services = compose.services ?? {};
  const env = (name) => services[name]?.environment ?? {};

  for (const [name, service] of Object.entries(services)) {
    for (const dep of Object.keys(service.depends_on ?? {}))
      check(dep in services, `${file}: ${name} depends on unknown service ${dep}`);
    const image = service.image ?? '';
    check(/:[^/]+$/.test(image) && !image.endsWith(':latest'), `${file}: ${name}: image "${image}" needs a pinned tag`);
    const own = /^pokervod\/([a-z-]+):(.+)$/.exec(image);
    if (own) {
      check(
        own[2] === VERSIONS[own[1]],
        `${file}: ${name}: ${image} but deploy/versions.json says ${VERSIONS[own[1]]}`,
      );
      if (service.build)
        check(
          service.build.args?.VERSION === VERSIONS[own[1]] && service.build.args?.APP === own[1],
          `${file}: ${name}: build args APP/VERSION must be ${own[1]}/${VERSIONS[own[1]]}`,
        );
    }
    // Every URL in the environment names a service of this file.
    for (const [key, value] of Object.entries(service.environment ?? {})) {
      const m = /^[a-z]+:\/\/(?:[^@/]*@)?([a-z0-9-]+):\d+/.exec(String(value));
      if (m) check(m[1] in services, `${file}: ${name}: ${key} points at ${m[1]}, which is not a service`);
    }
  }
  for (const app of APPS) {
    check(app in services, `${file}: no service for app ${app}`);
    check(
      env(app).OTEL_EXPORTER_OTLP_ENDPOINT === 'http://otel-collector:4318',
      `${file}: ${app} must export traces to http://otel-collector:4318`,
    );
    check(
      Number(env(app).PORT) > 0 && (services[app]?.ports ?? []).some((p) => String(p).endsWith(`:${env(app).PORT}`)),
      `${file}: ${app} must set PORT and publish it`,
    );
    const user = env(app).DATABASE_URL ? new URL(env(app).DATABASE_URL).username : undefined;
    const expected = SCHEMA_OF[app] ? `pokervod_${SCHEMA_OF[app]}` : app === 'database' ? 'postgres' : undefined;
    check(user === expected, `${file}: ${app} must connect as ${expected ?? 'nobody (no DATABASE_URL)'}, not ${user}`);
    const hasKey = 'ORCHESTRATOR_API_KEY' in env(app);
    check(
      hasKey === ['orchestrator', 'api'].includes(app),
      `${file}: ORCHESTRATOR_API_KEY only for orchestrator and api (${app})`,
    );
    const hasGoogle = 'GOOGLE_APPLICATION_CREDENTIALS' in env(app);
    check(
      hasGoogle === (app === 'sheets-sync'),
      `${file}: GOOGLE_APPLICATION_CREDENTIALS only for sheets-sync (${app})`,
    );
  }
  check(
    env('database-migrate').DATABASE_SCHEMA_ROLES === 'on',
    `${file}: database-migrate must create the schema roles`,
  );
  check(
    JSON.stringify(services['database-migrate']?.command) === '["node","main.js","migrate"]',
    `${file}: database-migrate runs \`node main.js migrate\``,
  );
  check(env('dashboard').API_URL === 'http://api:3000', `${file}: dashboard needs API_URL=http://api:3000`);
  check(env('api').ORCHESTRATOR_URL === 'http://orchestrator:3001', `${file}: api needs ORCHESTRATOR_URL`);
  check(env('api').NAS_ROOTS === '/data/nas', `${file}: api needs NAS_ROOTS=/data/nas`);
  for (const [app, mount] of [
    ['nas-inventory', './samples/nas:/data/nas:ro'],
    ['api', './samples/nas:/data/nas:ro'],
    ['sheets-sync', './samples/hand-log:/data/sheets:ro'],
  ])
    check((services[app]?.volumes ?? []).includes(mount), `${file}: ${app} must mount ${mount}`);
  check(
    services['dashboard']?.depends_on?.api?.condition === 'service_healthy',
    `${file}: dashboard waits for a healthy api`,
  );
  check((services['jaeger']?.ports ?? []).includes('16686:16686'), `${file}: Jaeger's UI must be published on 16686`);
  check(
    /otel\/opentelemetry-collector-contrib:/.test(services['otel-collector']?.image ?? ''),
    `${file}: no collector`,
  );
  check(
    existsSync(join(REPO, 'deploy/otel-collector/config.yaml')) &&
      /otlp\/jaeger[\s\S]*endpoint: jaeger:4317/.test(read('deploy/otel-collector/config.yaml')),
    'deploy/otel-collector/config.yaml must forward traces to jaeger:4317',
  );
  check(
    Object.keys(services['sample-sync']?.depends_on ?? {}).length >= 5,
    `${file}: sample-sync must wait for the blocks before the first sync`,
  );
}

// ---------------------------------------------------------------------------

function checkDockerfile() {
  const file = 'deploy/Dockerfile';
  const lines = read(file)
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const args = {};
  for (const l of lines) {
    const m = /^ARG ([A-Z_]+)=(\S+)/.exec(l);
    if (m) args[m[1]] ??= m[2];
  }
  const expand = (s) => s.replace(/\$\{([A-Z_]+)\}/g, (_, k) => args[k] ?? '');
  const stages = [];
  for (const l of lines) {
    const [instr, ...rest] = l.split(/\s+/);
    const text = rest.join(' ');
    if (instr === 'FROM') {
      const image = expand(rest[0]);
      stages.push({ image, user: undefined, cmd: undefined });
      if (!stages.some((s) => s.name === image))
        check(/:[^/]+$/.test(image) && !/:latest$/.test(image), `${file}: FROM ${image}: pin a tag (DL3006/DL3007)`);
      if (rest[1]?.toUpperCase() === 'AS') stages.at(-1).name = rest[2];
    }
    if (instr === 'ADD') check(false, `${file}: use COPY instead of ADD (DL3020): ${l}`);
    if (instr === 'WORKDIR') check(text.startsWith('/'), `${file}: WORKDIR must be absolute (DL3000): ${l}`);
    if (instr === 'USER') stages.at(-1).user = text;
    if (instr === 'CMD' || instr === 'ENTRYPOINT') {
      stages.at(-1).cmd = text;
      check(/^\[.*\]$/.test(text), `${file}: ${instr} in exec form, so node gets SIGTERM (DL3025): ${l}`);
    }
    if (instr === 'RUN') {
      check(!/\bnpm install\b/.test(text), `${file}: npm ci, not npm install (reproducible): ${l}`);
      check(!/\bsudo\b/.test(text), `${file}: no sudo (DL3004)`);
      check(!/(^|&&|;)\s*cd\s/.test(text), `${file}: use WORKDIR instead of cd (DL3003): ${l}`);
      if (/apt-get install/.test(text)) {
        check(/--no-install-recommends/.test(text), `${file}: apt-get install --no-install-recommends (DL3015)`);
        check(/ -y\b/.test(text), `${file}: apt-get install -y (DL3014)`);
        check(/rm -rf \/var\/lib\/apt\/lists/.test(text), `${file}: remove the apt lists (DL3009)`);
      }
    }
  }
  const runtime = stages.at(-1);
  check(Boolean(runtime?.cmd), `${file}: the runtime stage needs a CMD`);
  check(
    Boolean(runtime?.user) && !/^(root|0)(:|$)/.test(runtime.user),
    `${file}: the runtime stage must run as a non-root USER (DL3002)`,
  );
  check(
    /npm ci --omit=dev/.test(read(file)),
    `${file}: the image holds production dependencies only (npm ci --omit=dev)`,
  );
  check(/nx build "\$\{APP\}"/.test(read(file)), `${file}: build the app with Nx`);
  check(
    /generatePackageJson: true/.test(read('tools/webpack/app.config.js')),
    'tools/webpack/app.config.js: generatePackageJson, so each image installs only its own dependencies',
  );
  check(
    read(file).includes('COPY --from=builder /repo/dist/apps/${APP}/ ./'),
    `${file}: install from the app's generated package.json and lockfile, not the workspace's`,
  );
  // Nx's Docker generator adds prune targets that read apps/<app>/package.json,
  // which the apps lack: they would only fail, and the image does not use them.
  for (const app of APPS) {
    const project = `apps/${app}/project.json`;
    if (!existsSync(join(REPO, project)) || existsSync(join(REPO, `apps/${app}/package.json`))) continue;
    for (const [name, target] of Object.entries(JSON.parse(read(project)).targets ?? {}))
      check(
        !/^@nx\/js:(prune-lockfile|copy-workspace-modules)$/.test(target.executor ?? ''),
        `${project}: target ${name} (${target.executor}) needs apps/${app}/package.json; the image uses the build's generated one`,
      );
  }
  const nodeMajor = /^node:(\d+)/.exec(args.NODE_IMAGE ?? '')?.[1];
  check(nodeMajor === '22', `${file}: the base image must be Node 22 LTS (is ${args.NODE_IMAGE})`);
  const engines = JSON.parse(read('package.json')).engines?.node ?? '';
  check(
    /\b22\b|\^22/.test(engines) && /\b20\b|\^20/.test(engines),
    `package.json: engines.node must list 20 and 22 (is "${engines}")`,
  );
  const dockerignore = read('.dockerignore').split('\n');
  for (const entry of ['.env', '.git', 'node_modules'])
    check(dockerignore.includes(entry), `.dockerignore must list ${entry}`);
  check(read('.gitignore').split('\n').includes('.env'), '.gitignore must list .env');
}

// ---------------------------------------------------------------------------

function checkKubernetes() {
  const schema = JSON.parse(read('deploy/schemas/kubernetes.schema.json'));
  const validators = {};
  for (const kind of Object.keys(schema.kinds)) {
    validators[kind] = ajv.compile({ ...schema.kinds[kind], definitions: schema.definitions });
  }
  const overlays = readdirSync(join(REPO, 'k8s/overlays')).filter((d) =>
    statSync(join(REPO, 'k8s/overlays', d)).isDirectory(),
  );
  check(overlays.includes('dev') && overlays.includes('prod'), 'k8s/overlays needs dev and prod');
  let kubectl = true;
  try {
    execFileSync('kubectl', ['version', '--client'], { stdio: 'ignore' });
  } catch {
    kubectl = false;
  }
  if (!kubectl) {
    // Still validate every complete object under k8s/, one file at a time.
    console.warn(
      'check:deploy: kubectl not found; overlays are not rendered, only k8s/base and components files are validated',
    );
    for (const path of yamlFiles('k8s')) {
      if (/kustomization\.yaml$|overlays\//.test(path)) continue;
      for (const doc of parseAllDocuments(read(path))) {
        const obj = doc.toJS();
        if (obj?.kind) validateObject(validators, obj, relative(REPO, join(REPO, path)));
      }
    }
    return;
  }
  for (const overlay of overlays) {
    const rendered = execFileSync('kubectl', ['kustomize', join(REPO, 'k8s/overlays', overlay)], { encoding: 'utf8' });
    const objects = parseAllDocuments(rendered)
      .map((d) => d.toJS())
      .filter(Boolean);
    const where = `k8s/overlays/${overlay}`;
    for (const obj of objects) validateObject(validators, obj, where);
    checkRules(objects, where, overlay);
  }
}

function yamlFiles(dir) {
  return readdirSync(join(REPO, dir)).flatMap((name) => {
    const path = `${dir}/${name}`;
    if (statSync(join(REPO, path)).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) && !name.includes('template') ? [path] : [];
  });
}

function validateObject(validators, obj, where) {
  const key = `${obj.apiVersion}/${obj.kind}`;
  const validate = validators[key];
  if (
    !check(
      Boolean(validate),
      `${where}: ${key} ${obj.metadata?.name}: no schema for this kind (add it to deploy/schemas)`,
    )
  )
    return;
  check(validate(obj), `${where}: ${obj.kind} ${obj.metadata?.name}: ${describe(validate.errors)}`);
  const model = kubernetesModel(obj);
  if (model) {
    try {
      model.validate();
    } catch (error) {
      check(false, `${where}: ${obj.kind} ${obj.metadata?.name} (kubernetes-models): ${error.message}`);
    }
  }
}

/** `kubernetes-models` validation when that package is installed (it is not a dependency yet). */
function kubernetesModel(obj) {
  try {
    const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
    const path = group
      ? `kubernetes-models/${group}/${version}/${obj.kind}`
      : `kubernetes-models/${version}/${obj.kind}`;
    const Model = require(path)[obj.kind];
    return Model ? new Model(obj) : undefined;
  } catch {
    return undefined;
  }
}

function checkRules(objects, where, overlay) {
  const of = (kind) => objects.filter((o) => o.kind === kind);
  const named = (kind, name) => of(kind).find((o) => o.metadata.name === name);
  const workloads = [...of('Deployment'), ...of('Job')];

  for (const w of workloads) {
    const pod = w.spec.template.spec;
    const id = `${where}: ${w.kind} ${w.metadata.name}`;
    check(
      pod.securityContext?.seccompProfile?.type === 'RuntimeDefault',
      `${id}: pod seccompProfile must be RuntimeDefault`,
    );
    check(pod.securityContext?.runAsNonRoot === true, `${id}: pod must runAsNonRoot`);
    check(
      pod.automountServiceAccountToken === false,
      `${id}: no service-account token (the apps never call the API server)`,
    );
    for (const c of pod.containers) {
      const sc = c.securityContext ?? {};
      check(sc.allowPrivilegeEscalation === false, `${id}/${c.name}: allowPrivilegeEscalation must be false`);
      check(sc.readOnlyRootFilesystem === true, `${id}/${c.name}: readOnlyRootFilesystem must be true`);
      check((sc.capabilities?.drop ?? []).includes('ALL'), `${id}/${c.name}: drop ALL capabilities`);
      check(Boolean(c.resources?.requests && c.resources?.limits), `${id}/${c.name}: requests and limits`);
      check(
        /:[^/:]+$/.test(c.image) && !c.image.endsWith(':latest'),
        `${id}/${c.name}: image ${c.image} needs a pinned tag`,
      );
      const own = /^pokervod\/([a-z-]+):(.+)$/.exec(c.image);
      if (own)
        check(own[2] === VERSIONS[own[1]], `${id}: ${c.image} but deploy/versions.json says ${VERSIONS[own[1]]}`);
    }
  }

  // One Deployment + Service per app; each app sees only its own Secret(s).
  for (const app of APPS) {
    const d = named('Deployment', app);
    if (!check(Boolean(d), `${where}: no Deployment ${app}`)) continue;
    const svc = named('Service', app);
    check(Boolean(svc), `${where}: no Service ${app}`);
    const c = d.spec.template.spec.containers[0];
    check(c.image.startsWith(`pokervod/${app}:`), `${where}: ${app} runs ${c.image}`);
    const secrets = [
      ...(c.envFrom ?? []).filter((e) => e.secretRef).map((e) => e.secretRef.name),
      ...(c.env ?? []).filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.valueFrom.secretKeyRef.name),
      ...(d.spec.template.spec.volumes ?? []).filter((v) => v.secret).map((v) => v.secret.secretName),
    ];
    for (const s of secrets)
      check(
        s === `pokervod-${app}` || s.startsWith(`pokervod-${app}-`),
        `${where}: ${app} reads another app's Secret ${s}`,
      );
    check(
      (secrets.length === 0) === (app === 'dashboard'),
      `${where}: ${app} ${app === 'dashboard' ? 'needs no' : 'needs its own'} Secret`,
    );
    const google = (c.env ?? []).some((e) => e.name === 'GOOGLE_APPLICATION_CREDENTIALS');
    check(google === (app === 'sheets-sync'), `${where}: GOOGLE_APPLICATION_CREDENTIALS only for sheets-sync (${app})`);
    const port = c.ports?.find((p) => p.name === 'http')?.containerPort;
    check(
      svc?.spec.ports.some((p) => p.targetPort === 'http'),
      `${where}: Service ${app} must target the http port`,
    );
    check(
      String(port) === (c.env ?? []).find((e) => e.name === 'PORT')?.value,
      `${where}: ${app}'s PORT must be its http port`,
    );
    check(
      CPU_SCALED.includes(app) || QUEUE_SCALED.includes(app) ? d.spec.replicas === undefined : d.spec.replicas === 1,
      `${where}: ${app}: replicas ${CPU_SCALED.includes(app) || QUEUE_SCALED.includes(app) ? 'belong to its autoscaler' : 'must be 1'}`,
    );
  }
  const envOf = (app, name) =>
    named('Deployment', app)?.spec.template.spec.containers[0].env?.find((e) => e.name === name)?.value;
  check(envOf('dashboard', 'API_URL') === 'http://api:3000', `${where}: dashboard needs API_URL=http://api:3000`);
  check(envOf('api', 'ORCHESTRATOR_URL') === 'http://orchestrator:3001', `${where}: api needs ORCHESTRATOR_URL`);
  const config = named('ConfigMap', 'pokervod-config')?.data ?? {};
  check(
    config.OTEL_EXPORTER_OTLP_ENDPOINT === 'http://otel-collector:4318',
    `${where}: apps must export to http://otel-collector:4318`,
  );
  check(config.NAS_ROOTS === '/data/nas', `${where}: NAS_ROOTS=/data/nas (api streams from it)`);
  check(
    Boolean(named('Deployment', 'otel-collector') && named('Service', 'otel-collector')),
    `${where}: no otel-collector`,
  );
  for (const app of ['nas-inventory', 'api'])
    check(
      named('Deployment', app)?.spec.template.spec.containers[0].volumeMounts?.some(
        (m) => m.mountPath === '/data/nas' && m.readOnly,
      ),
      `${where}: ${app} mounts the NAS read-only at /data/nas`,
    );

  // Services select pods that exist.
  for (const svc of of('Service')) {
    const pods = workloads.filter((w) => matches(svc.spec.selector ?? {}, w.spec.template.metadata?.labels));
    check(pods.length > 0, `${where}: Service ${svc.metadata.name} selects no pod`);
  }
  // Autoscaling.
  for (const app of CPU_SCALED) {
    const hpa = named('HorizontalPodAutoscaler', app);
    check(
      hpa?.spec.scaleTargetRef.name === app && hpa?.spec.scaleTargetRef.kind === 'Deployment',
      `${where}: HPA for ${app}`,
    );
    if (overlay === 'prod') check(hpa?.spec.minReplicas >= 2, `${where}: ${app} runs 2+ replicas in prod`);
  }
  const scaled = of('ScaledObject');
  if (overlay !== 'dev' || scaled.length > 0) {
    for (const app of QUEUE_SCALED) {
      const so = named('ScaledObject', app);
      if (!check(Boolean(so), `${where}: no KEDA ScaledObject for ${app}`)) continue;
      check(so.spec.scaleTargetRef.name === app, `${where}: ScaledObject ${app} scales ${so.spec.scaleTargetRef.name}`);
      const queues = so.spec.triggers.map((t) => t.metadata.queueName);
      check(queues.includes(`pokervod.${app}`), `${where}: ScaledObject ${app} must watch queue pokervod.${app}`);
      for (const t of so.spec.triggers) {
        check(t.type === 'rabbitmq', `${where}: ScaledObject ${app}: rabbitmq triggers only`);
        check(
          Boolean(named('TriggerAuthentication', t.authenticationRef?.name)),
          `${where}: ScaledObject ${app}: unknown auth`,
        );
      }
      if (overlay === 'prod') check(so.spec.minReplicaCount >= 2, `${where}: ${app} runs 2+ replicas in prod`);
    }
  }
  for (const hpa of of('HorizontalPodAutoscaler'))
    check(
      !scaled.some((s) => s.spec.scaleTargetRef.name === hpa.spec.scaleTargetRef.name),
      `${where}: HPA and KEDA both scale ${hpa.metadata.name}`,
    );
  for (const app of [...CPU_SCALED, ...QUEUE_SCALED]) {
    const pdb = of('PodDisruptionBudget').find((p) =>
      matches(p.spec.selector.matchLabels, named('Deployment', app)?.spec.template.metadata.labels),
    );
    check(Boolean(pdb), `${where}: no PodDisruptionBudget for ${app}`);
  }
  for (const pdb of of('PodDisruptionBudget'))
    check(
      workloads.some((w) => matches(pdb.spec.selector.matchLabels, w.spec.template.metadata?.labels)),
      `${where}: PDB ${pdb.metadata.name} selects nothing`,
    );

  // Ingress backends exist.
  const ingresses = of('Ingress');
  check(ingresses.length > 0, `${where}: no Ingress`);
  const backends = ingresses.flatMap((i) => i.spec.rules.flatMap((r) => r.http.paths.map((p) => p.backend.service)));
  for (const b of backends) {
    const svc = named('Service', b.name);
    check(
      Boolean(svc?.spec.ports.some((p) => p.name === b.port.name || p.port === b.port.number)),
      `${where}: Ingress backend ${b.name}:${b.port.name ?? b.port.number} does not exist`,
    );
  }
  for (const app of ['dashboard', 'api'])
    check(
      backends.some((b) => b.name === app),
      `${where}: no Ingress for ${app}`,
    );

  checkNetworkPolicies(objects, where);

  // The migration runs before the rollout.
  const job = named('Job', 'database-migrate');
  if (check(Boolean(job), `${where}: no database-migrate Job`)) {
    check(
      job.metadata.annotations?.['argocd.argoproj.io/hook'] === 'PreSync',
      `${where}: the migrate Job is an Argo CD PreSync hook`,
    );
    check(
      job.metadata.labels?.['pokervod.io/pre-deploy'] === 'true',
      `${where}: the migrate Job is labelled pokervod.io/pre-deploy`,
    );
    check(
      JSON.stringify(job.spec.template.spec.containers[0].command) === '["node","main.js","migrate"]',
      `${where}: the migrate Job runs \`node main.js migrate\``,
    );
    for (const kind of ['Namespace', 'ConfigMap']) {
      const needed = kind === 'Namespace' ? named(kind, 'pokervod') : named(kind, 'pokervod-config');
      check(
        needed?.metadata.labels?.['pokervod.io/pre-deploy'] === 'true',
        `${where}: ${kind} must be applied before the Job (pre-deploy label)`,
      );
    }
  }

  if (overlay === 'prod') {
    const rabbit = of('RabbitmqCluster')[0];
    check(
      /default_queue_type\s*=\s*quorum/.test(rabbit?.spec?.rabbitmq?.additionalConfig ?? ''),
      `${where}: RabbitmqCluster with quorum queues`,
    );
    check((rabbit?.spec?.replicas ?? 0) >= 3, `${where}: RabbitmqCluster needs 3 nodes for quorum queues`);
    const pg = of('Cluster').find((c) => c.apiVersion === 'postgresql.cnpg.io/v1');
    const roles = (pg?.spec.managed?.roles ?? []).map((r) => r.name);
    for (const schema of Object.values(SCHEMA_OF))
      check(roles.includes(`pokervod_${schema}`), `${where}: CloudNativePG role pokervod_${schema}`);
    check(pg?.spec.instances >= 2, `${where}: CloudNativePG needs a replica`);
  }
}

function matches(selector, labels) {
  return Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
}

function selects(selector, labels) {
  if (!selector) return true;
  if (!matches(selector.matchLabels, labels)) return false;
  return (selector.matchExpressions ?? []).every((e) => {
    const has = labels && e.key in labels;
    if (e.operator === 'In') return has && e.values.includes(labels[e.key]);
    if (e.operator === 'NotIn') return !has || !e.values.includes(labels[e.key]);
    if (e.operator === 'Exists') return has;
    return !has;
  });
}

/** The flows the apps need, evaluated against the rendered NetworkPolicies (the same rules a CNI applies). */
function checkNetworkPolicies(objects, where) {
  const policies = objects.filter((o) => o.kind === 'NetworkPolicy');
  const pods = Object.fromEntries(
    objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Job').map((w) => [w.metadata.name, w]),
  );
  const labelsOf = (name) => pods[name]?.spec.template.metadata.labels ?? {};
  const portOf = (name, port) =>
    typeof port === 'number'
      ? port
      : pods[name]?.spec.template.spec.containers[0].ports?.find((p) => p.name === port)?.containerPort;
  const portMatches = (rulePorts, dstName, port) =>
    !rulePorts || rulePorts.some((p) => (typeof p.port === 'string' ? portOf(dstName, p.port) : p.port) === port);
  const peerMatches = (peers, peer) =>
    !peers ||
    peers.some((p) =>
      p.namespaceSelector
        ? peer.namespace !== undefined &&
          selects(p.namespaceSelector, { 'kubernetes.io/metadata.name': peer.namespace }) &&
          selects(p.podSelector, peer.labels)
        : p.ipBlock
          ? peer.ip === true
          : peer.namespace === undefined && selects(p.podSelector, peer.labels),
    );
  const isolated = (labels, type) =>
    policies.filter((p) => (p.spec.policyTypes ?? ['Ingress']).includes(type) && selects(p.spec.podSelector, labels));
  const egressOk = (src, dst) => {
    const applying = isolated(labelsOf(src), 'Egress');
    return (
      applying.length === 0 ||
      applying.some((p) =>
        (p.spec.egress ?? []).some((r) => portMatches(r.ports, dst.name, dst.port) && peerMatches(r.to, dst)),
      )
    );
  };
  const ingressOk = (dstName, src, port) => {
    const applying = isolated(labelsOf(dstName), 'Ingress');
    return (
      applying.length === 0 ||
      applying.some((p) =>
        (p.spec.ingress ?? []).some((r) => portMatches(r.ports, dstName, port) && peerMatches(r.from, src)),
      )
    );
  };
  const denyAll = policies.find(
    (p) =>
      Object.keys(p.spec.podSelector).length === 0 &&
      (p.spec.policyTypes ?? []).length === 2 &&
      !p.spec.ingress &&
      !p.spec.egress,
  );
  check(Boolean(denyAll), `${where}: no default-deny NetworkPolicy`);
  const dns = { name: 'kube-dns', labels: { 'k8s-app': 'kube-dns' }, namespace: 'kube-system', port: 53 };
  const external = (port) => ({
    name: '',
    labels: { 'app.kubernetes.io/name': 'external' },
    namespace: 'pokervod-data',
    ip: true,
    port,
  });
  const backends = ['orchestrator', 'nas-inventory', 'catalog', 'hand-analysis', 'sheets-sync', 'api', 'database'];
  for (const app of [...backends, 'dashboard', 'database-migrate']) {
    if (!pods[app]) continue;
    check(egressOk(app, dns), `${where}: ${app} cannot resolve DNS`);
    const collector = { name: 'otel-collector', labels: labelsOf('otel-collector'), port: 4318 };
    check(
      egressOk(app, collector) && ingressOk('otel-collector', { labels: labelsOf(app) }, 4318),
      `${where}: ${app} cannot reach otel-collector:4318`,
    );
  }
  for (const app of [...backends, 'database-migrate']) {
    if (!pods[app]) continue;
    check(egressOk(app, external(5432)), `${where}: ${app} cannot reach Postgres :5432`);
    if (app !== 'database-migrate')
      check(egressOk(app, external(5672)), `${where}: ${app} cannot reach RabbitMQ :5672`);
  }
  const flow = (src, dst, port) =>
    check(
      egressOk(src, { name: dst, labels: labelsOf(dst), port }) && ingressOk(dst, { labels: labelsOf(src) }, port),
      `${where}: ${src} cannot reach ${dst}:${port}`,
    );
  flow('dashboard', 'api', 3000);
  flow('api', 'orchestrator', 3001);
  const ingressController = { labels: {}, namespace: 'ingress-nginx' };
  check(
    ingressOk('dashboard', ingressController, 8080),
    `${where}: the ingress controller cannot reach dashboard:8080`,
  );
  check(ingressOk('api', ingressController, 3000), `${where}: the ingress controller cannot reach api:3000`);
  // And what must stay closed.
  check(!egressOk('dashboard', external(5432)), `${where}: the dashboard must not reach Postgres`);
  check(
    !ingressOk('orchestrator', { labels: labelsOf('dashboard') }, 3001),
    `${where}: only the api may call the orchestrator`,
  );
  check(!ingressOk('catalog', ingressController, 3102), `${where}: blocks are not reachable from the ingress`);
  for (const app of Object.keys(pods).filter((n) => n !== 'database-migrate'))
    check(
      ingressOk(app, { labels: {}, ip: true }, portOf(app, 'http') ?? portOf(app, 'health')),
      `${where}: kubelet probes cannot reach ${app}`,
    );
}

// ---------------------------------------------------------------------------

/** Breaks a copy of the deploy files in one way per rule family; every break must be reported. */
function selfTest() {
  const copy = mkdtempSync(join(tmpdir(), 'check-deploy-'));
  try {
    for (const path of ['deploy', 'k8s', 'tools/webpack'])
      cpSync(join(REPO, path), join(copy, path), { recursive: true });
    for (const path of [
      'docker-compose.yml',
      'package.json',
      '.dockerignore',
      '.gitignore',
      'apps/catalog/project.json',
    ])
      cpSync(join(REPO, path), join(copy, path));
    const edit = (path, from, to) => {
      const text = readFileSync(join(copy, path), 'utf8');
      if (!text.includes(from)) throw new Error(`self-test: "${from}" not in ${path}`);
      writeFileSync(join(copy, path), text.replace(from, to));
    };
    edit('docker-compose.yml', '  stop_grace_period: 30s', '  stop_grace_period: 30s\n  restrat: always');
    edit('docker-compose.yml', 'API_URL: http://api:3000', 'API_URL: http://apii:3000');
    edit('docker-compose.yml', 'image: pokervod/catalog:0.1.0', 'image: pokervod/catalog:latest');
    edit('deploy/Dockerfile', 'USER node', '');
    edit('deploy/Dockerfile', 'npm ci --omit=dev', 'npm install --omit=dev');
    edit(
      'apps/catalog/project.json',
      '"targets": {',
      '"targets": { "prune-lockfile": { "executor": "@nx/js:prune-lockfile" },',
    );
    edit('.gitignore', '\n.env\n', '\n');
    edit('k8s/base/apps/catalog.yaml', '        seccompProfile:\n          type: RuntimeDefault\n', '');
    edit('k8s/base/apps/api.yaml', 'name: pokervod-api', 'name: pokervod-orchestrator');
    edit('k8s/base/apps/orchestrator.yaml', '  replicas: 1', '  replicaz: 1');
    edit('k8s/base/network-policies.yaml', 'port: 3001', 'port: 3002');
    edit('k8s/base/scaling/keda.yaml', 'queueName: pokervod.hand-analysis\n', 'queueName: pokervod.hands\n');
    edit('k8s/components/pre-deploy-migration/database-migrate-job.yaml', 'hook: PreSync', 'hook: PostSync');
    const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url)], {
      env: { ...process.env, CHECK_DEPLOY_ROOT: copy },
      encoding: 'utf8',
    });
    const expected = [
      'not a valid Compose file: /services/database must NOT have additional properties (restrat)',
      'dashboard: API_URL points at apii',
      'image "pokervod/catalog:latest" needs a pinned tag',
      'must run as a non-root USER',
      'npm ci, not npm install',
      'apps/catalog/project.json: target prune-lockfile (@nx/js:prune-lockfile) needs apps/catalog/package.json',
      '.gitignore must list .env',
      'Deployment catalog: pod seccompProfile must be RuntimeDefault',
      "api reads another app's Secret pokervod-orchestrator",
      'Deployment orchestrator: /spec must NOT have additional properties (replicaz)',
      'api cannot reach orchestrator:3001',
      'ScaledObject hand-analysis must watch queue pokervod.hand-analysis',
      'the migrate Job is an Argo CD PreSync hook',
    ];
    check(run.status === 1, `self-test: the broken copy must fail (exit ${run.status})`);
    for (const message of expected)
      check(run.stderr.includes(message), `self-test: the broken copy was not reported: ${message}`);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}
