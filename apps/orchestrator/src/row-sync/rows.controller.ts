import { BadRequestException, Controller, Get, Query } from '@nestjs/common';
import { z } from 'zod';
import { ROW_OUTCOMES, RowOutcomeRecord } from '@pokervod/contracts';
import { RowStateRepository } from './row-state.repository';

const listQuery = z.object({
  outcome: z.enum(ROW_OUTCOMES).optional(),
  sheet_id: z.string().max(1024).optional(),
  after: z.string().max(4096).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(500),
});

const attentionQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

function parse<T extends z.ZodType>(schema: T, query: unknown): z.output<T> {
  const parsed = schema.safeParse(query);
  if (!parsed.success) {
    throw new BadRequestException(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  }
  return parsed.data;
}

/** Where every stored sheet row stands (the row sync's outcomes). */
@Controller('api/orchestrator')
export class RowsController {
  constructor(private readonly rows: RowStateRepository) {}

  /** Every stored row with its outcome, by sheet and row key; `next` is the cursor of the following page. */
  @Get('rows')
  list(@Query() query: unknown): Promise<{ rows: RowOutcomeRecord[]; next: string | null }> {
    const q = parse(listQuery, query);
    return this.rows.list({ outcome: q.outcome, sheetId: q.sheet_id, after: q.after, limit: q.limit });
  }

  /** Counts per outcome; `dirty` rows are still being settled (0 = converged). */
  @Get('rows/summary')
  summary() {
    return this.rows.summary();
  }

  /** Rows needing an editor: no file (unmatched), not settled (pending, with the last error), or no episode. */
  @Get('unmatched')
  unmatched(@Query() query: unknown): Promise<{ total: number; rows: RowOutcomeRecord[] }> {
    return this.rows.needingAttention(parse(attentionQuery, query).limit);
  }
}
