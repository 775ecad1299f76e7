import { z } from 'zod';
import { baseConfigSchema } from '@pokervod/service-kit';

const list = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    );

/** Block A's settings, on top of the shared ones (docs/architecture.md#configuration; `NAS_ROOTS` is there). */
export const nasConfigSchema = baseConfigSchema.extend({
  /** External spellings of the roots in sheets: `\\nas\poker=media,smb://nas/poker=media,Z:\=media`. */
  NAS_PATH_PREFIXES: z.string().default(''),
  NAS_VIDEO_EXTENSIONS: list('mp4,mov,mxf,mkv,avi,m4v,ts,mts').transform((l) =>
    l.map((e) => e.replace(/^\./, '').toLowerCase()),
  ),
  /** Globs (relative to a root) to leave out, besides NAS housekeeping folders. */
  NAS_IGNORE: list(''),
  NAS_SCAN_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** A file modified more recently than this may still be copying; it is ingested by a later scan. */
  NAS_STABLE_SECONDS: z.coerce.number().min(0).default(10),
  /** Bytes hashed at each end of a file for its fingerprint. */
  NAS_HASH_WINDOW_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(1024 * 1024),
  /** Watch local roots and scan a folder soon after it changes. */
  NAS_WATCH: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  NAS_WATCH_DEBOUNCE_MS: z.coerce.number().int().min(10).default(2000),
  NAS_PROBE_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  NAS_PROBE_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
});

export type NasConfig = z.infer<typeof nasConfigSchema> & { PORT: number };
