import { Inject, Injectable } from '@nestjs/common';
import type { CommandName, CommandRequest, CommandResponse } from '@pokervod/contracts';
import { lastValueFrom } from 'rxjs';
import { MessageBus, MessageBusClient } from '@pokervod/messaging';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { ApiConfig } from '../api.config';

/** The blocks' snapshot commands, with the API's timeout. */
@Injectable()
export class BlockSnapshots {
  private readonly blocks: MessageBusClient;

  constructor(bus: MessageBus, @Inject(SERVICE_CONFIG) config: ApiConfig) {
    this.blocks = new MessageBusClient(bus, { timeoutMs: config.API_SNAPSHOT_TIMEOUT_MS });
  }

  request<C extends CommandName>(name: C, payload: CommandRequest<C>): Promise<CommandResponse<C>> {
    return lastValueFrom(this.blocks.send<CommandResponse<C>, CommandRequest<C>>(name, payload));
  }

  /** Every page of a paged snapshot, handed to `each` in order. */
  async pages<C extends PagedSnapshot>(
    name: C,
    request: Omit<CommandRequest<C>, 'after'>,
    each: (page: CommandResponse<C>) => Promise<void>,
  ): Promise<void> {
    let after: string | null = null;
    do {
      const page = (await this.request(name, { ...request, after } as CommandRequest<C>)) as CommandResponse<C>;
      await each(page);
      after = page.next;
    } while (after !== null);
  }
}

export type PagedSnapshot =
  'nas.files_snapshot' | 'catalog.files_snapshot' | 'hands.clips_snapshot' | 'orchestrator.rows_snapshot';
