import { readFileSync } from 'node:fs';
import { drive, drive_v3 } from '@googleapis/drive';
import { auth, sheets, sheets_v4 } from '@googleapis/sheets';
import { RateLimiter } from '../quota/rate-limiter';

export const GOOGLE_SCOPES = [
  'https://www.googleapis.com/auth/spreadsheets.readonly',
  'https://www.googleapis.com/auth/drive.metadata.readonly',
];

export interface GoogleApiSettings {
  /** Service-account key file (GOOGLE_APPLICATION_CREDENTIALS). */
  keyFile: string;
  /** Both APIs' root (the fake server in development); undefined: Google's. */
  rootUrl?: string;
  timeoutMs: number;
  sheetsReadsPerMinute: number;
  driveReadsPerMinute: number;
}

/** The Sheets and Drive clients of one service account, with its request limits. */
export interface GoogleApis {
  sheets: sheets_v4.Sheets;
  drive: drive_v3.Drive;
  /** Google counts quota per user: one limiter per account and API. */
  sheetsLimiter: RateLimiter;
  driveLimiter: RateLimiter;
  /** The account's email, to tell an operator whom to share a sheet with. Not a secret. */
  account: string;
}

/**
 * Google's official generated clients (`@googleapis/sheets`, `@googleapis/drive`)
 * on one GoogleAuth. The service account signs its own token
 * (`useJWTAccessWithScope`): no token endpoint round trip. The clients'
 * built-in retries are off (they ignore Retry-After); SourceRequests retries.
 * `rootUrl` is given to each client: the global option is ignored.
 */
export function createGoogleApis(settings: GoogleApiSettings): GoogleApis {
  const googleAuth = new auth.GoogleAuth({ keyFile: settings.keyFile, scopes: GOOGLE_SCOPES });
  googleAuth.useJWTAccessWithScope = true;
  const common = {
    auth: googleAuth,
    retry: false,
    timeout: settings.timeoutMs,
    // Node's own fetch: gaxios would otherwise import node-fetch dynamically, which bundles and test VMs refuse.
    fetchImplementation: fetch,
    ...(settings.rootUrl ? { rootUrl: withSlash(settings.rootUrl) } : {}),
  };
  const account = accountOf(settings.keyFile);
  return {
    sheets: sheets({ version: 'v4', ...common }),
    drive: drive({ version: 'v3', ...common }),
    sheetsLimiter: new RateLimiter(`sheets:${account}`, settings.sheetsReadsPerMinute),
    driveLimiter: new RateLimiter(`drive:${account}`, settings.driveReadsPerMinute),
    account,
  };
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/** The key's client_email only: the rest of the file (the private key) is never kept or logged. */
function accountOf(keyFile: string): string {
  try {
    const key = JSON.parse(readFileSync(keyFile, 'utf8')) as { client_email?: unknown };
    return typeof key.client_email === 'string' ? key.client_email : 'service account';
  } catch {
    return 'service account';
  }
}
