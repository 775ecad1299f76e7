import {
  SourceChangedWhileReadingError,
  SourceConfigurationError,
  describeError,
  httpStatus,
  isTransient,
  redact,
  retryAfterMs,
} from './source-errors';

const httpError = (status: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`Request failed with status code ${status}`), {
    status,
    response: { status, headers: new Headers(), data: {} },
    ...extra,
  });

describe('isTransient', () => {
  it.each([
    [httpError(429), true],
    [httpError(500), true],
    [httpError(502), true],
    [httpError(503), true],
    [httpError(504), true],
    [httpError(400), false],
    [httpError(401), false],
    [httpError(404), false],
    [httpError(403), false],
    [
      httpError(403, { response: { status: 403, data: { error: { errors: [{ reason: 'userRateLimitExceeded' }] } } } }),
      true,
    ],
    [Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), true],
    [Object.assign(new Error('fetch failed'), { cause: { code: 'ECONNREFUSED' } }), true],
    [new Error('Timed out after 60000ms'), true],
    [Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' }), false],
    [new SourceChangedWhileReadingError('/x.csv'), true],
    [new SourceConfigurationError('no tab'), false],
  ])('%s → %s', (error, transient) => expect(isTransient(error)).toBe(transient));
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates, from Headers or a plain object', () => {
    const headers = new Headers({ 'Retry-After': '2' });
    expect(retryAfterMs({ response: { headers } })).toBe(2000);
    expect(retryAfterMs({ response: { headers: { 'retry-after': '1.5' } } })).toBe(1500);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryAfterMs({ response: { headers: { 'retry-after': 'Wed, 01 Jan 2025 00:00:07 GMT' } } }, now)).toBe(7000);
    expect(retryAfterMs(httpError(429))).toBeNull();
    expect(retryAfterMs(new Error('x'))).toBeNull();
  });
});

describe('describeError', () => {
  it('gives the status and Google’s message', () => {
    const error = httpError(403, {
      response: { status: 403, data: { error: { message: 'The caller does not have permission' } } },
    });
    expect(httpStatus(error)).toBe(403);
    expect(describeError(error)).toBe('HTTP 403: The caller does not have permission');
  });

  it('never carries keys or tokens', () => {
    const key = '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----\n';
    const text = describeError(new Error(`bad key ${key} and Bearer ya29.a0AfH6SMBxxxxxxxxxxxxxxxx`));
    expect(text).not.toContain('MIIEvQIBADANBg');
    expect(text).not.toContain('ya29');
    expect(redact('token eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4eHh4eHgifQ.c2lnbmF0dXJlc2ln')).toBe('token [redacted]');
  });
});
