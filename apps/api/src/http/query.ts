import { z } from 'zod';
import { ApiError } from './api-error';

/**
 * Parses a request's query (or params) with its schema: a bad value is a
 * 400 `invalid_request` naming each parameter, never a 500. A parameter
 * given twice (`?a=1&a=2`) or as an object (`?a[b]=1`) is a bad value.
 */
export function parseQuery<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({
    param: issue.path.join('.') || '(query)',
    message: issue.message,
  }));
  throw new ApiError('invalid_request', details.map((d) => `${d.param}: ${d.message}`).join('; '), details);
}

/** A single query parameter's text: trimmed, bounded, no control characters. */
export const text = (max = 200) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine(
      (v) => ![...v].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f),
      'control characters are not allowed',
    )
    .transform((v) => v.normalize('NFKC').trim());

export const optionalText = (max = 200) =>
  text(max)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const uuid = () =>
  z
    .string()
    .regex(UUID_PATTERN, 'must be a uuid')
    .transform((v) => v.toLowerCase());

export const limit = (fallback = 50, max = 200) =>
  z
    .string()
    .regex(/^\d{1,6}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(max))
    .optional()
    .transform((v) => v ?? fallback);

export const year = () =>
  z
    .string()
    .regex(/^\d{4}$/, 'must be a 4-digit year')
    .transform(Number)
    .pipe(z.number().int().min(1900).max(2200));

export const bool = () => z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const cursor = () =>
  z
    .string()
    .max(1000)
    .regex(/^[A-Za-z0-9_-]*$/, 'not a cursor');

/** A comma list of allowed values. */
export const enumList = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .max(200)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)).min(1, `one of ${values.join(', ')}`));
