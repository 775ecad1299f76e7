import { z } from 'zod';
import { baseConfigSchema } from '@pokervod/service-kit';
import { parseNasRoots } from '@pokervod/nas-roots';

/**
 * Block E's settings, on top of the shared ones (docs/architecture.md#configuration;
 * NAS_ROOTS is one of them: streams resolve files under the roots).
 */
export const apiConfigSchema = baseConfigSchema.extend({
  NAS_ROOTS: baseConfigSchema.shape.NAS_ROOTS.superRefine((value, ctx) => {
    try {
      parseNasRoots(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
    }
  }),
  /** The orchestrator the dashboard proxy forwards to. */
  ORCHESTRATOR_URL: z
    .string()
    .url()
    .refine((v) => /^https?:\/\//.test(v), 'must be an http(s) URL')
    .default('http://127.0.0.1:3001'),
  /** Requests per client per window on search, export and stream. */
  API_THROTTLE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(600),
  API_THROTTLE_TTL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** Most clips one export may hold. */
  API_EXPORT_MAX_CLIPS: z.coerce.number().int().min(1).max(100_000).default(5000),
  /** How long to wait for a block's snapshot page. */
  API_SNAPSHOT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  /** HTTP requests querying Postgres at once (the pool is shared with event handlers); more wait. */
  API_DB_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(3),
  /** How long a request waits for its turn before 503. */
  API_DB_WAIT_MS: z.coerce.number().int().min(10).max(600_000).default(10_000),
  /** Set false to serve without the OpenAPI UI. */
  API_DOCS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export type ApiConfig = z.infer<typeof apiConfigSchema> & { PORT: number };
