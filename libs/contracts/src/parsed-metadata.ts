import { z } from 'zod';

/** What a video's name says (docs/contracts/parsed-metadata.md). */
export const ParsedMetadataSchema = z.object({
  project: z.string().nullable(),
  year: z.number().int().nullable(),
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  season: z.number().int().nullable(),
  episode: z.number().int().nullable(),
  event_number: z.number().int().nullable(),
  event_name: z.string().nullable(),
  buy_in: z.number().int().nullable(),
  currency: z.string().nullable(),
  day: z.string().nullable(),
  part: z.number().int().nullable(),
  final_table: z.boolean(),
  game: z.string().nullable(),
  location: z.string().nullable(),
  extension: z.string(),
  title: z.string(),
  confidence: z.number().min(0).max(1),
});
export type ParsedMetadata = z.infer<typeof ParsedMetadataSchema>;
