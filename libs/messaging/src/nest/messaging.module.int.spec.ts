import {
  CallHandler,
  CanActivate,
  Catch,
  Controller,
  ExceptionFilter,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  PipeTransform,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { lastValueFrom, map, throwError } from 'rxjs';
import { EventType } from '@pokervod/contracts';
import { RETRY_POLICIES } from '@pokervod/resilience';
import { deleteTopology, quietLogger, TEST_AMQP_URL, uniqueTopology, waitFor } from '@pokervod/testing';
import { EventOf, HandlerContext, MessageBus, MessageBusOptions } from '../core/message-bus';
import { CommandFailedError } from '../core/errors';
import { MessageBusClient } from './bus-client';
import { connectMessageBus } from './connect-message-bus';
import { MessagingModule } from './messaging.module';

const topology = uniqueTopology('nest');
const received: string[] = [];
const seenBy: string[] = [];

/** A pipe on a payload: upper-cases the project code of a command. */
class UpperCaseCode implements PipeTransform {
  transform(value: { code: string; name: string }) {
    return { ...value, code: value.code.toUpperCase() };
  }
}

/** A guard: refuses to create a project named "forbidden". */
@Injectable()
class NoForbiddenProjects implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    return context.switchToRpc().getData<{ name: string }>().name !== 'forbidden';
  }
}

/** An interceptor: records that it saw the message and marks the reply's name. */
@Injectable()
class Stamp implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler) {
    seenBy.push(`interceptor:${context.getType()}`);
    return next.handle().pipe(map((reply: { name: string }) => ({ ...reply, name: `${reply.name} ✓` })));
  }
}

/** A filter: a refused request (the guard's error) is answered as the bus reports failures. */
@Catch()
class ExplainRefusal implements ExceptionFilter {
  catch(error: Error) {
    return throwError(() => new Error(`refused: ${error.message}`));
  }
}

/** What service-kit's global error filter does for messages: the original error back, so it is the DLQ reason. */
@Catch()
class HandBackErrors implements ExceptionFilter {
  catch(error: unknown) {
    return throwError(() => error);
  }
}

@Controller()
class CatalogAgent {
  @EventPattern([EventType.NAS_FILE_ADDED, EventType.NAS_FILE_REMOVED])
  async onFileEvent(@Payload() event: EventOf<EventType>, @Ctx() ctx: HandlerContext): Promise<void> {
    received.push(event.type);
    if (event.type === EventType.NAS_FILE_REMOVED) ctx.emit(EventType.CATALOG_UPDATED, { files: 1 });
  }

  @EventPattern(EventType.CATALOG_UPDATE_REQUESTED)
  async failsAlways(): Promise<void> {
    throw new Error('the catalog file is unreadable');
  }

  @MessagePattern('catalog.create_project')
  @UseGuards(NoForbiddenProjects)
  @UseInterceptors(Stamp)
  @UseFilters(ExplainRefusal)
  createProject(@Payload(UpperCaseCode) { code, name }: { code: string; name: string }) {
    return { id: `p-${code}`, code, name };
  }
}

function busOptions(app: 'catalog' | 'orchestrator'): MessageBusOptions {
  return {
    url: TEST_AMQP_URL,
    app,
    block: app === 'catalog' ? 'B' : 'orchestrator',
    retryPolicy: { ...RETRY_POLICIES.B, maxAttempts: 2, baseDelayMs: 20, maxDelayMs: 20 },
    exchange: topology.exchange,
    commandExchange: topology.commandExchange,
    queuePrefix: topology.queuePrefix,
    logger: quietLogger,
  };
}

async function catalogApp() {
  const moduleRef = await Test.createTestingModule({
    imports: [MessagingModule.forRootAsync({ useFactory: () => busOptions('catalog') })],
    controllers: [CatalogAgent],
    providers: [NoForbiddenProjects, Stamp],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters(new HandBackErrors());
  return app;
}

describe('MessagingModule (NestJS microservice transport)', () => {
  afterAll(() => deleteTopology(topology));

  it('runs @EventPattern / @MessagePattern controllers with pipes, guards, interceptors and filters; the client sends and emits', async () => {
    const app = await catalogApp();
    await connectMessageBus(app);
    await app.init();
    const bus = app.get(MessageBus);
    expect(bus.isReady()).toBe(true);

    const updates: EventOf<typeof EventType.CATALOG_UPDATED>[] = [];
    const listener = new MessageBus(busOptions('orchestrator'));
    listener.on(EventType.CATALOG_UPDATED, (e) => void updates.push(e));
    await listener.start();
    const client = new MessageBusClient(listener, { timeoutMs: 5000 });
    try {
      const file = { id: 'f1', root: '/nas', path: 'a.mp4', size: 1, mtime: new Date().toISOString() };
      await lastValueFrom(client.emit(EventType.NAS_FILE_ADDED, { file }));
      const removed = await listener.publish(EventType.NAS_FILE_REMOVED, {
        file_id: 'f1',
        root: '/nas',
        path: 'a.mp4',
        missing_since: new Date().toISOString(),
      });
      await waitFor(() => updates.length === 1, { description: 'catalog.updated' });
      expect(received.sort()).toEqual(['nas.file.added', 'nas.file.removed']);
      // ctx.emit went through the outbox, with the handled event as its cause.
      expect(updates[0]).toMatchObject({ causation_id: removed.id, source_block: 'B', payload: { files: 1 } });

      // Pipe (code upper-cased), interceptor (name marked), through the ClientProxy.
      await expect(
        lastValueFrom(client.send('catalog.create_project', { code: 'ept', name: 'European Poker Tour' })),
      ).resolves.toEqual({ id: 'p-EPT', code: 'EPT', name: 'European Poker Tour ✓' });
      expect(seenBy).toEqual(['interceptor:rpc']);

      // Guard refuses; the filter words the failure; the caller gets the bus's typed error.
      const refused = lastValueFrom(client.send('catalog.create_project', { code: 'x', name: 'forbidden' }));
      await expect(refused).rejects.toBeInstanceOf(CommandFailedError);
      await expect(refused).rejects.toThrow(/refused: Forbidden resource/);
    } finally {
      await listener.stop();
      await app.close();
    }
    expect(bus.isReady()).toBe(false);
  });

  it("keeps a failing event handler's error as the dead-letter reason, after the retries", async () => {
    const app = await catalogApp();
    await connectMessageBus(app);
    await app.init();
    const bus = app.get(MessageBus);
    try {
      await bus.publish(EventType.CATALOG_UPDATE_REQUESTED, {});
      await waitFor(async () => (await bus.listDeadLetters()).length === 1, { description: 'dead letter' });
      const [dead] = await bus.listDeadLetters();
      expect(dead?.reason).toMatch(/handler failed after 2 attempt\(s\): the catalog file is unreadable/);
    } finally {
      await app.close();
    }
  });

  it('refuses to start a bus whose handlers were never connected (it would dead-letter every event)', async () => {
    const app = await catalogApp();
    await expect(app.init()).rejects.toThrow(/connectMessageBus/);
    await app.close();
  });
});
