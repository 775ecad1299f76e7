import { readFileSync } from 'node:fs';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { HandsConfig } from '../hand-analysis.config';
import { DEFAULT_TAXONOMY } from './default-taxonomy';
import { Taxonomy, taxonomyFromFile } from './taxonomy';

/** The taxonomy in force: the built-in one, extended or replaced by HANDS_TAXONOMY_FILE (read at start). */
@Injectable()
export class TaxonomyService {
  readonly taxonomy: Taxonomy;

  constructor(@Inject(SERVICE_CONFIG) config: HandsConfig) {
    const file = config.HANDS_TAXONOMY_FILE;
    this.taxonomy = file
      ? taxonomyFromFile(readFileSync(file, 'utf8'), file, DEFAULT_TAXONOMY)
      : new Taxonomy(DEFAULT_TAXONOMY);
    new Logger('Taxonomy').log(
      `${this.taxonomy.entries.length} tags in ${this.taxonomy.categories.length} categories${file ? ` (with ${file})` : ''}`,
    );
  }
}
