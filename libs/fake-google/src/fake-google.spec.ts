import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { drive } from '@googleapis/drive';
import { auth, sheets } from '@googleapis/sheets';
import { ServiceAccountKey } from './auth';
import { tabFromCsv } from './csv-tab';
import { FakeGoogle } from './fake-google';

const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets.readonly';
const DRIVE_SCOPE = 'https://www.googleapis.com/auth/drive.metadata.readonly';
const ID = '1HandLogSpreadsheetId_abcdefghijklmnopqrstu';

/** A client error as gaxios throws it: tests look at `status`, never at `instanceof`. */
interface ClientError {
  status?: number;
  response?: {
    headers: Headers;
    data: { error: { code: number; status: string; message: string; errors: unknown[] } };
  };
}

async function failure(promise: Promise<unknown>): Promise<ClientError> {
  try {
    await promise;
  } catch (err) {
    return err as ClientError;
  }
  throw new Error('expected the call to fail');
}

describe('FakeGoogle through the real @googleapis clients', () => {
  let fake: FakeGoogle;
  let key: ServiceAccountKey;

  /** Service-account auth that signs its own JWT (no token endpoint), as sheets-sync is meant to. */
  function selfSignedAuth(scopes = [SHEETS_SCOPE, DRIVE_SCOPE]) {
    const googleAuth = new auth.GoogleAuth({ credentials: key, scopes });
    // Read from GoogleAuth itself (clientOptions cannot set it): use a self-signed JWT with the scopes.
    googleAuth.useJWTAccessWithScope = true;
    return googleAuth;
  }

  function sheetsClient(options: { retry?: boolean; authClient?: unknown } = {}) {
    return sheets({
      version: 'v4',
      auth: (options.authClient ?? selfSignedAuth()) as never,
      ...fake.clientOptions(),
      ...(options.retry === false ? { retry: false } : {}),
    });
  }

  beforeAll(async () => {
    fake = await FakeGoogle.start();
    key = fake.serviceAccountKey();
  });

  afterAll(async () => {
    await fake.stop();
  });

  beforeEach(() => {
    fake.clearFailures();
    fake.resetRequests();
    fake.setSpreadsheet(ID, {
      title: 'PokerVOD 핸드 로그',
      tabs: [
        {
          name: 'Hand log',
          rows: [
            ['WSOP 2024 핸드 로그'],
            [],
            ['파일명', 'IN', 'OUT', '핸드 번호'],
            ['a.mp4', '00:00:01', '00:00:03', 12],
          ],
        },
        { name: '한글 탭', rows: [['파일명', 'IN'], ['b.mp4', 1.5], [], ['c.mp4', '00:02']] },
      ],
    });
  });

  it('serves spreadsheets.get with the tabs', async () => {
    const res = await sheetsClient().spreadsheets.get({ spreadsheetId: ID, includeGridData: false });
    expect(res.status).toBe(200);
    expect(res.data.properties?.title).toBe('PokerVOD 핸드 로그');
    expect(res.data.sheets?.map((s) => s.properties)).toEqual([
      expect.objectContaining({
        sheetId: 0,
        title: 'Hand log',
        index: 0,
        gridProperties: { rowCount: 1000, columnCount: 26 },
      }),
      expect.objectContaining({ title: '한글 탭', index: 1, sheetType: 'GRID' }),
    ]);
  });

  it('honours fields on spreadsheets.get', async () => {
    const res = await sheetsClient().spreadsheets.get({ spreadsheetId: ID, fields: 'sheets.properties(title,index)' });
    expect(res.data).toEqual({
      sheets: [{ properties: { title: 'Hand log', index: 0 } }, { properties: { title: '한글 탭', index: 1 } }],
    });
  });

  it('serves values.batchGet over two tabs, a Korean one and a range starting at row 3', async () => {
    const res = await sheetsClient().spreadsheets.values.batchGet({
      spreadsheetId: ID,
      ranges: ["'Hand log'!A3:F", "'한글 탭'!A:Z"],
    });
    expect(res.data).toEqual({
      spreadsheetId: ID,
      valueRanges: [
        {
          range: "'Hand log'!A3:F1000",
          majorDimension: 'ROWS',
          values: [
            ['파일명', 'IN', 'OUT', '핸드 번호'],
            ['a.mp4', '00:00:01', '00:00:03', '12'],
          ],
        },
        {
          range: "'한글 탭'!A1:Z1000",
          majorDimension: 'ROWS',
          values: [['파일명', 'IN'], ['b.mp4', '1.5'], [], ['c.mp4', '00:02']],
        },
      ],
    });
    expect(fake.requests).toEqual([
      expect.objectContaining({
        api: 'sheets',
        method: 'GET',
        path: `/v4/spreadsheets/${ID}/values:batchGet`,
        query: { ranges: ["'Hand log'!A3:F", "'한글 탭'!A:Z"] },
        status: 200,
      }),
    ]);
  });

  it('serves values.get, raw values with UNFORMATTED_VALUE', async () => {
    const res = await sheetsClient().spreadsheets.values.get({
      spreadsheetId: ID,
      range: "'Hand log'!A4:D4",
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    expect(res.data).toEqual({
      range: "'Hand log'!A4:D4",
      majorDimension: 'ROWS',
      values: [['a.mp4', '00:00:01', '00:00:03', 12]],
    });
    expect(fake.requests[0].path).toBe(`/v4/spreadsheets/${ID}/values/'Hand log'!A4:D4`);
    expect(fake.requests[0].query).toEqual({ valueRenderOption: 'UNFORMATTED_VALUE' });
  });

  it('answers 404 for an unknown spreadsheet and 400 "Unable to parse range" for an unknown tab', async () => {
    const client = sheetsClient({ retry: false });
    const missing = await failure(client.spreadsheets.values.get({ spreadsheetId: 'nope', range: 'A1:B2' }));
    expect(missing.status).toBe(404);
    expect(missing.response?.data.error).toMatchObject({ code: 404, status: 'NOT_FOUND' });

    const badTab = await failure(client.spreadsheets.values.get({ spreadsheetId: ID, range: 'Nope!A1:B2' }));
    expect(badTab.status).toBe(400);
    expect(badTab.response?.data.error).toEqual({
      code: 400,
      message: 'Unable to parse range: Nope!A1:B2',
      status: 'INVALID_ARGUMENT',
      errors: [{ message: 'Unable to parse range: Nope!A1:B2', domain: 'global', reason: 'badRequest' }],
    });
  });

  it('serves drive files.get with fields; version and modifiedTime move after setCell', async () => {
    const client = drive({ version: 'v3', auth: selfSignedAuth(), ...fake.clientOptions() });
    const before = await client.files.get({ fileId: ID, fields: 'id,name,mimeType,modifiedTime,version' });
    expect(before.data).toEqual({
      id: ID,
      name: 'PokerVOD 핸드 로그',
      mimeType: 'application/vnd.google-apps.spreadsheet',
      modifiedTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      version: expect.stringMatching(/^\d+$/),
    });

    fake.setCell(ID, 'Hand log', 4, 2, '00:00:02');
    const after = await client.files.get({ fileId: ID, fields: 'modifiedTime,version' });
    expect(Object.keys(after.data).sort()).toEqual(['modifiedTime', 'version']);
    expect(Number(after.data.version)).toBeGreaterThan(Number(before.data.version));
    expect(Date.parse(after.data.modifiedTime ?? '')).toBeGreaterThan(Date.parse(before.data.modifiedTime ?? ''));
    expect(fake.requests.map((r) => [r.api, r.path, r.query['fields']])).toEqual([
      ['drive', `/drive/v3/files/${ID}`, 'id,name,mimeType,modifiedTime,version'],
      ['drive', `/drive/v3/files/${ID}`, 'modifiedTime,version'],
    ]);
  });

  it('gives only kind, id, name and mimeType from drive files.get without fields, as Drive v3 does', async () => {
    const client = drive({ version: 'v3', auth: selfSignedAuth(), ...fake.clientOptions() });
    const res = await client.files.get({ fileId: ID });
    expect(res.data).toEqual({
      kind: 'drive#file',
      id: ID,
      name: 'PokerVOD 핸드 로그',
      mimeType: 'application/vnd.google-apps.spreadsheet',
    });
    const missing = await failure(client.files.get({ fileId: 'gone', fields: 'version' }, { retry: false }));
    expect(missing.status).toBe(404);
    expect(missing.response?.data.error.message).toBe('File not found: gone.');
  });

  it('issues access tokens at POST /token to a JWT client (no useJWTAccessWithScope)', async () => {
    const jwt = new auth.JWT({
      email: key.client_email,
      key: key.private_key,
      scopes: [SHEETS_SCOPE],
      ...fake.authOptions(),
    });
    const client = sheetsClient({ authClient: jwt });
    await client.spreadsheets.get({ spreadsheetId: ID });
    await client.spreadsheets.values.get({ spreadsheetId: ID, range: 'Hand log' });

    expect(fake.requests.map((r) => [r.api, r.method, r.path, r.status])).toEqual([
      ['token', 'POST', '/token', 200],
      ['sheets', 'GET', `/v4/spreadsheets/${ID}`, 200],
      ['sheets', 'GET', `/v4/spreadsheets/${ID}/values/Hand log`, 200],
    ]);
    expect(jwt.credentials.access_token).toMatch(/^ya29\.fake-/);
  });

  it('refuses at the token endpoint a JWT signed by a key it does not know', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwt = new auth.JWT({
      email: key.client_email,
      key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      scopes: [SHEETS_SCOPE],
      ...fake.authOptions(),
    });
    const err = await failure(sheetsClient({ authClient: jwt, retry: false }).spreadsheets.get({ spreadsheetId: ID }));
    expect(err.status).toBe(400);
    expect(fake.requests.filter((r) => r.api === 'token').map((r) => r.status)).toContain(400);
    expect(fake.requests.some((r) => r.api === 'sheets')).toBe(false);
  });

  it('accepts a self-signed JWT (useJWTAccessWithScope) without any token request', async () => {
    await sheetsClient().spreadsheets.get({ spreadsheetId: ID });
    await sheetsClient().spreadsheets.values.get({ spreadsheetId: ID, range: "'한글 탭'!A1:B2" });
    expect(fake.requests.map((r) => r.api)).toEqual(['sheets', 'sheets']);
    expect(fake.requests.every((r) => r.status === 200)).toBe(true);
  });

  it('answers 401 in Google’s shape without credentials, or with a JWT from an unknown key', async () => {
    const anonymous = sheets({ version: 'v4', ...fake.clientOptions(), retry: false });
    const missing = await failure(anonymous.spreadsheets.get({ spreadsheetId: ID }));
    expect(missing.status).toBe(401);
    expect(missing.response?.data.error).toMatchObject({
      code: 401,
      status: 'UNAUTHENTICATED',
      errors: [expect.objectContaining({ domain: 'global', reason: 'required' })],
    });

    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const stranger = new auth.GoogleAuth({
      credentials: { ...key, private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
      scopes: [SHEETS_SCOPE],
    });
    stranger.useJWTAccessWithScope = true;
    const forged = await failure(
      sheetsClient({ authClient: stranger, retry: false }).spreadsheets.get({ spreadsheetId: ID }),
    );
    expect(forged.status).toBe(401);
    expect(forged.response?.data.error.status).toBe('UNAUTHENTICATED');
  });

  it('answers 401 once an issued access token has expired', async () => {
    const jwt = new auth.JWT({
      email: key.client_email,
      key: key.private_key,
      scopes: [SHEETS_SCOPE],
      ...fake.authOptions(),
    });
    const client = sheetsClient({ authClient: jwt, retry: false });
    await client.spreadsheets.get({ spreadsheetId: ID });
    fake.expireAccessTokens();
    const err = await failure(client.spreadsheets.get({ spreadsheetId: ID }));
    expect(err.status).toBe(401);
  });

  it('answers 403 when the credential lacks the API’s scope', async () => {
    const client = drive({
      version: 'v3',
      auth: selfSignedAuth([SHEETS_SCOPE]),
      ...fake.clientOptions(),
      retry: false,
    });
    const err = await failure(client.files.get({ fileId: ID, fields: 'version' }));
    expect(err.status).toBe(403);
    expect(err.response?.data.error).toMatchObject({
      status: 'PERMISSION_DENIED',
      errors: [expect.objectContaining({ reason: 'insufficientPermissions' })],
    });
  });

  it('answers 429 with Retry-After when told to, and the client sees err.status and the header', async () => {
    fake.failNext({ status: 429, retryAfterSeconds: 7, api: 'sheets' });
    const client = sheetsClient({ retry: false });
    const err = await failure(client.spreadsheets.values.get({ spreadsheetId: ID, range: 'Hand log' }));
    expect(err.status).toBe(429);
    expect(err.response?.headers.get('retry-after')).toBe('7');
    expect(err.response?.data.error).toMatchObject({
      code: 429,
      status: 'RESOURCE_EXHAUSTED',
      errors: [expect.objectContaining({ domain: 'global', reason: 'rateLimitExceeded' })],
    });
    // One failure queued, one used: the next call goes through.
    await expect(client.spreadsheets.values.get({ spreadsheetId: ID, range: 'Hand log' })).resolves.toMatchObject({
      status: 200,
    });
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('fails twice with 500 then succeeds; the client’s own retries get through', async () => {
    fake.failNext({ status: 500, times: 2 });
    const res = await sheetsClient().spreadsheets.values.get({ spreadsheetId: ID, range: 'Hand log' });
    expect(res.status).toBe(200);
    expect(fake.requests.map((r) => r.status)).toEqual([500, 500, 200]);
    const errorBody = await failure(
      (fake.failNext({ status: 503 }), sheetsClient({ retry: false }).spreadsheets.get({ spreadsheetId: ID })),
    );
    expect(errorBody.status).toBe(503);
    expect(errorBody.response?.data.error).toMatchObject({
      status: 'UNAVAILABLE',
      errors: [expect.objectContaining({ reason: 'backendError' })],
    });
  });

  it('serves the sample hand log CSV as a sheet the client reads from its header row', async () => {
    const csv = readFileSync(path.join(__dirname, '../../../samples/hand-log/hand-log.csv'));
    fake.setSpreadsheet('sample', { title: 'PokerVOD hand log (sample)', tabs: [tabFromCsv('핸드 로그', csv)] });
    const res = await sheetsClient().spreadsheets.values.batchGet({
      spreadsheetId: 'sample',
      ranges: ["'핸드 로그'!A3:L"],
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    const [range] = res.data.valueRanges ?? [];
    expect(range.range).toBe("'핸드 로그'!A3:L1000");
    expect(range.values?.[0]).toEqual([
      '파일명',
      '폴더 링크',
      'IN',
      'OUT',
      '태그',
      '핸드 번호',
      '플레이어',
      '설명',
      '승자',
      '팟',
      '비고',
      '편집자',
    ]);
    expect(range.values?.[1]).toEqual([
      'WSOP_2023_Main_Event_Day1A_Part1.mp4',
      '\\\\nas\\poker\\WSOP\\2023',
      '00:00:01',
      '00:00:04',
      'bluff, hero-call',
      12,
      'Mina Park, Tom Becker',
      'Park 리버 블러프 (7c6c), Becker hero-calls with AhKd',
      'Tom Becker',
      '184,000',
      '',
      'minji',
    ]);
  });

  it('fails only the API a failure names, until cleared when times is Infinity', async () => {
    fake.failNext({ status: 500, api: 'drive', times: Infinity });
    const driveClient = drive({ version: 'v3', auth: selfSignedAuth(), ...fake.clientOptions(), retry: false });
    await expect(sheetsClient({ retry: false }).spreadsheets.get({ spreadsheetId: ID })).resolves.toMatchObject({
      status: 200,
    });
    for (let i = 0; i < 3; i++) {
      expect((await failure(driveClient.files.get({ fileId: ID, fields: 'version' }))).status).toBe(500);
    }
    fake.clearFailures();
    await expect(driveClient.files.get({ fileId: ID, fields: 'version' })).resolves.toMatchObject({ status: 200 });
  });
});
