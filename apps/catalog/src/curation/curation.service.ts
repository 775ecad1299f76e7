import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { parseFilename } from '@pokervod/filename-parser';
import { MessageBus } from '@pokervod/messaging';
import { CatalogError, EmittedEvents } from '../catalog-error';
import { PlacementService, episodeSearchText } from '../placement/placement.service';
import { CatalogUpdatedNotifier } from '../updates/catalog-updated.notifier';
import { CurationRepository, EpisodeRef, EpisodeState } from './curation.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ref = ({ id, title, project_code }: EpisodeRef): EpisodeRef => ({ id, title, project_code });

/**
 * Editors' changes to the tree, which later scans and reconciles respect:
 * a renamed episode keeps its title (`title_locked`), a merged episode stays
 * retired and its name keeps leading to the one it was merged into, a
 * pinned file stays where it was pinned.
 */
@Injectable()
export class CurationService {
  constructor(
    private readonly repository: CurationRepository,
    private readonly dataSource: DataSource,
    private readonly bus: MessageBus,
    private readonly placement: PlacementService,
    private readonly updates: CatalogUpdatedNotifier,
  ) {}

  async rename(episodeId: string, title: string): Promise<EpisodeRef> {
    const clean = title.trim();
    if (clean === '' || clean.length > 500) throw new CatalogError('invalid_request', 'title: 1 to 500 characters');
    const episode = await this.dataSource.transaction(async (m) => {
      const current = await this.activeEpisode(m, episodeId);
      await this.repository.rename(m, current.id, clean, episodeSearchText(clean, current.project_code ?? ''));
      return { ...current, title: clean };
    });
    this.updates.markChanged();
    return ref(episode);
  }

  /** Merges `fromId` into `intoId` (an already retired `into` stands for the episode it was merged into). */
  async merge(intoId: string, fromId: string): Promise<EpisodeRef> {
    if (!UUID.test(intoId)) throw notFound(intoId);
    if (!UUID.test(fromId)) throw notFound(fromId);
    if (intoId === fromId) throw new CatalogError('invalid_request', 'an episode cannot be merged into itself');
    const into = await this.dataSource.transaction(async (m) => {
      const rows = await this.repository.lockEpisodes(m, [intoId, fromId]);
      const byId = new Map(rows.map((r) => [r.id, r]));
      let target = byId.get(intoId);
      const from = byId.get(fromId);
      if (!target) throw notFound(intoId);
      if (!from) throw notFound(fromId);
      if (target.merged_into !== null) {
        const [active] = await this.repository.lockEpisodes(m, [target.merged_into]);
        target = active;
      }
      if (from.merged_into !== null) {
        if (from.merged_into === target.id) return target; // done before: a repeated request
        throw new CatalogError('conflict', `episode ${fromId} was already merged into ${from.merged_into}`);
      }
      if (from.id === target.id) throw new CatalogError('invalid_request', 'an episode cannot be merged into itself');
      await this.repository.merge(m, from.id, target.id);
      return target;
    });
    this.updates.markChanged();
    return ref(into);
  }

  /** Pins a file to an episode, or (null) unpins it and lets its name place it again. */
  async pin(
    fileId: string,
    episodeId: string | null,
  ): Promise<{ file_id: string; episode: EpisodeRef | null; pinned: boolean }> {
    const emitted = new EmittedEvents();
    const result = await this.placement.guard(() =>
      this.dataSource.transaction(async (m) => {
        const file = await this.repository.lockFile(m, fileId);
        if (!file) throw new CatalogError('not_found', `no file ${fileId} in the catalog`);
        if (episodeId !== null) {
          const episode = await this.activeEpisode(m, episodeId);
          await this.repository.pin(m, file.id, episode.id);
          return { file_id: file.id, episode: ref(episode), pinned: true };
        }
        const parsed = file.parsed ?? parseFilename(file.path);
        const target = await this.placement.episodeFor(m, file.path, parsed, emitted.emit);
        await this.repository.unpin(m, file.id, target?.episodeId ?? null, target?.projectCode ?? null);
        for (const e of emitted.events) await this.bus.publishInTransaction(m, e.type, e.payload as never);
        return { file_id: file.id, episode: await this.repository.episodeOfFile(m, file.id), pinned: false };
      }),
    );
    if (emitted.events.length > 0) void this.bus.flushOutbox();
    this.updates.markChanged();
    return result;
  }

  /** The episode, or the one it was merged into; locked for the transaction. */
  private async activeEpisode(m: EntityManager, id: string): Promise<EpisodeState> {
    if (!UUID.test(id)) throw notFound(id);
    const [episode] = await this.repository.lockEpisodes(m, [id]);
    if (!episode) throw notFound(id);
    if (episode.merged_into === null) return episode;
    const [active] = await this.repository.lockEpisodes(m, [episode.merged_into]);
    return active;
  }
}

function notFound(id: string): CatalogError {
  return new CatalogError('not_found', `no episode ${id}`);
}
