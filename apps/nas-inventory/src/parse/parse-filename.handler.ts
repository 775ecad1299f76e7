import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import type { ParsedMetadata } from '@pokervod/contracts';
import { parseFilename } from '@pokervod/filename-parser';

/** Block A's `parse_filename(name)` as a command: pure, so any replica answers. */
@Controller()
export class ParseFilenameHandler {
  @MessagePattern('nas.parse_filename')
  parse(@Payload() { name }: { name: string }): ParsedMetadata {
    return parseFilename(name);
  }
}
