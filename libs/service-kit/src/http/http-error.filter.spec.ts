import { BadRequestException, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { describeHttpError } from './http-error.filter';

/** A Postgres error as TypeORM's QueryFailedError carries it. */
const queryFailed = (code: string, message: string) =>
  Object.assign(new Error(message), { driverError: Object.assign(new Error(message), { code }) });

describe('describeHttpError', () => {
  it('maps Nest’s exceptions by status, joining validation messages', () => {
    expect(describeHttpError(new NotFoundException('no sync run x'))).toEqual({
      status: 404,
      body: { code: 'not_found', message: 'no sync run x' },
    });
    expect(describeHttpError(new BadRequestException(['a: bad', 'b: bad']))).toEqual({
      status: 400,
      body: { code: 'invalid_request', message: 'a: bad; b: bad' },
    });
    expect(describeHttpError(new ThrottlerException('slow down')).status).toBe(429);
  });

  it('keeps an app’s own object body (the readiness details) as it is', () => {
    const details = { status: 'error', info: {}, error: { postgres: { status: 'down' } }, details: {} };
    expect(describeHttpError(new ServiceUnavailableException(details))).toEqual({ status: 503, body: details });
  });

  it.each([
    ['22021', 'invalid byte sequence for encoding "UTF8": 0x00'],
    ['22P02', 'invalid input syntax for type uuid: "x"'],
    ['22003', 'value "99999999999" is out of range for type integer'],
  ])('answers Postgres’ bad-value error %s with 400', (code, message) => {
    expect(describeHttpError(queryFailed(code, message))).toEqual({
      status: 400,
      body: { code: 'invalid_request', message: `invalid value: ${message}` },
    });
  });

  it('answers other Postgres errors and anything unknown with a bare 500', () => {
    for (const error of [queryFailed('40P01', 'deadlock detected'), new TypeError('x is undefined'), 'thrown text']) {
      expect(describeHttpError(error)).toEqual({
        status: 500,
        body: { code: 'internal', message: 'internal error' },
        unexpected: true,
      });
    }
  });

  it('takes the 4xx status that body-parser and the router put on their errors', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, expose: true });
    const hidden = Object.assign(new Error('stream internals'), { statusCode: 400, expose: false });
    expect(describeHttpError(tooLarge)).toEqual({
      status: 413,
      body: { code: 'payload_too_large', message: 'request entity too large' },
    });
    expect(describeHttpError(hidden)).toEqual({
      status: 400,
      body: { code: 'invalid_request', message: 'bad request' },
    });
  });
});
