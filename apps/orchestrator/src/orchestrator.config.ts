import { z } from 'zod';
import { baseConfigSchema } from '@pokervod/service-kit';

const cron = z
  .string()
  .trim()
  .refine((v) => v === 'off' || /^(\S+\s+){4,5}\S+$/.test(v), 'must be a cron expression (5 or 6 fields) or "off"');

/** `name=seconds,name=seconds` — per-phase timeouts, e.g. `foundation=3600,sheets=600`. */
const phaseTimeouts = z
  .string()
  .default('')
  .transform((v, ctx) => {
    const out: Record<string, number> = {};
    for (const part of v
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean)) {
      const m = /^([a-z]+)=(\d+(?:\.\d+)?)$/.exec(part);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not name=seconds` });
        return z.NEVER;
      }
      const [, name, seconds] = m as unknown as [string, string, string];
      out[name] = Number(seconds) * 1000;
    }
    return out;
  });

const timeZone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Asia/Seoul');

/** The orchestrator's settings (runs, schedule, breakers), on top of docs/architecture.md#configuration. */
export const orchestratorConfigSchema = baseConfigSchema.extend({
  /** How long a block may take for its step of a phase before the step fails. */
  SYNC_PHASE_TIMEOUT_SECONDS: z.coerce.number().positive().default(1800),
  SYNC_PHASE_TIMEOUTS: phaseTimeouts,
  /** How often open steps are checked against their deadline. */
  SYNC_TIMEOUT_SWEEP_MS: z.coerce.number().int().min(50).default(5000),
  /** The schedule: daily full sync at 03:00, sheets every 5 minutes, NAS hourly; "off" disables one. */
  SCHEDULE_FULL_SYNC: cron.default('0 3 * * *'),
  SCHEDULE_SHEETS_SYNC: cron.default('*/5 * * * *'),
  SCHEDULE_NAS_SCAN: cron.default('0 * * * *'),
  SCHEDULE_TIMEZONE: timeZone.default('UTC'),
  /** How often a replica that is not the scheduler leader tries to become it. */
  SCHEDULER_LEADER_POLL_MS: z.coerce.number().int().min(50).default(5000),
  /** The circuit breaker per block (docs/architecture.md#circuit-breakers). */
  BREAKER_FAILURE_THRESHOLD: z.coerce.number().int().min(1).default(5),
  BREAKER_RESET_TIMEOUT_MS: z.coerce.number().int().min(1).default(60_000),
  COMMAND_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  /** Multiplies the blocks' retry delays (tests shrink them). */
  COMMAND_RETRY_DELAY_SCALE: z.coerce.number().min(0).default(1),
  /** The status stream: one database poll this often feeds every connection; more connections than the cap get 503. */
  STATUS_STREAM_POLL_MS: z.coerce.number().int().min(50).default(500),
  STATUS_STREAM_MAX_CONNECTIONS: z.coerce.number().int().min(1).default(100),
});

export type OrchestratorConfig = z.infer<typeof orchestratorConfigSchema> & { PORT: number };

/** The timeout of a phase: its own setting, or the default. */
export function phaseTimeoutMs(config: OrchestratorConfig, phaseName: string): number {
  return config.SYNC_PHASE_TIMEOUTS[phaseName] ?? config.SYNC_PHASE_TIMEOUT_SECONDS * 1000;
}
