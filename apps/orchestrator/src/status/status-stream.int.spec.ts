import * as http from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { waitFor } from '@pokervod/testing';
import { TestWorld, testWorld } from '@pokervod/test-world';
import { startOrchestrator } from '../../test/orchestrator-harness';
import { OrchestratorStatusService } from './orchestrator-status.service';
import { StatusStream } from './status-stream';

const POLL_MS = 100;

/** An open status stream: its status code, its first event, and a way to hang up. */
function openStream(url: string): Promise<{ status: number; body: Promise<string>; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${url}/api/orchestrator/status/stream`, (res) => {
      let text = '';
      const body = new Promise<string>((done) => {
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          // An event stream never ends: its first event is enough; an error answer ends by itself.
          if (/\n\n/.test(text)) done(text);
        });
        res.on('end', () => done(text));
      });
      resolve({ status: res.statusCode ?? 0, body, close: () => req.destroy() });
    });
    req.on('error', reject);
  });
}

describe('status stream (real Postgres + RabbitMQ)', () => {
  let world: TestWorld;
  let orchestrator: { app: INestApplication; url: string };
  let polls: jest.SpyInstance;

  beforeAll(async () => {
    world = await testWorld('ostream');
    orchestrator = await startOrchestrator(world, {
      STATUS_STREAM_MAX_CONNECTIONS: '3',
      STATUS_STREAM_POLL_MS: String(POLL_MS),
    });
    polls = jest.spyOn(orchestrator.app.get(OrchestratorStatusService), 'status');
  }, 60_000);

  afterAll(async () => {
    await orchestrator?.app.close();
    await world?.cleanUp();
  });

  it('feeds every connection from one poll, caps connections with 503, and stops polling when nobody listens', async () => {
    const streams = [];
    for (let i = 0; i < 3; i++) streams.push(await openStream(orchestrator.url));
    for (const s of streams) {
      expect(s.status).toBe(200);
      expect(await s.body).toMatch(/^\n?event: status\nid: 1\ndata: \{"overall":/);
    }

    // Three listeners for a second: about one poll per tick in all, not one per tick per connection.
    polls.mockClear();
    await new Promise((r) => setTimeout(r, 10 * POLL_MS));
    expect(polls.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect(polls.mock.calls.length).toBeLessThanOrEqual(12);

    const refused = await openStream(orchestrator.url);
    expect(refused.status).toBe(503);
    expect(JSON.parse(await refused.body)).toEqual({
      code: 'unavailable',
      message: 'too many status streams (3); try again shortly',
    });

    // A hung-up connection gives its place back.
    streams.pop()!.close();
    const stream = orchestrator.app.get(StatusStream);
    await waitFor(() => stream.connections === 2, { description: 'connection released' });
    const again = await openStream(orchestrator.url);
    expect(again.status).toBe(200);
    streams.push(again);

    for (const s of streams) s.close();
    await waitFor(() => stream.connections === 0, { description: 'all released' });
    polls.mockClear();
    await new Promise((r) => setTimeout(r, 5 * POLL_MS));
    expect(polls).not.toHaveBeenCalled();
  });
});
