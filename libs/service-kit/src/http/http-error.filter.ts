import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { throwError } from 'rxjs';

/** What every error leaves as (the API's shape, docs/api.md): a machine `code` and a human `message`. */
export interface HttpErrorBody {
  code: string;
  message: string;
}

const CODE_OF_STATUS: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  422: 'invalid_request',
  429: 'too_many_requests',
  431: 'headers_too_large',
  503: 'unavailable',
};

/**
 * Postgres "data exception" codes a request's own value causes: a NUL or
 * untranslatable character, text where a uuid or number belongs, a number or
 * date out of range. They are the client's fault, so 400 — never a 500.
 */
const BAD_VALUE_SQLSTATES = new Set([
  '22001', // string_data_right_truncation
  '22003', // numeric_value_out_of_range
  '22007', // invalid_datetime_format
  '22008', // datetime_field_overflow
  '22021', // character_not_in_repertoire (e.g. NUL in text)
  '22P02', // invalid_text_representation (e.g. "x" as a uuid)
  '22P05', // untranslatable_character
  '54000', // program_limit_exceeded (e.g. a value too long to index)
]);

/** Keys of the body Nest builds for its own HttpExceptions; any other object is an app's and is kept. */
const NEST_BODY_KEYS = new Set(['statusCode', 'message', 'error']);

export interface DescribedError {
  status: number;
  body: HttpErrorBody | object;
  /** Unexpected: logged with its stack, answered with nothing about the inside. */
  unexpected?: boolean;
}

/**
 * Maps anything thrown while serving a request to a status and a body
 * without internals: Nest's HttpExceptions by status (an app's own object
 * bodies, like the readiness details, as they are); body-parser's and the
 * router's errors (bad JSON, too large, bad charset, undecodable path) by
 * the 4xx status they carry; Postgres errors about a bad value as 400;
 * anything else as a 500 `internal`.
 */
export function describeHttpError(error: unknown): DescribedError {
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    if (typeof response === 'string') return { status, body: { code: codeOf(status), message: response } };
    const keys = Object.keys(response);
    if (keys.every((k) => NEST_BODY_KEYS.has(k))) {
      const message = (response as { message?: unknown }).message;
      const text = Array.isArray(message) ? message.join('; ') : String(message ?? error.message);
      return { status, body: { code: codeOf(status), message: text } };
    }
    return { status, body: response };
  }
  const carried = carriedStatus(error);
  if (carried !== null) {
    return { status: carried, body: { code: codeOf(carried), message: clientMessage(error, carried) } };
  }
  const sqlState = sqlStateOf(error);
  if (sqlState !== null && BAD_VALUE_SQLSTATES.has(sqlState)) {
    return {
      status: HttpStatus.BAD_REQUEST,
      body: { code: 'invalid_request', message: `invalid value: ${firstLine(messageOf(error))}` },
    };
  }
  return {
    status: HttpStatus.INTERNAL_SERVER_ERROR,
    body: { code: 'internal', message: 'internal error' },
    unexpected: true,
  };
}

/**
 * The default error filter of every app: bodies as `describeHttpError`
 * says, never a stack trace. An app's own filter (the API's) takes
 * precedence; non-HTTP contexts get the error back unchanged.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpError');

  catch(error: unknown, host: ArgumentsHost) {
    if (host.getType() !== 'http') return throwError(() => error);
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body, unexpected } = describeHttpError(error);
    if (unexpected) this.logger.error(`unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    if (res.headersSent) {
      // Part of a body already left: the client must see the response break, not a spliced error.
      res.destroy();
      return undefined;
    }
    res.status(status).json(body);
    return undefined;
  }
}

function codeOf(status: number): string {
  return CODE_OF_STATUS[status] ?? (status >= 500 ? 'internal' : `http_${status}`);
}

/** A 4xx status set by Express middleware (body-parser, the router's URI decoding). */
function carriedStatus(error: unknown): number | null {
  if (error === null || typeof error !== 'object') return null;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const found = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : null;
  return found !== null && found >= 400 && found < 500 ? found : null;
}

function clientMessage(error: unknown, status: number): string {
  // body-parser marks messages safe to show with `expose`; the others say only the status.
  const { expose } = error as { expose?: unknown };
  const message = messageOf(error);
  return expose === false || !message
    ? (HttpStatus[status]?.toLowerCase().replace(/_/g, ' ') ?? 'bad request')
    : firstLine(message);
}

function sqlStateOf(error: unknown): string | null {
  if (error === null || typeof error !== 'object') return null;
  const { code, driverError } = error as { code?: unknown; driverError?: { code?: unknown } };
  const state = typeof driverError?.code === 'string' ? driverError.code : code;
  return typeof state === 'string' && /^[0-9A-Z]{5}$/.test(state) ? state : null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : typeof error === 'string' ? error : '';
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
