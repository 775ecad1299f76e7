import { EventType } from '@pokervod/contracts';

/** The event every benchmark message carries: small, realistic, validated by its zod schema on the bus path. */
export const BENCH_EVENT = EventType.PROJECT_CREATED;
/** The command of the request/reply round trips. */
export const BENCH_COMMAND = 'catalog.create_project' as const;
