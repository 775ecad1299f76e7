/// <reference types="jest" />
// For `itFuzzesEveryRoute`, which registers Jest tests; the rest runs anywhere (benchmarks too).
import * as http from 'node:http';
import fc from 'fast-check';

/** What a fuzz test knows about one route, keyed `"GET /api/x/:id"`. */
export interface FuzzRoute {
  /** Query parameters it reads (others are sent too, at random). */
  query?: readonly string[];
  /** Field names its body may hold (bodies are sent to every route, at random). */
  fields?: readonly string[];
  /** A server-sent event stream: only its head is read. */
  stream?: boolean;
}

export type FuzzRoutes = Record<string, FuzzRoute>;

/** The routes service-kit gives every app with a message bus: health, metrics and the dead-letter admin. */
export const SERVICE_KIT_ROUTES: FuzzRoutes = Object.freeze({
  'GET /health/live': {},
  'GET /health/ready': {},
  'GET /metrics': {},
  'GET /admin/dead-letters': { query: ['limit'] },
  'POST /admin/dead-letters/replay': { query: ['limit'] },
});

/** Settings an app under fuzz runs with: hostile requests should reach validation, not the rate limit. */
export const FUZZ_ENV: Readonly<Record<string, string>> = Object.freeze({ HTTP_RATE_LIMIT: '1000000' });

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

export interface FuzzAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** Every route an Express-based Nest app serves, as `"GET /path/:param"`. */
export function listRoutes(app: { getHttpAdapter(): { getInstance(): unknown } }): string[] {
  const express = app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
  };
  const routes = new Set<string>();
  for (const layer of express.router.stack) {
    if (!layer.route) continue;
    // Nest's catch-all for unknown paths (404): fuzzed through `fixedRequests`' unknown paths instead.
    if (layer.route.path === '/{*path}') continue;
    for (const [method, on] of Object.entries(layer.route.methods)) {
      if (on && method !== '_all') routes.add(`${method.toUpperCase()} ${layer.route.path}`);
    }
  }
  return [...routes].sort();
}

/** Percent-encodes every byte but the unreserved ones: any bytes (invalid UTF-8 too) become a legal URL part. */
export function encodeBytes(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) {
    out += /[A-Za-z0-9\-._~]/.test(String.fromCharCode(b))
      ? String.fromCharCode(b)
      : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** URL-encoded values that have broken servers: NUL, bad UTF-8, numbers past every limit, odd words. */
export const HOSTILE_URL_VALUES: readonly string[] = [
  '%00',
  '%00%FF%FE',
  'a%00b',
  '%FF%FE',
  '%C0%80',
  '%ED%A0%80',
  '%E0%80',
  '%F4%90%80%80',
  '%',
  '%zz',
  '%25',
  '..%2F..%2Fetc%2Fpasswd',
  '-1',
  '0',
  '-0',
  '1.5',
  '1e309',
  '-1e309',
  '9007199254740993',
  '99999999999999999999999999',
  '-99999999999999999999999999',
  '2147483648',
  'NaN',
  'Infinity',
  '0x10',
  '%201',
  'true',
  'null',
  '%5B%5D',
  '%7B%7D',
  '__proto__',
  'constructor',
  "'%20OR%201%3D1--",
  '%E2%80%AE',
  '%F0%9F%82%A1',
  encodeURIComponent('포커 월드 시리즈'),
  'A'.repeat(8000),
];

const numberText = fc.oneof(
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }).map(String),
  fc.double().map(String),
  fc.integer().map(String),
);

/** One URL value: a known hostile one, random bytes (mostly invalid UTF-8), a number, or random text. */
const urlValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_URL_VALUES) },
  { weight: 2, arbitrary: fc.uint8Array({ maxLength: 40 }).map(encodeBytes) },
  { weight: 2, arbitrary: numberText.map((n) => encodeURIComponent(n)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).map((s) => encodeBytes(Buffer.from(s))) },
);

/** `name=v`, `name=v&name=w` (an array where a scalar is expected), `name[]=v`, `name[k]=v`, or a bare `name`. */
function queryPart(name: string): fc.Arbitrary<string> {
  const n = encodeURIComponent(name);
  return fc.oneof(
    { weight: 4, arbitrary: urlValue.map((v) => `${n}=${v}`) },
    {
      weight: 2,
      arbitrary: fc.array(urlValue, { minLength: 2, maxLength: 3 }).map((vs) => vs.map((v) => `${n}=${v}`).join('&')),
    },
    { weight: 1, arbitrary: urlValue.map((v) => `${n}%5B%5D=${v}`) },
    { weight: 1, arbitrary: urlValue.map((v) => `${n}%5Bx%5D%5By%5D=${v}`) },
    { weight: 1, arbitrary: fc.constant(n) },
  );
}

const COMMON_FIELDS = [
  'id',
  'title',
  'name',
  'code',
  'tags',
  'limit',
  'episode_id',
  'file_id',
  '__proto__',
  'constructor',
];

/** A JSON value chosen to break a handler: NUL text, huge and negative numbers, wrong types, deep nesting. */
const hostileJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(
      '\u0000',
      'a\u0000b',
      '\uD800',
      '\uFFFE',
      '',
      ' ',
      'x'.repeat(20_000),
      -1,
      0,
      -0,
      1e308,
      -1e308,
      Number.MAX_SAFE_INTEGER * 2,
      2147483648,
      1.5,
      true,
      null,
      '2026-13-45T99:99:99Z',
      '99:99:99:99',
      'TBD',
    ),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.double(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...COMMON_FIELDS), fc.string({ maxLength: 8 })), tie('value'), {
      maxKeys: 4,
    }),
  ),
})).value;

function jsonBody(fields: readonly string[]): fc.Arbitrary<string> {
  const names = [...new Set([...fields, ...COMMON_FIELDS])];
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.dictionary(fc.constantFrom(...names), hostileJson, { maxKeys: 6 }).map((o) => JSON.stringify(o)),
    },
    { weight: 1, arbitrary: hostileJson.map((v) => JSON.stringify(v) ?? 'null') },
  );
}

/** Raw bodies no JSON parser should accept, or should refuse for size or depth. */
const RAW_BODIES: readonly string[] = [
  '{',
  '{"a":}',
  '{"a":1,}',
  "{'a':1}",
  '\u0000',
  '['.repeat(5000) + ']'.repeat(5000),
  '{"a":'.repeat(3000) + '1' + '}'.repeat(3000),
  'a=1&a=2&b[c][d][e][f][g][h]=1',
  '{"limit":99999999999999999999999,"offset":-1e400,"tags":[1e999]}',
  '<?xml version="1.0"?><a>&lt;</a>',
  '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n\u0000\r\n--x--',
];

const CONTENT_TYPES: readonly (string | undefined)[] = [
  'application/json',
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/octet-stream',
  'a/b/c',
  '*/*',
  undefined,
];

export interface FuzzOptions {
  /** Headers that pass the route's guard (an API key, a webhook secret); sent on about two thirds of requests. */
  authHeaders?: Record<string, string>;
  /** A body bigger than this is sent now and then; it must get 413. */
  bodyLimitBytes?: number;
  /** Ids of things that exist (a clip, an episode): path parameters take them now and then, so hostile bodies and queries reach the code behind the lookup. */
  pathValues?: readonly string[];
}

/** Random requests to the routes: hostile path params, queries, bodies, content types and encodings. */
export function fuzzRequests(routes: FuzzRoutes, options: FuzzOptions = {}): fc.Arbitrary<FuzzRequest> {
  const limit = options.bodyLimitBytes ?? 100 * 1024;
  const entries = Object.entries(routes);
  const known = (options.pathValues ?? []).map((v) => encodeURIComponent(v));
  const pathValue = known.length ? fc.oneof(urlValue, fc.constantFrom(...known)) : urlValue;
  return fc.constantFrom(...entries).chain(([key, route]) => {
    const [method, template] = key.split(' ') as [string, string];
    const params = template.match(/:\w+/g) ?? [];
    const names = [...new Set([...(route.query ?? []), 'limit', 'offset', 'a'])];
    const body = fc.oneof(
      { weight: 3, arbitrary: fc.constant<{ text: string; type?: string } | null>(null) },
      {
        weight: 5,
        arbitrary: fc.record({ text: jsonBody(route.fields ?? []), type: fc.constantFrom(...CONTENT_TYPES) }),
      },
      {
        weight: 2,
        arbitrary: fc.record({ text: fc.constantFrom(...RAW_BODIES), type: fc.constantFrom(...CONTENT_TYPES) }),
      },
      {
        weight: 1,
        arbitrary: fc.constant({ text: JSON.stringify({ a: 'x'.repeat(limit + 1024) }), type: 'application/json' }),
      },
      {
        weight: 1,
        arbitrary: fc.constant({
          text: 'a='.concat('x'.repeat(limit + 1024)),
          type: 'application/x-www-form-urlencoded',
        }),
      },
    );
    return fc
      .record({
        path: fc.tuple(...params.map(() => pathValue)).map((values) => {
          let path = template;
          params.forEach((p, i) => (path = path.replace(p, values[i] || '%00')));
          return path;
        }),
        query: fc.subarray(names).chain((chosen) => fc.tuple(...chosen.map(queryPart))),
        body,
        gzip: fc.boolean(),
        authorized: fc.integer({ min: 0, max: 2 }).map((n) => n > 0),
      })
      .map(({ path, query, body: b, gzip, authorized }): FuzzRequest => {
        const headers: Record<string, string> = authorized ? { ...(options.authHeaders ?? {}) } : {};
        let payload: Buffer | undefined;
        if (b) {
          payload = Buffer.from(b.text, 'utf8');
          if (b.type) headers['content-type'] = b.type;
          // A body claiming gzip that is not: the decoder must refuse it, not crash.
          if (gzip && b.text.length < 1000) headers['content-encoding'] = 'gzip';
        }
        return { method, path: query.length ? `${path}?${query.join('&')}` : path, headers, body: payload };
      });
  });
}

/** Sends one request exactly as given (no URL normalisation) and reads at most the head of the answer. */
export function send(baseUrl: string, request: FuzzRequest, timeoutMs = 10_000): Promise<FuzzAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: request.method,
        path: request.path,
        headers: { ...request.headers, ...(request.body ? { 'content-length': String(request.body.length) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const contentType = String(res.headers['content-type'] ?? '');
        const done = () => {
          resolve({ status: res.statusCode ?? 0, contentType, body: Buffer.concat(chunks).toString('utf8') });
          res.destroy();
        };
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          // An event stream never ends, and nothing here needs more than the head of a body.
          if (contentType.startsWith('text/event-stream') || size > 256 * 1024) done();
        });
        res.on('end', done);
        res.on('error', done);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(request.body);
  });
}

/** Lines of a stack trace or source locations: never in an answer. */
const STACK = /\n\s+at\s|\bat\s+\S+\s+\([^)]*:\d+:\d+\)|node_modules\/|\.[jt]s:\d+:\d+/;

/** What is wrong with an answer to hostile input: a 5xx, a stack trace, an error that is not `{code, message}`. */
export function answerProblems(answer: FuzzAnswer): string[] {
  const problems: string[] = [];
  if (answer.status >= 500) problems.push(`status ${answer.status}`);
  if (STACK.test(answer.body)) problems.push('a stack trace in the body');
  if (answer.status >= 400 && answer.body) {
    try {
      const json = JSON.parse(answer.body) as { code?: unknown; message?: unknown };
      if (typeof json.code !== 'string' || typeof json.message !== 'string')
        problems.push('an error without {code, message}');
    } catch {
      problems.push(`an error that is not JSON (${answer.contentType})`);
    }
  }
  return problems;
}

export function describeRequest(request: FuzzRequest): string {
  const body = request.body
    ? ` body(${request.body.length} B)=${JSON.stringify(request.body.subarray(0, 120).toString('utf8'))}`
    : '';
  return `${request.method} ${request.path.slice(0, 300)} ${JSON.stringify(request.headers)}${body}`;
}

/**
 * The known worst cases for every route, sent before the random ones: each
 * path parameter and query parameter as NUL + invalid UTF-8 (`%00%FF%FE`), a
 * huge and a negative number, a repeated parameter; and to every route a
 * malformed, a deeply nested and an oversized JSON body; and unknown paths.
 */
export function fixedRequests(routes: FuzzRoutes, options: FuzzOptions = {}): FuzzRequest[] {
  const limit = options.bodyLimitBytes ?? 100 * 1024;
  const auth = options.authHeaders ?? {};
  const json = { ...auth, 'content-type': 'application/json' };
  const out: FuzzRequest[] = [];
  for (const [key, route] of Object.entries(routes)) {
    const [method, template] = key.split(' ') as [string, string];
    const fill = (value: string) => template.replace(/:\w+/g, value);
    const plain = fill('1');
    for (const value of ['%00%FF%FE', '99999999999999999999999999', '-1', '%FF']) {
      if (plain !== template) out.push({ method, path: fill(value), headers: auth });
      for (const name of route.query ?? []) {
        out.push({ method, path: `${plain}?${name}=${value}`, headers: auth });
        out.push({ method, path: `${plain}?${name}=${value}&${name}=2`, headers: auth });
      }
    }
    for (const text of [
      '{"a":',
      '['.repeat(5000) + ']'.repeat(5000),
      JSON.stringify({ a: 'x'.repeat(limit + 1024) }),
    ]) {
      out.push({ method, path: plain, headers: json, body: Buffer.from(text) });
    }
  }
  for (const method of ['GET', 'POST', 'DELETE', 'OPTIONS']) {
    for (const path of ['/%00%FF%FE', '/..%2F..%2Fetc%2Fpasswd', `/${'a'.repeat(8000)}`, '/api/%FF/%00']) {
      out.push({ method, path, headers: json, body: Buffer.from('{') });
    }
  }
  return out;
}

/**
 * Runs the fixed worst cases, then `numRuns` random hostile requests (fast-check, shrinking to a small
 * failing one) against a running app and fails on the first answer with a
 * problem, naming the request, status and body.
 */
export async function fuzzHttp(
  baseUrl: string,
  routes: FuzzRoutes,
  options: FuzzOptions & { numRuns?: number; seed?: number } = {},
): Promise<void> {
  const failures: string[] = [];
  for (const request of fixedRequests(routes, options)) {
    const answer = await send(baseUrl, request);
    const problems = answerProblems(answer);
    if (problems.length > 0) {
      failures.push(
        `${problems.join(', ')}\n  request: ${describeRequest(request)}\n  answer: ${answer.status} ${answer.body.slice(0, 300)}`,
      );
    }
  }
  if (failures.length > 0) throw new Error(`${failures.length} fixed cases failed:\n${failures.join('\n')}`);
  await fc.assert(
    fc.asyncProperty(fuzzRequests(routes, options), async (request) => {
      const answer = await send(baseUrl, request);
      const problems = answerProblems(answer);
      if (problems.length > 0) {
        throw new Error(
          `${problems.join(', ')}\n  request: ${describeRequest(request)}\n  answer: ${answer.status} ${answer.body.slice(0, 500)}`,
        );
      }
    }),
    { numRuns: options.numRuns ?? 300, seed: options.seed, endOnFailure: false, interruptAfterTimeLimit: 25_000 },
  );
}

/**
 * The two tests every app's HTTP fuzz spec has: its route table lists every
 * route the app serves, and the fuzz (`fuzzHttp`) meets no 5xx, no stack
 * trace and only `{code, message}` errors. `served` is read when the tests
 * run, so it may be filled in by a `beforeAll` (as `useAppInWorld` does).
 */
export function itFuzzesEveryRoute(
  served: { app: Parameters<typeof listRoutes>[0]; url: string },
  routes: FuzzRoutes,
  options: FuzzOptions & { numRuns?: number; timeoutMs?: number } = {},
): void {
  it('covers every route the app serves', () => {
    expect(listRoutes(served.app)).toEqual(Object.keys(routes).sort());
  });

  it(
    'never answers 5xx or a stack trace, and every error is {code, message}',
    async () => {
      await fuzzHttp(served.url, routes, options);
    },
    options.timeoutMs ?? 60_000,
  );
}
