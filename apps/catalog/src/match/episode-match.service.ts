import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CommandResponse } from '@pokervod/contracts';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { CatalogConfig } from '../catalog.config';
import { ProjectsService } from '../projects/projects.service';
import { MatchRepository, MatchStep } from './match.repository';
import { ScoredCandidate, decide, titleQuery } from './title-query';

export type EpisodeMatch = CommandResponse<'catalog.match_episode'>;

/** Scores of the exact steps (fuzzy answers carry their trigram similarity). */
export const EXACT_SCORE = 1;
export const FIELDS_SCORE = 0.9;

const ref = (c: ScoredCandidate) => ({ id: c.id, title: c.title, project_code: c.project_code });
const matched = (c: ScoredCandidate, score: number): EpisodeMatch => ({
  status: 'matched',
  episode: ref(c),
  score,
  candidates: [],
});
const ambiguous = (candidates: ScoredCandidate[]): EpisodeMatch => ({
  status: 'ambiguous',
  episode: null,
  score: null,
  candidates: candidates.map((c) => ({ ...ref(c), score: Math.round(c.score * 1000) / 1000 })),
});
const NOT_FOUND: EpisodeMatch = { status: 'not_found', episode: null, score: null, candidates: [] };

/**
 * `match_episode(title)` (docs/architecture.md#commands): the episode a
 * sheet's file name or a free title means. In turn: the episode of the given
 * NAS file; of a file with exactly that name; of the parsed fields (project,
 * season or year, event, day or episode or date); of the closest search text
 * by trigram similarity, among episodes that do not contradict the title.
 * Several equally good answers: `ambiguous` with the candidates. One SQL
 * statement.
 */
@Injectable()
export class EpisodeMatchService {
  constructor(
    private readonly repository: MatchRepository,
    private readonly dataSource: DataSource,
    private readonly projects: ProjectsService,
    @Inject(SERVICE_CONFIG) private readonly config: CatalogConfig,
  ) {}

  async match({ title, video_file_id }: { title: string; video_file_id?: string }): Promise<EpisodeMatch> {
    const query = titleQuery(title, this.projects.current());
    const { CATALOG_MATCH_THRESHOLD: threshold, CATALOG_MATCH_MARGIN: margin } = this.config;
    const rows = await this.repository.candidates(this.dataSource.manager, query, video_file_id ?? null, threshold);
    const step = (name: MatchStep) => rows.filter((r) => r.step === name);
    const [byFile] = step('file');
    if (byFile) return matched(byFile, EXACT_SCORE);
    const byName = step('exact');
    if (byName.length === 1) return matched(byName[0], EXACT_SCORE);
    if (byName.length > 1) return ambiguous(byName);
    const byFields = step('fields');
    if (byFields.length === 1) return matched(byFields[0], FIELDS_SCORE);
    if (byFields.length > 1) {
      // Every candidate agrees with the fields; the rest of the wording decides, if it clearly can.
      const decision = decide(byFields, 0, margin);
      return decision.status === 'matched'
        ? matched(decision.best, FIELDS_SCORE)
        : ambiguous(decision.status === 'ambiguous' ? decision.candidates : byFields.slice(0, 5));
    }
    const decision = decide(step('fuzzy'), threshold, margin);
    if (decision.status === 'matched') return matched(decision.best, round(decision.best.score));
    return decision.status === 'ambiguous' ? ambiguous(decision.candidates) : NOT_FOUND;
  }
}

const round = (score: number): number => Math.round(score * 1000) / 1000;
