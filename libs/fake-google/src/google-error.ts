/** Google's JSON error body (`{error: {code, message, status, errors: [...]}}`), as the API returns it. */
export interface GoogleErrorBody {
  error: {
    code: number;
    message: string;
    status: string;
    errors: { message: string; domain: string; reason: string; location?: string; locationType?: string }[];
  };
}

/** An error a handler throws; the server turns it into status + body (+ headers). */
export class GoogleApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly reason: string,
    readonly headers: Record<string, string> = {},
    readonly location?: { location: string; locationType: string },
  ) {
    super(message);
    this.name = 'GoogleApiError';
  }

  toBody(): GoogleErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        status: STATUS_BY_CODE[this.code] ?? 'UNKNOWN',
        errors: [{ message: this.message, domain: 'global', reason: this.reason, ...this.location }],
      },
    };
  }
}

/** google.rpc.Code names Google puts in `error.status` for each HTTP status. */
const STATUS_BY_CODE: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  503: 'UNAVAILABLE',
};

export const badRequest = (message: string, reason = 'badRequest') => new GoogleApiError(400, message, reason);

export const notFound = (message: string, location?: { location: string; locationType: string }) =>
  new GoogleApiError(404, message, 'notFound', {}, location);

/** Errors Google sends when asked to fail, by status (used by `failNext`). */
export function injectedFailure(
  status: 429 | 500 | 503 | 403,
  api: 'sheets' | 'drive',
  retryAfterSeconds?: number,
): GoogleApiError {
  const headers: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
  switch (status) {
    case 429: {
      const service = api === 'sheets' ? 'sheets.googleapis.com' : 'drive.googleapis.com';
      return new GoogleApiError(
        429,
        `Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service '${service}' for consumer 'project_number:000000000000'.`,
        'rateLimitExceeded',
        headers,
      );
    }
    case 500:
      return new GoogleApiError(500, 'Internal error encountered.', 'backendError', headers);
    case 503:
      return new GoogleApiError(503, 'The service is currently unavailable.', 'backendError', headers);
    case 403:
      return new GoogleApiError(403, 'The caller does not have permission', 'forbidden', headers);
  }
}

/** The OAuth2 token endpoint's error shape is flat (RFC 6749 §5.2), not the API's. */
export class OAuthError extends Error {
  constructor(
    readonly code: number,
    readonly error: string,
    readonly description: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${error}: ${description}`);
    this.name = 'OAuthError';
  }

  toBody(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.description };
  }
}

export function injectedTokenFailure(status: 429 | 500 | 503 | 403, retryAfterSeconds?: number): OAuthError {
  const headers: Record<string, string> =
    retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) };
  switch (status) {
    case 429:
      return new OAuthError(429, 'rate_limit_exceeded', 'Rate limit exceeded.', headers);
    case 403:
      return new OAuthError(403, 'access_denied', 'Requested client not authorized.', headers);
    default:
      return new OAuthError(status, 'internal_failure', 'Backend Error', headers);
  }
}
