import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseFrameRate, snapFrameRate } from '@pokervod/timecode';
import { baseConfigSchema } from '@pokervod/service-kit';
import { DEFAULT_TAXONOMY } from './tags/default-taxonomy';
import { taxonomyFromFile } from './tags/taxonomy';

/** Block C's settings, on top of the shared ones (docs/architecture.md#configuration). */
export const handsConfigSchema = baseConfigSchema.extend({
  /**
   * Frame rate of a clip's video when neither the request nor a probe says (`30000/1001`, `25`, `29.97`),
   * snapped like a probed rate.
   */
  HANDS_DEFAULT_FRAME_RATE: z
    .string()
    .default('30000/1001')
    .transform((value, ctx) => {
      try {
        const rate = parseFrameRate(value);
        return snapFrameRate(rate) ?? rate;
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `not a frame rate: ${(error as Error).message}` });
        return z.NEVER;
      }
    }),
  /** A clip longer than this is stored as invalid. */
  HANDS_MAX_CLIP_SECONDS: z.coerce.number().positive().max(86_400).default(1800),
  /** Clips per transaction during an analysis: big enough to be quick, small enough not to hold locks long. */
  HANDS_ANALYSIS_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(500),
  /** YAML or JSON file extending (or replacing) the built-in tag taxonomy; see taxonomy.example.yaml. */
  HANDS_TAXONOMY_FILE: z
    .string()
    .optional()
    .superRefine((file, ctx) => {
      if (!file) return;
      try {
        taxonomyFromFile(readFileSync(file, 'utf8'), file, DEFAULT_TAXONOMY);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
});

export type HandsConfig = z.infer<typeof handsConfigSchema> & { PORT: number };
