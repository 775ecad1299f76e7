import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { CommandRequest, CommandResponse } from '@pokervod/contracts';
import { EpisodeMatchService } from './episode-match.service';

/** Block B's `match_episode(title)` over the bus (the HTTP route shares the service). */
@Controller()
export class EpisodeMatchHandler {
  constructor(private readonly matches: EpisodeMatchService) {}

  @MessagePattern('catalog.match_episode')
  match(
    @Payload() request: CommandRequest<'catalog.match_episode'>,
  ): Promise<CommandResponse<'catalog.match_episode'>> {
    return this.matches.match(request);
  }
}
