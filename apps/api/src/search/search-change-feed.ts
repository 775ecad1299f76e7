import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Client } from 'pg';
import { connectClient, describeError } from '@pokervod/persistence';
import { SERVICE_CONFIG } from '@pokervod/service-kit';
import type { ApiConfig } from '../api.config';
import { DOCUMENTS_CHANGED_CHANNEL } from '../read-model/documents.repository';

/** How long to wait before listening again after the connection was lost. */
const RECONNECT_MS = 1_000;

/**
 * Tells when the search documents may have changed: a generation number
 * that moves on every commit that wrote them (LISTEN on a connection of its
 * own; NOTIFY is delivered at commit, to every replica). While not
 * listening, `generation` is null: nothing may be cached, since changes
 * would go unnoticed.
 */
@Injectable()
export class SearchChangeFeed implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SearchChangeFeed.name);
  private client: Client | null = null;
  private listening = false;
  private counter = 0;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ApiConfig) {}

  /** Moves whenever the documents may have changed; null while changes cannot be seen. */
  get generation(): number | null {
    return this.listening ? this.counter : null;
  }

  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    await this.drop();
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    try {
      const client = await connectClient(this.config.DATABASE_URL, 'pokervod-api-search-feed');
      client.on('notification', () => this.counter++);
      client.on('error', (error) => this.lost(error));
      client.on('end', () => this.lost(new Error('connection ended')));
      await client.query(`LISTEN ${DOCUMENTS_CHANGED_CHANNEL}`);
      this.client = client;
      this.counter++; // whatever happened while not listening
      this.listening = true;
    } catch (error) {
      this.lost(error);
    }
  }

  private lost(error: unknown): void {
    if (this.retry || this.stopped) return; // 'error' and 'end' both report one loss
    void this.drop();
    this.logger.warn(`search result cache off until Postgres notifications are back: ${describeError(error)}`);
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.listen();
    }, RECONNECT_MS);
    this.retry.unref();
  }

  private async drop(): Promise<void> {
    this.listening = false;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
