import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { CommandRequest, CommandResponse } from '@pokervod/contracts';
import { FileMatchService } from './file-match.service';

/** Block A's `match_file_path(path)` over the bus. */
@Controller()
export class FileMatchHandler {
  constructor(private readonly matches: FileMatchService) {}

  @MessagePattern('nas.match_file_path')
  match(@Payload() request: CommandRequest<'nas.match_file_path'>): Promise<CommandResponse<'nas.match_file_path'>> {
    return this.matches.match(request);
  }
}
