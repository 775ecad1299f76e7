import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Response } from 'express';
import { throwError } from 'rxjs';
import { ApiError, ErrorBody, ErrorCode } from './api-error';

const CODE_OF_STATUS: Record<number, ErrorCode> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  416: 'range_not_satisfiable',
  429: 'too_many_requests',
  502: 'upstream_unavailable',
  503: 'unavailable',
  504: 'upstream_timeout',
};

/**
 * Every error leaves as `{code, message}` (docs/api.md): ours as they are,
 * Nest's and body-parser's mapped by status, anything unexpected as a 500
 * `internal` that is logged and says nothing about the inside.
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiError');

  catch(error: unknown, host: ArgumentsHost) {
    // A message handler's error goes back to the bus unchanged (its text is the retry and dead-letter reason).
    if (host.getType() !== 'http') return throwError(() => error);
    const res = host.switchToHttp().getResponse<Response>();
    const { status, body, headers } = this.describe(error);
    if (res.headersSent) {
      res.destroy();
      return undefined;
    }
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.status(status).json(body);
    return undefined;
  }

  private describe(error: unknown): { status: number; body: ErrorBody; headers: Record<string, string> } {
    if (error instanceof ApiError) {
      const body: ErrorBody = { code: error.code, message: error.message };
      if (error.details !== undefined) body.details = error.details;
      return { status: error.status, body, headers: error.headers };
    }
    if (error instanceof ThrottlerException) {
      return {
        status: 429,
        body: { code: 'too_many_requests', message: 'too many requests; slow down' },
        headers: {},
      };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse();
      const message =
        typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? error.message);
      return { status, body: { code: CODE_OF_STATUS[status] ?? `http_${status}`, message }, headers: {} };
    }
    if (overloaded(error)) {
      return {
        status: 503,
        body: { code: 'unavailable', message: 'the server is too busy to answer now; try again shortly' },
        headers: { 'Retry-After': '1' },
      };
    }
    // body-parser's errors (too large, bad JSON) carry their status.
    const status =
      (error as { status?: unknown; statusCode?: unknown }).status ?? (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return {
        status,
        body: { code: CODE_OF_STATUS[status] ?? 'invalid_request', message: (error as Error).message },
        headers: {},
      };
    }
    this.logger.error(`unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    return { status: 500, body: { code: 'internal', message: 'internal error' }, headers: {} };
  }
}

/**
 * Too much work, not a fault: the database pool had no connection for the
 * request in time, or a statement ran into its timeout (Postgres 57014).
 */
function overloaded(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown; driverError?: { code?: unknown } };
  const code = e?.code ?? e?.driverError?.code;
  return (
    code === '57014' || (typeof e?.message === 'string' && /timeout exceeded when trying to connect/i.test(e.message))
  );
}
