import { z } from 'zod';
import { POKERVOD_HOME, baseConfigSchema } from '@pokervod/service-kit';
import { parseFrameRate } from '@pokervod/timecode';
import { HeaderAliasesSchema } from './hand-log/columns';
import { parseSourceSpecs } from './sources/source-spec';

const seconds = (fallback: number) => z.coerce.number().min(0).default(fallback);
const millis = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);

/** The sample hand log that matches `samples/nas`; relative to POKERVOD_HOME (the repo for `npm start`). */
export const DEFAULT_SHEETS_SOURCES = 'file:samples/hand-log/hand-log.csv';

/**
 * Block D's settings, on top of the shared ones (docs/architecture.md#configuration;
 * `SHEETS_SOURCES` and `GOOGLE_APPLICATION_CREDENTIALS` are among them).
 */
export const sheetsConfigSchema = baseConfigSchema
  .extend({
    SHEETS_SOURCES: z
      .string()
      .min(1)
      .default(DEFAULT_SHEETS_SOURCES)
      .superRefine((text, ctx) => {
        try {
          parseSourceSpecs(text, POKERVOD_HOME);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
        }
      }),
    /** How often the change token (Drive version, file mtime+size) is checked; 0 turns polling off. */
    SHEETS_POLL_SECONDS: seconds(30),
    /** Shared secret of `POST /webhooks/sheets` (header X-PokerVOD-Webhook-Secret). Unset: webhook off. */
    SHEETS_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    /** After a webhook sync, check the change token once more this much later (edits the script debounced away). */
    SHEETS_WEBHOOK_RECHECK_SECONDS: seconds(5),
    /** Sheets API read requests per minute per credential (Google's default quota is 60 per user). */
    SHEETS_READS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
    /** Drive metadata requests (the change check) per minute per credential. */
    SHEETS_DRIVE_READS_PER_MINUTE: z.coerce.number().int().min(1).default(300),
    /** Longest wait for a request slot before the sync is cut short (PARTIAL). */
    SHEETS_QUOTA_WAIT_MS: millis(120_000),
    /** Base delay of retries on 429/5xx (policy D: 5 attempts, exponential, base 10 s); Retry-After wins when longer. */
    SHEETS_RETRY_BASE_MS: millis(10_000),
    SHEETS_RETRY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
    /** One Google/file request slower than this fails (and counts against the breaker). */
    SHEETS_REQUEST_TIMEOUT_MS: millis(60_000, 100),
    /** How long a source's open breaker fails fast before one request is let through. */
    SHEETS_BREAKER_RESET_MS: millis(60_000, 10),
    /** Extra header spellings, JSON: {"file_name": ["영상 제목"], "in": ["IN TC"]}. */
    SHEETS_HEADER_ALIASES: z
      .string()
      .default('{}')
      .transform((text, ctx) => {
        try {
          return HeaderAliasesSchema.parse(JSON.parse(text));
        } catch (error) {
          ctx.addIssue({
            code: 'custom',
            message: `must be JSON like {"file_name": ["영상 제목"]}: ${(error as Error).message.slice(0, 200)}`,
          });
          return z.NEVER;
        }
      }),
    /** Rows from the top searched for the header row. */
    SHEETS_HEADER_SCAN_ROWS: z.coerce.number().int().min(1).max(1000).default(20),
    /** Frame rate used to read timecodes at the sheet's edge (out after in); block C checks against the video. */
    SHEETS_TIMECODE_RATE: z
      .string()
      .default('30000/1001')
      .transform((text, ctx) => {
        try {
          return parseFrameRate(text);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
    /** Sheets and Drive API root (both clients), e.g. the fake server for development. Unset: Google's. */
    GOOGLE_API_ROOT_URL: z.url({ protocol: /^https?$/ }).optional(),
  })
  .superRefine((config, ctx) => {
    const google = /(^|,)\s*google:/i.test(config.SHEETS_SOURCES);
    if (google && !config.GOOGLE_APPLICATION_CREDENTIALS) {
      ctx.addIssue({
        code: 'custom',
        path: ['GOOGLE_APPLICATION_CREDENTIALS'],
        message: 'Google sources need a service-account key file (share each sheet with its client_email)',
      });
    }
  });

export type SheetsConfig = z.infer<typeof sheetsConfigSchema> & { PORT: number };
