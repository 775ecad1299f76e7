import { z } from 'zod';
import { parseFrameRate } from '@pokervod/timecode';
import { bool, uuid } from '../http/query';
import { SearchFilterSchema } from '../search/search.queries';

export const EXPORT_FORMATS = ['csv', 'edl', 'fcpxml', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const ExportQuerySchema = SearchFilterSchema.omit({ kind: true, episode: true }).extend({
  format: z.enum(EXPORT_FORMATS),
  episode: uuid().optional(),
  /** The timeline rate: `25`, `29.97`, `30000/1001`, … */
  rate: z
    .string()
    .max(20)
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return undefined;
      try {
        return parseFrameRate(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  drop_frame: bool().optional(),
});
export type ExportQuery = z.output<typeof ExportQuerySchema>;
