/**
 * How a failed read is judged. Errors are told apart by their HTTP status
 * (`err.status`, `err.response.status`) and codes, never by class: the
 * Google client's error classes come from more than one copy of gaxios.
 */

/** A file source changed while it was read: read it again. */
export class SourceChangedWhileReadingError extends Error {
  readonly transient = true;
  constructor(path: string) {
    super(`${path} changed while it was being read`);
    this.name = 'SourceChangedWhileReadingError';
  }
}

/** A read that cannot succeed as configured (no such sheet or tab, no permission, unreadable file). */
export class SourceConfigurationError extends Error {
  readonly transient = false;
  constructor(message: string) {
    super(message);
    this.name = 'SourceConfigurationError';
  }
}

const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);
/** Google answers some rate limits with 403 and one of these reasons. */
const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'RATE_LIMIT_EXCEEDED']);
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'EBUSY',
  'EAGAIN',
  'EIO',
  'ESTALE',
]);

interface ErrorLike {
  status?: unknown;
  code?: unknown;
  message?: unknown;
  transient?: unknown;
  cause?: unknown;
  response?: { status?: unknown; headers?: unknown; data?: unknown };
}

export function httpStatus(error: unknown): number | null {
  const e = (error ?? {}) as ErrorLike;
  for (const candidate of [e.status, e.response?.status, e.code]) {
    const n = typeof candidate === 'string' ? Number(candidate) : candidate;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 100 && n < 600) return n;
  }
  return null;
}

/** Google's `error.errors[].reason` / `error.status` strings in a JSON error body. */
function googleReasons(error: unknown): string[] {
  const data = (error as ErrorLike)?.response?.data as
    { error?: { status?: string; errors?: { reason?: string }[]; details?: { reason?: string }[] } } | undefined;
  const body = data?.error;
  if (!body || typeof body !== 'object') return [];
  return [
    body.status,
    ...(body.errors ?? []).map((e) => e?.reason),
    ...(body.details ?? []).map((d) => d?.reason),
  ].filter((r): r is string => typeof r === 'string');
}

function errorCode(error: unknown): string | null {
  const e = error as ErrorLike;
  if (typeof e?.code === 'string') return e.code;
  const cause = e?.cause as ErrorLike | undefined;
  return typeof cause?.code === 'string' ? cause.code : null;
}

/** Worth another attempt: quota (429, rate-limit 403), server errors, timeouts, dropped connections. */
export function isTransient(error: unknown): boolean {
  const e = error as ErrorLike;
  if (typeof e?.transient === 'boolean') return e.transient;
  const status = httpStatus(error);
  if (status !== null) {
    if (TRANSIENT_STATUS.has(status)) return true;
    if (status === 403) return googleReasons(error).some((r) => RATE_LIMIT_REASONS.has(r));
    return false;
  }
  const code = errorCode(error);
  if (code && TRANSIENT_CODES.has(code)) return true;
  // opossum's own timeout, and fetch failures without a code
  return /timed out|socket hang up|fetch failed|network/i.test(String(e?.message ?? ''));
}

function header(headers: unknown, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const record = headers as Record<string, unknown>;
  const value = record[name] ?? record[name.toLowerCase()];
  return Array.isArray(value) ? String(value[0]) : value === undefined || value === null ? null : String(value);
}

/** `Retry-After` of an HTTP error response in ms (seconds or an HTTP date), or null. */
export function retryAfterMs(error: unknown, now = Date.now()): number | null {
  const value = header((error as ErrorLike)?.response?.headers, 'retry-after');
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

const SECRET_LIKE = [
  /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g,
  /\b(Bearer|access_token["':=\s]+)\s*[\w.~+/-]{16,}=*/gi,
  /\bey[\w-]{10,}\.[\w-]{10,}\.[\w-]{10,}/g, // a JWT
];

/** Strips anything that looks like a key or a token from text bound for logs and events. */
export function redact(text: string): string {
  return SECRET_LIKE.reduce((t, pattern) => t.replace(pattern, '[redacted]'), text);
}

/** One line for logs, events and the sources table: status, Google's message, no credentials. */
export function describeError(error: unknown): string {
  const e = (error ?? {}) as ErrorLike;
  const status = httpStatus(error);
  const data = e.response?.data as { error?: { message?: unknown } | string; error_description?: unknown } | undefined;
  const googleMessage =
    typeof data?.error === 'object' && typeof data.error?.message === 'string'
      ? data.error.message
      : typeof data?.error_description === 'string'
        ? data.error_description
        : null;
  const message = googleMessage ?? (typeof e.message === 'string' ? e.message : String(error));
  const text = status !== null && !message.startsWith('HTTP ') ? `HTTP ${status}: ${message}` : message;
  return redact(text).slice(0, 500);
}
