import { Commands } from '@pokervod/contracts';
import { FUZZ_ENV, FuzzRoutes, itFuzzesEveryRoute, SERVICE_KIT_ROUTES } from '@pokervod/testing';
import { useAppInWorld } from '@pokervod/test-world';
import { TEST_API_KEY, startHandsApp } from '../../test/hands-harness';
import { HandClipService } from './hand-clip.service';

/** Every route of hand analysis, with what it reads. */
const ROUTES: FuzzRoutes = {
  ...SERVICE_KIT_ROUTES,
  'GET /api/hands/clips': { query: ['episode_id', 'video_file_id', 'tag', 'status', 'limit', 'offset'] },
  'GET /api/hands/clips/:id': {},
  'PATCH /api/hands/clips/:id': { fields: ['timecode', 'timecode_end', 'hand_no', 'players', 'description'] },
  'POST /api/hands/clips/:id/tags': { fields: ['tags'] },
  'GET /api/hands/tags': {},
};

describe('hand-analysis HTTP under hostile input (fuzz, real Postgres + RabbitMQ)', () => {
  const hands = useAppInWorld('handsfuzz', (world) => startHandsApp(world, FUZZ_ENV));
  /** One real clip, so hostile edits and tags reach the code past the lookup. */
  const clipIds: string[] = [];

  beforeAll(async () => {
    const created = await hands.app.get(HandClipService).create(
      Commands['hands.create_hand_clip'].request.parse({
        video_file_id: 'fuzz-file',
        episode_id: null,
        timecode: '00:10:00:00',
        timecode_end: '00:11:00:00',
        tags: ['all-in'],
      }),
    );
    clipIds.push(created.id);
  });

  itFuzzesEveryRoute(hands, ROUTES, {
    authHeaders: { 'x-api-key': TEST_API_KEY },
    pathValues: clipIds,
    numRuns: 300,
  });

  it('answers a NUL byte in a filter with 400, not 500', async () => {
    const res = await fetch(`${hands.url}/api/hands/clips?episode_id=%00%FF%FE`);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 'invalid_request',
      message: 'query.episode_id: NUL characters are not allowed',
    });
  });
});
