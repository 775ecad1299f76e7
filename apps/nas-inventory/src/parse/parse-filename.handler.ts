import { Injectable } from '@nestjs/common';
import type { ParsedMetadata } from '@pokervod/contracts';
import { parseFilename } from '@pokervod/filename-parser';
import { OnCommand } from '@pokervod/messaging';

/** Block A's `parse_filename(name)` as a command: pure, so any replica answers. */
@Injectable()
export class ParseFilenameHandler {
  @OnCommand('nas.parse_filename')
  parse({ name }: { name: string }): ParsedMetadata {
    return parseFilename(name);
  }
}
