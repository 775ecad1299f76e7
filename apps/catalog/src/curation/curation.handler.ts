import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { CommandResponse } from '@pokervod/contracts';
import { CommandRejection } from '@pokervod/messaging';
import { CatalogError } from '../catalog-error';
import { ProjectsService } from '../projects/projects.service';
import { CurationService } from './curation.service';

/** A refusal travels back as the command's error code (`not_found`, `invalid_request`, `conflict`). */
export async function asCommand<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CatalogError) throw new CommandRejection(error.code, error.message);
    throw error;
  }
}

/** Curation commands; the same service answers the REST endpoints. */
@Controller()
export class CurationHandler {
  constructor(
    private readonly curation: CurationService,
    private readonly projects: ProjectsService,
  ) {}

  @MessagePattern('catalog.rename_episode')
  rename(
    @Payload() request: { episode_id: string; title: string },
  ): Promise<CommandResponse<'catalog.rename_episode'>> {
    return asCommand(() => this.curation.rename(request.episode_id, request.title));
  }

  @MessagePattern('catalog.merge_episodes')
  merge(
    @Payload() request: { into_episode_id: string; from_episode_id: string },
  ): Promise<CommandResponse<'catalog.merge_episodes'>> {
    return asCommand(() => this.curation.merge(request.into_episode_id, request.from_episode_id));
  }

  @MessagePattern('catalog.pin_file')
  pin(
    @Payload() request: { file_id: string; episode_id: string | null },
  ): Promise<CommandResponse<'catalog.pin_file'>> {
    return asCommand(() => this.curation.pin(request.file_id, request.episode_id));
  }

  @MessagePattern('catalog.create_project')
  createProject(
    @Payload() request: { code: string; name: string },
  ): Promise<CommandResponse<'catalog.create_project'>> {
    return asCommand(() => this.projects.create(request.code, request.name));
  }
}
