import { Injectable } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { EventType } from '@pokervod/contracts';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { TEST_AMQP_URL, deleteTopology, uniqueTopology, waitFor } from '@pokervod/testing';
import { EventOf, HandlerContext, MessageBus } from '../core/message-bus';
import { OnCommand, OnEvent } from './decorators';
import { MessagingModule } from './messaging.module';

const topology = uniqueTopology('nest');
const received: string[] = [];

@Injectable()
class CatalogAgent {
  @OnEvent(EventType.NAS_FILE_ADDED)
  @OnEvent(EventType.NAS_FILE_REMOVED)
  async onFileEvent(event: EventOf<EventType>, ctx: HandlerContext): Promise<void> {
    received.push(event.type);
    if (event.type === EventType.NAS_FILE_REMOVED) ctx.emit(EventType.CATALOG_UPDATED, { files: 1 });
  }

  @OnCommand('catalog.create_project')
  createProject({ code, name }: { code: string; name: string }) {
    return { id: `p-${code}`, code, name };
  }
}

describe('MessagingModule (NestJS)', () => {
  afterAll(() => deleteTopology(topology));

  it('registers decorated methods, starts with the app and stops on close', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        MessagingModule.forRootAsync({
          useFactory: () => ({
            url: TEST_AMQP_URL,
            app: 'catalog',
            block: 'B',
            retryPolicy: RETRY_POLICIES.B,
            exchange: topology.exchange,
            commandExchange: topology.commandExchange,
            queuePrefix: topology.queuePrefix,
            logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
          }),
        }),
      ],
      providers: [CatalogAgent],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const bus = app.get(MessageBus);
    expect(bus.isReady()).toBe(true);

    const updates: EventOf<typeof EventType.CATALOG_UPDATED>[] = [];
    const listener = new MessageBus({
      url: TEST_AMQP_URL,
      app: 'orchestrator',
      block: 'orchestrator',
      retryPolicy: RETRY_POLICIES.E,
      exchange: topology.exchange,
      commandExchange: topology.commandExchange,
      queuePrefix: topology.queuePrefix,
      logger: { log: () => undefined, warn: () => undefined, error: () => undefined },
    });
    listener.on(EventType.CATALOG_UPDATED, (e) => void updates.push(e));
    await listener.start();
    try {
      const file = { id: 'f1', root: '/nas', path: 'a.mp4', size: 1, mtime: new Date().toISOString() };
      await listener.publish(EventType.NAS_FILE_ADDED, { file });
      const removed = await listener.publish(EventType.NAS_FILE_REMOVED, {
        file_id: 'f1',
        root: '/nas',
        path: 'a.mp4',
        missing_since: new Date().toISOString(),
      });
      await waitFor(() => updates.length === 1, { description: 'catalog.updated' });
      expect(received.sort()).toEqual(['nas.file.added', 'nas.file.removed']);
      expect(updates[0]).toMatchObject({ causation_id: removed.id, source_block: 'B', payload: { files: 1 } });
      await expect(
        listener.request('catalog.create_project', { code: 'EPT', name: 'European Poker Tour' }),
      ).resolves.toEqual({
        id: 'p-EPT',
        code: 'EPT',
        name: 'European Poker Tour',
      });
    } finally {
      await listener.stop();
      await app.close();
    }
    expect(bus.isReady()).toBe(false);
  });
});
