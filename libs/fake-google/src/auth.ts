import { KeyObject, createPublicKey, generateKeyPairSync, randomBytes, verify } from 'node:crypto';
import { GoogleApiError, OAuthError } from './google-error';

/** A service-account key file as the Cloud console downloads it (the fields the auth library reads). */
export interface ServiceAccountKey {
  type: 'service_account';
  project_id: string;
  private_key_id: string;
  private_key: string;
  client_email: string;
  client_id: string;
  token_uri: string;
}

/** Where google-auth-library (gtoken) always posts; it ignores `token_uri` in the key. */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const LEGACY_TOKEN_URL = 'https://www.googleapis.com/oauth2/v4/token';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const TOKEN_LIFETIME_SECONDS = 3600;
/** Clock skew Google tolerates on `iat`/`exp`. */
const SKEW_SECONDS = 300;

/** Scopes that open each API for reading (any one of them is enough). */
const READ_SCOPES: Record<'sheets' | 'drive', readonly string[]> = {
  sheets: ['spreadsheets', 'spreadsheets.readonly', 'drive', 'drive.readonly', 'drive.file'],
  drive: ['drive', 'drive.readonly', 'drive.file', 'drive.metadata', 'drive.metadata.readonly'],
};

const MISSING_CREDENTIALS =
  'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
const INVALID_CREDENTIALS =
  'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.';
const AUTH_HEADER = { location: 'Authorization', locationType: 'header' };
const WWW_AUTHENTICATE = { 'www-authenticate': 'Bearer realm="https://accounts.google.com/"' };

interface KnownKey {
  email: string;
  publicKey: KeyObject;
}

interface IssuedToken {
  email: string;
  scopes: string[];
  expiresAt: number;
}

interface Jwt {
  header: { alg?: string; kid?: string; typ?: string };
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

/** The fake's accounts: service-account keys it knows, and the access tokens it has issued. */
export class Accounts {
  private readonly keys = new Map<string, KnownKey>();
  private readonly tokens = new Map<string, IssuedToken>();
  private keyCount = 0;

  constructor(
    private readonly tokenUrl: string,
    private readonly apiOrigin: string,
  ) {}

  /** A new RSA key, registered so JWTs it signs are accepted. */
  createKey(clientEmail?: string): ServiceAccountKey {
    this.keyCount += 1;
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const kid = randomBytes(20).toString('hex');
    const email = clientEmail ?? `pokervod-sync-${this.keyCount}@pokervod-fake.iam.gserviceaccount.com`;
    this.keys.set(kid, { email, publicKey });
    return {
      type: 'service_account',
      project_id: 'pokervod-fake',
      private_key_id: kid,
      private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: email,
      client_id: String(100_000_000_000_000_000_000n + BigInt(this.keyCount)),
      token_uri: this.tokenUrl,
    };
  }

  /** Accepts a public key from elsewhere (a key file the sample stack already has). */
  trustKey(clientEmail: string, privateOrPublicKeyPem: string, keyId?: string): void {
    this.keys.set(keyId ?? randomBytes(20).toString('hex'), {
      email: clientEmail,
      publicKey: createPublicKey(privateOrPublicKeyPem),
    });
  }

  /** Makes every issued access token expired, so the next API call answers 401 until the client refreshes. */
  expireTokens(): void {
    for (const token of this.tokens.values()) token.expiresAt = 0;
  }

  /** `POST /token` with the JWT-bearer grant. Throws {@link OAuthError} like Google's token endpoint. */
  exchange(form: URLSearchParams): { access_token: string; expires_in: number; token_type: 'Bearer' } {
    const grantType = form.get('grant_type');
    if (grantType !== JWT_BEARER) {
      throw new OAuthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
    }
    const assertion = form.get('assertion');
    if (!assertion) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: assertion');
    const jwt = decodeJwt(assertion);
    if (!jwt) throw new OAuthError(400, 'invalid_grant', 'Invalid JWT: cannot be decoded.');
    const email = typeof jwt.payload['iss'] === 'string' ? jwt.payload['iss'] : '';
    if (!this.candidateKeys(jwt, email).length) {
      throw new OAuthError(400, 'invalid_grant', 'Invalid grant: account not found');
    }
    if (!this.signedByKnownKey(jwt, email)) throw new OAuthError(400, 'invalid_grant', 'Invalid JWT Signature.');
    const aud = jwt.payload['aud'];
    if (aud !== GOOGLE_TOKEN_URL && aud !== LEGACY_TOKEN_URL && aud !== this.tokenUrl) {
      throw new OAuthError(
        400,
        'invalid_grant',
        `Invalid JWT: Failed audience check. The right audience is ${GOOGLE_TOKEN_URL}`,
      );
    }
    if (!shortLived(jwt.payload)) {
      throw new OAuthError(
        400,
        'invalid_grant',
        'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
      );
    }
    const scopes = scopeList(jwt.payload['scope']);
    if (scopes.length === 0) {
      throw new OAuthError(400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
    }
    const accessToken = `ya29.fake-${randomBytes(32).toString('base64url')}`;
    this.tokens.set(accessToken, { email, scopes, expiresAt: Date.now() + TOKEN_LIFETIME_SECONDS * 1000 });
    return { access_token: accessToken, expires_in: TOKEN_LIFETIME_SECONDS, token_type: 'Bearer' };
  }

  /**
   * Checks an API call's `Authorization`: an access token issued here, or a
   * self-signed JWT (`useJWTAccessWithScope`) from a known key. Throws Google's 401/403.
   */
  authorize(authorization: string | undefined, api: 'sheets' | 'drive'): void {
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!bearer) throw new GoogleApiError(401, MISSING_CREDENTIALS, 'required', WWW_AUTHENTICATE, AUTH_HEADER);
    const scopes = this.scopesOf(bearer[1], api);
    if (!scopes) throw new GoogleApiError(401, INVALID_CREDENTIALS, 'authError', WWW_AUTHENTICATE, AUTH_HEADER);
    if (!scopes.some((s) => READ_SCOPES[api].includes(shortScope(s)))) {
      throw new GoogleApiError(403, 'Request had insufficient authentication scopes.', 'insufficientPermissions');
    }
  }

  /** The scopes a bearer credential carries, or `undefined` if it is not valid now. */
  private scopesOf(credential: string, api: 'sheets' | 'drive'): string[] | undefined {
    const issued = this.tokens.get(credential);
    if (issued) return issued.expiresAt > Date.now() ? issued.scopes : undefined;

    const jwt = decodeJwt(credential);
    if (!jwt) return undefined;
    const { iss, sub, aud, scope } = jwt.payload;
    if (typeof iss !== 'string' || iss !== sub) return undefined;
    if (!shortLived(jwt.payload) || !this.signedByKnownKey(jwt, iss)) return undefined;
    if (scope !== undefined) return scopeList(scope);
    // A JWT with an audience instead of scopes opens the API it names.
    if (typeof aud === 'string' && this.audienceFits(aud, api)) return [...READ_SCOPES[api]];
    return undefined;
  }

  private audienceFits(aud: string, api: 'sheets' | 'drive'): boolean {
    let origin: string;
    try {
      origin = new URL(aud).origin;
    } catch {
      return false;
    }
    if (origin === this.apiOrigin) return true;
    return api === 'sheets'
      ? origin === 'https://sheets.googleapis.com'
      : /^https:\/\/(www|drive)\.googleapis\.com$/.test(origin);
  }

  private candidateKeys(jwt: Jwt, email: string): KnownKey[] {
    if (jwt.header.kid) {
      const key = this.keys.get(jwt.header.kid);
      return key && key.email === email ? [key] : [];
    }
    return [...this.keys.values()].filter((k) => k.email === email);
  }

  private signedByKnownKey(jwt: Jwt, email: string): boolean {
    if (jwt.header.alg !== 'RS256') return false;
    return this.candidateKeys(jwt, email).some((key) =>
      verify('sha256', Buffer.from(jwt.signingInput), key.publicKey, jwt.signature),
    );
  }
}

function decodeJwt(token: string): Jwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
    if (typeof header !== 'object' || header === null || typeof payload !== 'object' || payload === null) {
      return undefined;
    }
    return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
  } catch {
    return undefined;
  }
}

/** `exp` in the future, `iat` not in the future, and at most an hour apart (Google's rule). */
function shortLived(payload: Record<string, unknown>): boolean {
  const { iat, exp } = payload;
  if (typeof iat !== 'number' || typeof exp !== 'number') return false;
  const now = Date.now() / 1000;
  return exp > now - SKEW_SECONDS && iat < now + SKEW_SECONDS && exp - iat <= TOKEN_LIFETIME_SECONDS && exp > iat;
}

function scopeList(scope: unknown): string[] {
  return typeof scope === 'string' ? scope.split(/\s+/).filter((s) => s !== '') : [];
}

/** `https://www.googleapis.com/auth/spreadsheets.readonly` → `spreadsheets.readonly`. */
function shortScope(scope: string): string {
  return scope.replace(/^https:\/\/www\.googleapis\.com\/auth\//, '');
}
