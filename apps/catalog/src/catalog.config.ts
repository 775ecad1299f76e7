import { z } from 'zod';
import { baseConfigSchema } from '@pokervod/service-kit';
import { CatalogDefinitionError, readCatalogDefinition } from './projects/catalog-definition';

/** Block B's settings, on top of the shared ones (docs/architecture.md#configuration). */
export const catalogConfigSchema = baseConfigSchema.extend({
  /** YAML or JSON file of extra projects and aliases (see apps/catalog/catalog.example.yaml); re-read on reconcile. */
  CATALOG_FILE: z
    .string()
    .trim()
    .min(1)
    .optional()
    .superRefine((file, ctx) => {
      if (file === undefined) return;
      try {
        readCatalogDefinition(file);
      } catch (error) {
        if (!(error instanceof CatalogDefinitionError)) throw error;
        ctx.addIssue({ code: 'custom', message: error.message });
      }
    }),
  /** Lowest trigram similarity (0..1) for a fuzzy `match_episode` answer. */
  CATALOG_MATCH_THRESHOLD: z.coerce.number().min(0.05).max(1).default(0.4),
  /** Best and second-best candidates closer than this: `ambiguous`. */
  CATALOG_MATCH_MARGIN: z.coerce.number().min(0).max(1).default(0.05),
  /** NAS file events are summed up in at most one `catalog.updated` per this many ms. */
  CATALOG_UPDATED_DEBOUNCE_MS: z.coerce.number().int().min(10).max(3_600_000).default(2000),
});

export type CatalogConfig = z.infer<typeof catalogConfigSchema> & { PORT: number };
