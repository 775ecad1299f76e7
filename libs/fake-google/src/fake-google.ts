import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Accounts, GOOGLE_TOKEN_URL, ServiceAccountKey } from './auth';
import { FieldMaskError, applyFieldMask, parseFieldMask } from './field-mask';
import {
  GoogleApiError,
  OAuthError,
  badRequest,
  injectedFailure,
  injectedTokenFailure,
  notFound,
} from './google-error';
import { CellValue, MajorDimension, Spreadsheet, SpreadsheetSpec, ValueRenderOption } from './spreadsheet';

export type FakeApi = 'sheets' | 'drive' | 'token';

export interface FakeFailure {
  status: 429 | 500 | 503 | 403;
  /** Sent as `Retry-After` (seconds). */
  retryAfterSeconds?: number;
  /** How many matching requests fail; default 1, `Infinity` until {@link FakeGoogle.clearFailures}. */
  times?: number;
  /** Which requests it hits; default `'any'` (Sheets, Drive and the token endpoint alike). */
  api?: FakeApi | 'any';
}

export interface FakeRequest {
  api: FakeApi;
  method: string;
  /** Percent-decoded path: `/v4/spreadsheets/abc/values/'Hand log'!A1:Z`. */
  path: string;
  /** Query parameters; a repeated one (`ranges`) is an array. */
  query: Record<string, string | string[]>;
  status: number;
  /** `Date.now()` when the answer was decided. */
  at: number;
}

export interface FakeGoogleOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Default true: API calls need a valid bearer credential. */
  requireAuth?: boolean;
}

/** Options for a generated API client: `sheets({ version: 'v4', auth, ...fake.clientOptions() })`. */
export interface FakeClientOptions {
  rootUrl: string;
  fetchImplementation: typeof fetch;
}

/** Options for an auth client, so its token requests reach the fake: `new auth.JWT({ ...key, ...fake.authOptions() })`. */
export interface FakeAuthOptions {
  transporterOptions: { fetchImplementation: typeof fetch };
}

interface PendingFailure {
  failure: FakeFailure;
  remaining: number;
}

interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const RENDER_OPTIONS: readonly ValueRenderOption[] = ['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'];
const DRIVE_DEFAULT_FIELDS = 'kind,id,name,mimeType';
const MAX_BODY_BYTES = 64 * 1024;

/**
 * A local stand-in for Google Sheets v4, Drive v3 (`files.get`) and the OAuth2
 * token endpoint, close enough on the wire for the real generated clients.
 * Tests edit its spreadsheets, queue failures and read the request log.
 */
export class FakeGoogle {
  readonly url: string;
  readonly tokenUrl: string;
  private readonly spreadsheets = new Map<string, Spreadsheet>();
  private readonly accounts: Accounts;
  private failures: PendingFailure[] = [];
  private log: FakeRequest[] = [];

  private constructor(
    private readonly server: http.Server,
    url: string,
    private readonly requireAuth: boolean,
  ) {
    this.url = url;
    this.tokenUrl = `${url}/token`;
    this.accounts = new Accounts(this.tokenUrl, url);
  }

  static async start(options: FakeGoogleOptions = {}): Promise<FakeGoogle> {
    const host = options.host ?? '127.0.0.1';
    const server = http.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const { port } = server.address() as AddressInfo;
    const fake = new FakeGoogle(
      server,
      `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      options.requireAuth ?? true,
    );
    server.on('request', (req, res) => void fake.handle(req, res));
    return fake;
  }

  /** Every request seen, oldest first. */
  get requests(): FakeRequest[] {
    return this.log;
  }

  resetRequests(): void {
    this.log = [];
  }

  // ---- spreadsheets ----

  /** Creates or replaces a spreadsheet; its Drive version and modifiedTime move on. */
  setSpreadsheet(id: string, spec: SpreadsheetSpec): void {
    this.spreadsheets.set(id, new Spreadsheet(id, spec, this.spreadsheets.get(id)));
  }

  /** Drive answers 404 for it from now on. */
  removeSpreadsheet(id: string): void {
    this.spreadsheets.delete(id);
  }

  setRows(id: string, tab: string, rows: CellValue[][]): void {
    this.sheet(id).setRows(tab, rows);
  }

  /** 1-based row and column. */
  setCell(id: string, tab: string, row: number, col: number, value: CellValue): void {
    this.sheet(id).setCell(tab, row, col, value);
  }

  /** Inserts `rows` so the first lands on row `beforeRow` (1-based); later rows move down. */
  insertRows(id: string, tab: string, beforeRow: number, rows: CellValue[][]): void {
    this.sheet(id).insertRows(tab, beforeRow, rows);
  }

  /** Deletes row `row` (1-based); later rows move up. */
  deleteRow(id: string, tab: string, row: number): void {
    this.sheet(id).deleteRow(tab, row);
  }

  /** A copy of a tab's rows as stored. */
  rows(id: string, tab: string): CellValue[][] {
    return this.sheet(id).rows(tab);
  }

  /** Drive's view of the file: `version` and `modifiedTime` as the API returns them. */
  driveFile(id: string): { version: string; modifiedTime: string } {
    const file = this.sheet(id).driveFile();
    return { version: file['version'] as string, modifiedTime: file['modifiedTime'] as string };
  }

  private sheet(id: string): Spreadsheet {
    const sheet = this.spreadsheets.get(id);
    if (!sheet) throw new Error(`fake-google: no spreadsheet "${id}"; create it with setSpreadsheet`);
    return sheet;
  }

  // ---- failures ----

  /** Queues a failure; queued failures are used in order, each for `times` matching requests. */
  failNext(failure: FakeFailure): void {
    const times = failure.times ?? 1;
    if (!(times > 0)) throw new Error(`fake-google: failNext times must be > 0, got ${times}`);
    this.failures.push({ failure, remaining: times });
  }

  clearFailures(): void {
    this.failures = [];
  }

  private takeFailure(api: FakeApi): FakeFailure | undefined {
    const pending = this.failures.find((p) => (p.failure.api ?? 'any') === 'any' || p.failure.api === api);
    if (!pending) return undefined;
    pending.remaining -= 1;
    if (pending.remaining <= 0) this.failures = this.failures.filter((p) => p !== pending);
    return pending.failure;
  }

  // ---- credentials ----

  /**
   * A fresh service-account key (new RSA key each call) the fake trusts, for
   * `GoogleAuth({ credentials })` or a GOOGLE_APPLICATION_CREDENTIALS file.
   * `token_uri` is {@link tokenUrl}, but google-auth-library ignores it: see {@link authOptions}.
   */
  serviceAccountKey(options: { clientEmail?: string } = {}): ServiceAccountKey {
    return this.accounts.createKey(options.clientEmail);
  }

  /** Trusts a key made elsewhere (PEM, private or public half). */
  trustKey(clientEmail: string, keyPem: string, keyId?: string): void {
    this.accounts.trustKey(clientEmail, keyPem, keyId);
  }

  /** Expires every access token issued so far: the next call with one answers 401. */
  expireAccessTokens(): void {
    this.accounts.expireTokens();
  }

  /**
   * For each generated API client. `fetchImplementation` is Node's own fetch:
   * gaxios otherwise loads node-fetch with a dynamic `import()`, which Jest
   * (CommonJS, no --experimental-vm-modules) cannot run.
   */
  clientOptions(): FakeClientOptions {
    return { rootUrl: `${this.url}/`, fetchImplementation: fetch };
  }

  /**
   * For an auth client (`auth.JWT` options, or `GoogleAuth`'s `clientOptions`):
   * its token requests to https://oauth2.googleapis.com/token go to {@link tokenUrl}.
   */
  authOptions(): FakeAuthOptions {
    return { transporterOptions: { fetchImplementation: redirectTokenFetch(this.tokenUrl) } };
  }

  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Clients keep connections alive; without this, close() waits for them to time out.
    this.server.closeAllConnections();
    await closed;
  }

  // ---- HTTP ----

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const target = new URL(req.url ?? '/', this.url);
    const api = apiOf(target.pathname);
    let reply: Reply;
    try {
      const body = method === 'POST' ? await readBody(req) : '';
      reply = this.route(api, method, target, req.headers.authorization, body);
    } catch (err) {
      reply = errorReply(err, api);
    }
    this.log.push({
      api,
      method,
      path: decodePath(target.pathname),
      query: queryRecord(target.searchParams),
      status: reply.status,
      at: Date.now(),
    });
    const payload = JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': 'application/json; charset=UTF-8',
      'content-length': Buffer.byteLength(payload),
      ...reply.headers,
    });
    res.end(payload);
  }

  private route(api: FakeApi, method: string, target: URL, authorization: string | undefined, body: string): Reply {
    const failure = this.takeFailure(api);
    if (failure) {
      throw api === 'token'
        ? injectedTokenFailure(failure.status, failure.retryAfterSeconds)
        : injectedFailure(failure.status, api, failure.retryAfterSeconds);
    }

    if (api === 'token') {
      if (method !== 'POST' || target.pathname !== '/token')
        throw notFound(`${method} ${target.pathname} is not a route`);
      return { status: 200, body: this.accounts.exchange(new URLSearchParams(body)) };
    }

    const segments = target.pathname.split('/').slice(1).map(decodeSegment);
    if (method !== 'GET') throw notFound(`fake-google implements no ${method} ${decodePath(target.pathname)}`);
    if (this.requireAuth) this.accounts.authorize(authorization, api);
    const query = target.searchParams;

    if (api === 'drive') {
      // /drive/v3/files/{fileId}
      if (segments.length !== 4 || segments[1] !== 'v3' || segments[2] !== 'files') throw unknownRoute(target);
      return { status: 200, body: this.driveGet(segments[3], query) };
    }

    // /v4/spreadsheets/{id}[/values/{range} | /values:batchGet]
    if (segments[0] !== 'v4' || segments[1] !== 'spreadsheets' || segments.length < 3) throw unknownRoute(target);
    const id = segments[2];
    const rest = segments.slice(3);
    let result: unknown;
    if (rest.length === 0) result = this.spreadsheetGet(id, query);
    else if (rest.length === 1 && rest[0] === 'values:batchGet') result = this.batchGet(id, query);
    else if (rest.length === 2 && rest[0] === 'values') result = this.valuesGet(id, rest[1], query);
    else throw unknownRoute(target);
    return { status: 200, body: withFields(result, query.get('fields')) };
  }

  private spreadsheetFor(id: string): Spreadsheet {
    const sheet = this.spreadsheets.get(id);
    if (!sheet) throw notFound('Requested entity was not found.');
    return sheet;
  }

  private spreadsheetGet(id: string, query: URLSearchParams): unknown {
    const ranges = query.getAll('ranges');
    return this.spreadsheetFor(id).resource({
      ranges: ranges.length > 0 ? ranges : undefined,
      includeGridData: query.get('includeGridData') === 'true',
    });
  }

  private valuesGet(id: string, range: string, query: URLSearchParams): unknown {
    const sheet = this.spreadsheetFor(id);
    return sheet.values(range, renderOption(query), majorDimension(query));
  }

  private batchGet(id: string, query: URLSearchParams): unknown {
    const sheet = this.spreadsheetFor(id);
    const render = renderOption(query);
    const major = majorDimension(query);
    const ranges = query.getAll('ranges');
    // Google leaves `valueRanges` out when no range is asked for.
    if (ranges.length === 0) return { spreadsheetId: id };
    return { spreadsheetId: id, valueRanges: ranges.map((r) => sheet.values(r, render, major)) };
  }

  private driveGet(id: string, query: URLSearchParams): unknown {
    const sheet = this.spreadsheets.get(id);
    if (!sheet) throw notFound(`File not found: ${id}.`, { location: 'fileId', locationType: 'parameter' });
    // Drive v3 returns only kind, id, name and mimeType unless `fields` asks for more.
    return withFields(sheet.driveFile(), query.get('fields') ?? DRIVE_DEFAULT_FIELDS);
  }
}

/**
 * A fetch that sends google-auth-library's token requests (always to
 * https://oauth2.googleapis.com/token) to `tokenUrl`, and everything else where it was going.
 */
export function redirectTokenFetch(tokenUrl: string): typeof fetch {
  return (input, init) => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const target = href.split('?')[0] === GOOGLE_TOKEN_URL ? tokenUrl : input;
    return fetch(target, init);
  };
}

function apiOf(pathname: string): FakeApi {
  if (pathname.startsWith('/drive/')) return 'drive';
  if (pathname === '/token' || pathname.startsWith('/token/')) return 'token';
  return 'sheets';
}

function renderOption(query: URLSearchParams): ValueRenderOption {
  const value = query.get('valueRenderOption') ?? 'FORMATTED_VALUE';
  if (!(RENDER_OPTIONS as readonly string[]).includes(value)) {
    throw badRequest(
      `Invalid value at 'value_render_option' (type.googleapis.com/google.apps.sheets.v4.ValueRenderOption), "${value}"`,
      'invalid',
    );
  }
  return value as ValueRenderOption;
}

function majorDimension(query: URLSearchParams): MajorDimension {
  const value = query.get('majorDimension') ?? 'ROWS';
  if (value === 'ROWS' || value === 'DIMENSION_UNSPECIFIED') return 'ROWS';
  if (value === 'COLUMNS') return 'COLUMNS';
  throw badRequest(
    `Invalid value at 'major_dimension' (type.googleapis.com/google.apps.sheets.v4.Dimension), "${value}"`,
    'invalid',
  );
}

function withFields(body: unknown, fields: string | null): unknown {
  if (fields === null || fields.trim() === '') return body;
  try {
    return applyFieldMask(body, parseFieldMask(fields));
  } catch (err) {
    if (err instanceof FieldMaskError) throw badRequest(err.message, 'invalidParameter');
    throw err;
  }
}

function unknownRoute(target: URL): GoogleApiError {
  return notFound(`fake-google implements no GET ${decodePath(target.pathname)}`);
}

function errorReply(err: unknown, api: FakeApi): Reply {
  if (err instanceof GoogleApiError || err instanceof OAuthError) {
    return { status: err.code, body: err.toBody(), headers: err.headers };
  }
  // A bug in the fake or a bad request body: still answer in Google's shape, with the reason, so tests see it.
  const message = err instanceof Error ? err.message : String(err);
  if (api === 'token') return { status: 500, body: new OAuthError(500, 'internal_failure', message).toBody() };
  return { status: 500, body: new GoogleApiError(500, `fake-google: ${message}`, 'backendError').toBody() };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw badRequest(`Invalid percent-encoding in ${segment}`);
  }
}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    out[key] = all.length === 1 ? all[0] : all;
  }
  return out;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(badRequest('Request body too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
