import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { CommandName, CommandRequest } from '@pokervod/contracts';
import { CommandFailedError, MessageBus } from '@pokervod/messaging';
import { publishRawEvent, waitFor } from '@pokervod/testing';
import { EXAMPLE_TAXONOMY, HandsWorld, TEST_API_KEY, publishEnvelope, startHands } from '../test/hands-harness';

jest.setTimeout(60_000);

describe('hand-analysis (real RabbitMQ + Postgres)', () => {
  let world: HandsWorld;
  let pg: Client;

  beforeAll(async () => {
    world = await startHands('hands', { HANDS_TAXONOMY_FILE: EXAMPLE_TAXONOMY, HANDS_ANALYSIS_BATCH_SIZE: '2' });
    pg = new Client({ connectionString: world.db.url });
    await pg.connect();
  }, 60_000);

  afterAll(async () => {
    await pg?.end();
    await world?.stop();
  });

  const request = <C extends CommandName>(name: C, payload: CommandRequest<C>) =>
    world.client.request(name, payload, { timeoutMs: 10_000 });
  const create = (payload: Record<string, unknown>) =>
    world.client.request(
      'hands.create_hand_clip',
      { video_file_id: 'file-1', episode_id: 'episode-1', tags: [], ...payload } as never,
      { timeoutMs: 10_000 },
    );
  const eventsOf = (type: string, match: (payload: any) => boolean = () => true) =>
    world.events.filter((e) => e.type === type && match(e.payload));
  const createdFor = (clipId: string) => eventsOf('hand.clip.created', (p) => p.clip_id === clipId);
  const api = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${world.url}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', ...init.headers },
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const withKey = { 'X-API-Key': TEST_API_KEY };
  /** Creates a throw-away clip and waits for its event: everything emitted before it has arrived too. */
  const barrier = async () => {
    const { id } = await create({ timecode: '1', timecode_end: '2' });
    await waitFor(() => createdFor(id).length > 0, { description: `barrier clip ${id} announced` });
  };
  const query = async (sql: string, params: unknown[] = []): Promise<any[]> => (await pg.query(sql, params)).rows;
  const queryOne = async (sql: string, params: unknown[] = []) => (await query(sql, params))[0];
  const clipRow = (id: string) => queryOne(`SELECT * FROM hands.clips WHERE id = $1`, [id]);

  describe('create_hand_clip', () => {
    const row = {
      timecode: '00:01:00',
      timecode_end: '00:02:00',
      tags: ['#Bluff', '블러프', 'Big Pot'],
      source_row_key: 'sheet-1:row-1',
      source_sheet: 'sheet-1',
      hand_no: '17',
      players: 'Phil Ivey vs Tom Dwan',
      description: 'Ivey shoves AhKd',
      media: { duration_s: 3600, frame_rate: '30000/1001', fps: 29.97 },
    };

    it('stores a clip with frames at the video rate, its tags, and announces it', async () => {
      const result = await create(row);
      expect(result).toEqual({ id: expect.any(String), status: 'valid', reasons: [] });
      const created = await waitFor(() => createdFor(result.id)[0]);
      expect(created.payload).toEqual({
        clip_id: result.id,
        video_file_id: 'file-1',
        episode_id: 'episode-1',
        source_row_key: 'sheet-1:row-1',
        status: 'valid',
      });
      const tagged = await waitFor(() => eventsOf('hand.clip.tagged', (p) => p.clip_id === result.id)[0]);
      expect(tagged.payload.tags).toEqual(
        expect.arrayContaining(['bluff', 'big-pot', 'AK', 'AKo', 'all-in', 'player:phil-ivey', 'player:tom-dwan']),
      );
      expect(await clipRow(result.id)).toMatchObject({
        in_frame: 1798,
        out_frame: 3596,
        rate_num: 30000,
        rate_den: 1001,
        drop_frame: false,
        video_duration_s: 3600,
        source_sheet: 'sheet-1',
        hand_no: '17',
        status: 'valid',
      });
    });

    it('has one effect when the same request comes again, even concurrently', async () => {
      const before = await queryOne(`SELECT id, updated_at FROM hands.clips WHERE source_row_key = $1`, [
        row.source_row_key,
      ]);
      const results = await Promise.all([create(row), create(row), create(row)]);
      expect(new Set(results.map((r) => r.id))).toEqual(new Set([before.id]));
      await barrier();
      expect(createdFor(before.id)).toHaveLength(1);
      expect(eventsOf('hand.clip.tagged', (p) => p.clip_id === before.id)).toHaveLength(1);
      const rows = await query(`SELECT id, updated_at FROM hands.clips WHERE source_row_key = $1`, [
        row.source_row_key,
      ]);
      expect(rows).toEqual([before]);
    });

    it('updates the same clip when the row changed, and announces the change', async () => {
      const [{ id }] = await query(`SELECT id FROM hands.clips WHERE source_row_key = $1`, [row.source_row_key]);
      const result = await create({ ...row, timecode_end: '00:02:30:15' });
      expect(result.id).toBe(id);
      await waitFor(() => createdFor(id).length === 2, { description: 'second hand.clip.created' });
      expect(await clipRow(id)).toMatchObject({ out_frame: 4515, out_text: '00:02:30:15' });
    });

    it('stores an invalid clip with its reasons instead of rejecting it', async () => {
      const result = await create({
        timecode: 'abc',
        timecode_end: '01:10:00',
        source_row_key: 'sheet-1:row-2',
        source_sheet: 'sheet-1',
        media: { duration_s: 3600, frame_rate: '25/1', fps: 25 },
      });
      expect(result.status).toBe('invalid');
      expect(result.reasons).toEqual([
        expect.stringMatching(/^in: unrecognized timecode "abc"/),
        'out 01:10:00 is past the end of the video (3600.0 s)',
      ]);
      const created = await waitFor(() => createdFor(result.id)[0]);
      expect(created.payload.status).toBe('invalid');
      const { body } = await api(`/api/hands/clips/${result.id}`);
      expect(body).toMatchObject({
        status: 'invalid',
        reasons: result.reasons,
        in: { text: 'abc', frame: null, seconds: null, smpte: null },
        out: { text: '01:10:00', frame: 105000, seconds: 4200, smpte: '01:10:00:00' },
        frame_rate: '25/1',
        source: { sheet: 'sheet-1', row_key: 'sheet-1:row-2' },
      });
    });

    it('keeps drop-frame timecodes as drop-frame', async () => {
      const result = await create({ timecode: '00:01:00;02', timecode_end: '00:01:10;00' });
      const { body } = await api(`/api/hands/clips/${result.id}`);
      expect(body).toMatchObject({
        drop_frame: true,
        frame_rate: '30000/1001',
        in: { frame: 1800, smpte: '00:01:00;02' },
        out: { frame: 2098, smpte: '00:01:10;00' },
      });
    });

    it('makes a new clip per call without a source row key', async () => {
      const a = await create({ timecode: '10', timecode_end: '20' });
      const b = await create({ timecode: '10', timecode_end: '20' });
      expect(a.id).not.toBe(b.id);
    });
  });

  describe('frame rates near a standard rate (a 59.94 MKV probed as 19001/317)', () => {
    // Drop-frame labels at 59.94: 62 minutes in, 4 × (62 − 6) = 224 labels were skipped.
    const label = (h: number, m: number, s: number, f: number) => ((h * 60 + m) * 60 + s) * 60 + f;
    const dfIn = '01:02:03;04';
    const dfOut = '01:02:33;00';
    const expectedFrames = { in_frame: label(1, 2, 3, 4) - 224, out_frame: label(1, 2, 33, 0) - 224 };
    const olderMedia = { duration_s: 3900, frame_rate: '19001/317', fps: 59.94 }; // no frame_rate_raw: an older event

    it('counts a request’s frames at 60000/1001 and accepts its drop-frame labels', async () => {
      const result = await create({
        video_file_id: 'file-mkv-request',
        timecode: dfIn,
        timecode_end: dfOut,
        media: olderMedia,
      });
      expect(result).toEqual({ id: expect.any(String), status: 'valid', reasons: [] });
      expect(await clipRow(result.id)).toMatchObject({
        ...expectedFrames,
        rate_num: 60000,
        rate_den: 1001,
        drop_frame: true,
      });
    });

    it('keeps the snapped rate of an older nas.file.probed in hands.videos and counts clips on the file at it', async () => {
      await publishRawEvent(world.topology, {
        type: 'nas.file.probed',
        payload: { file_id: 'file-mkv-probed', root: 'media', path: 'x.mkv', media: olderMedia, error: null },
        correlationId: 'probe-mkv',
        source: 'A',
      });
      const video = await waitFor(() =>
        queryOne(`SELECT rate_num, rate_den FROM hands.videos WHERE video_file_id = 'file-mkv-probed'`),
      );
      expect(video).toEqual({ rate_num: 60000, rate_den: 1001 });
      const result = await create({ video_file_id: 'file-mkv-probed', timecode: dfIn, timecode_end: dfOut });
      expect(result.status).toBe('valid');
      expect(await clipRow(result.id)).toMatchObject({ ...expectedFrames, rate_num: 60000, rate_den: 1001 });
    });

    it('re-reads a clip stored at the raw rate at the snapped one when it is analysed', async () => {
      // As stored before rates were snapped: the drop-frame labels refused at 19001/317.
      const [{ id }] = await query(
        `INSERT INTO hands.clips (in_text, out_text, rate_num, rate_den, status, reasons)
         VALUES ($1, $2, 19001, 317, 'invalid', '{"in: drop-frame refused"}') RETURNING id`,
        [dfIn, dfOut],
      );
      const correlationId = `run-${randomUUID()}`;
      await publishEnvelope(world.topology, {
        type: 'hand.analysis.requested',
        payload: { clip_ids: [id] },
        correlationId,
      });
      const completed = await waitFor(() =>
        world.events.find((e) => e.type === 'hand.analysis.completed' && e.correlation_id === correlationId),
      );
      expect(completed.payload).toEqual({ clips_analyzed: 1, clips_invalid: 0 });
      expect(await clipRow(id)).toMatchObject({
        ...expectedFrames,
        rate_num: 60000,
        rate_den: 1001,
        drop_frame: true,
        status: 'valid',
        reasons: [],
      });
    });
  });

  describe('update, remove, add_tags', () => {
    it('updates a clip and checks it again', async () => {
      const { id } = await create({ timecode: '00:01:00', timecode_end: '00:02:00', source_row_key: 'sheet-2:a' });
      const result = await request('hands.update_hand_clip', { clip_id: id, timecode: '00:03:00' });
      expect(result).toEqual({ id, status: 'invalid', reasons: ['out 00:02:00 is before in 00:03:00'] });
      await waitFor(() => createdFor(id).some((e) => e.payload.status === 'invalid'));
      expect(await clipRow(id)).toMatchObject({ in_text: '00:03:00', out_text: '00:02:00', status: 'invalid' });
    });

    it('refuses to update a clip that does not exist', async () => {
      const error = await request('hands.update_hand_clip', { clip_id: 'nope', timecode: '1' }).catch((e) => e);
      expect(error).toBeInstanceOf(CommandFailedError);
      expect(error).toMatchObject({ code: 'not_found' });
    });

    it('removes the clip of a vanished row, idempotently', async () => {
      const { id } = await create({ timecode: '1', timecode_end: '2', source_row_key: 'sheet-2:gone' });
      expect(await request('hands.remove_hand_clip', { source_row_key: 'sheet-2:gone' })).toEqual({ removed: true });
      expect(await request('hands.remove_hand_clip', { source_row_key: 'sheet-2:gone' })).toEqual({ removed: false });
      const removal = await waitFor(() => eventsOf('hand.clip.removed', (p) => p.clip_id === id)[0]);
      expect(removal.payload).toEqual({ clip_id: id, source_row_key: 'sheet-2:gone' });
      expect(eventsOf('hand.clip.removed', (p) => p.clip_id === id)).toHaveLength(1);
      expect(await clipRow(id)).toBeUndefined();
      expect((await api(`/api/hands/clips/${id}`)).status).toBe(404);
    });

    it('adds tags: answers with what they mean and announces the clip’s tags', async () => {
      const { id } = await create({ timecode: '1', timecode_end: '2' });
      const result = await request('hands.add_tags', {
        clip_id: id,
        tags: ['Hero Call', '＃ＡＫＳ', 'Monster Pot', '뻥카'],
      });
      expect(result.tags).toEqual([
        { name: 'hero-call', category: 'action' },
        { name: 'AKs', category: 'hand' },
        { name: 'monster-pot', category: null },
        { name: 'bluff', category: 'action' },
      ]);
      const tagged = await waitFor(() => eventsOf('hand.clip.tagged', (p) => p.clip_id === id)[0]);
      expect(tagged.payload).toEqual({
        clip_id: id,
        tags: expect.arrayContaining(['hero-call', 'AKs', 'monster-pot', 'bluff']),
        clips_tagged: 1,
      });
      // The same tags again change nothing and announce nothing.
      await request('hands.add_tags', { clip_id: id, tags: ['hero_call'] });
      await barrier();
      expect(eventsOf('hand.clip.tagged', (p) => p.clip_id === id)).toHaveLength(1);
    });
  });

  describe('HTTP', () => {
    it('lists clips by tag in any spelling, by status and by episode, with paging', async () => {
      const { id } = await create({
        episode_id: 'episode-http',
        timecode: '1',
        timecode_end: '2',
        tags: ['cooler'],
      });
      await create({ episode_id: 'episode-http', timecode: '3', timecode_end: '1' });
      const byTag = await api(`/api/hands/clips?episode_id=episode-http&tag=${encodeURIComponent('쿨러')}`);
      expect(byTag.body).toMatchObject({ total: 1, items: [{ id, tags: [{ name: 'cooler', sources: ['sheet'] }] }] });
      const invalid = await api('/api/hands/clips?episode_id=episode-http&status=invalid');
      expect(invalid.body.total).toBe(1);
      const page = await api('/api/hands/clips?episode_id=episode-http&limit=1&offset=1');
      expect(page.body).toMatchObject({ total: 2, limit: 1, offset: 1 });
      expect(page.body.items).toHaveLength(1);
      expect((await api('/api/hands/clips?status=broken')).status).toBe(400);
    });

    it('edits clips and adds tags only with the API key', async () => {
      const { id } = await create({ timecode: '1', timecode_end: '2' });
      const body = JSON.stringify({ description: 'Dwan check-raises the flop' });
      expect((await api(`/api/hands/clips/${id}`, { method: 'PATCH', body })).status).toBe(401);
      const edited = await api(`/api/hands/clips/${id}`, { method: 'PATCH', body, headers: withKey });
      expect(edited.status).toBe(200);
      expect(edited.body.tags.map((t: any) => t.name).sort()).toEqual(['check-raise', 'flop']);
      const bad = await api(`/api/hands/clips/${id}`, {
        method: 'PATCH',
        body: JSON.stringify({ colour: 'red' }),
        headers: withKey,
      });
      expect(bad.status).toBe(400);
      const tags = await api(`/api/hands/clips/${id}/tags`, {
        method: 'POST',
        body: JSON.stringify({ tags: ['Slow Play'] }),
        headers: withKey,
      });
      expect(tags).toEqual({ status: 201, body: { tags: [{ name: 'slow-play', category: 'action' }] } });
      const missing = await api(`/api/hands/clips/${randomUUID()}/tags`, {
        method: 'POST',
        body: JSON.stringify({ tags: ['x'] }),
        headers: withKey,
      });
      expect(missing.status).toBe(404);
    });

    it('shows the taxonomy and the free tags in use', async () => {
      const { body } = await api('/api/hands/tags');
      expect(body.categories).toEqual(expect.arrayContaining(['action', 'street', 'hand', 'stage', 'player']));
      const byName = new Map(body.tags.map((t: any) => [t.name, t]));
      expect(byName.get('bluff')).toMatchObject({ category: 'action', synonyms: expect.arrayContaining(['뻥카']) });
      expect(byName.get('big-pot')).toMatchObject({ category: 'situation', clips: 1 });
      expect(byName.get('monster-pot')).toMatchObject({ category: null, clips: 1 });
    });
  });

  describe('analysis (hand.analysis.requested)', () => {
    it('re-checks a clip against the duration a probe reported after it was made', async () => {
      const { id, status } = await create({
        video_file_id: 'file-probed',
        timecode: '00:50:00',
        timecode_end: '01:10:00',
      });
      expect(status).toBe('valid'); // the video's length is not known yet
      await publishRawEvent(world.topology, {
        type: 'nas.file.probed',
        payload: {
          file_id: 'file-probed',
          root: 'media',
          path: 'x.mp4',
          media: { duration_s: 3600, frame_rate: '25/1', fps: 25 },
          error: null,
        },
        correlationId: 'probe',
        source: 'A',
      });
      await waitFor(() => queryOne(`SELECT 1 FROM hands.videos WHERE video_file_id = 'file-probed'`));

      const correlationId = `run-${randomUUID()}`;
      await publishEnvelope(world.topology, {
        type: 'hand.analysis.requested',
        payload: { clip_ids: [id, 'not-a-clip'] },
        correlationId,
      });
      const completed = await waitFor(() =>
        world.events.find((e) => e.type === 'hand.analysis.completed' && e.correlation_id === correlationId),
      );
      expect(completed.payload).toEqual({ clips_analyzed: 1, clips_invalid: 1 });
      expect(await clipRow(id)).toMatchObject({
        status: 'invalid',
        reasons: ['out 01:10:00 is past the end of the video (3600.0 s)'],
        rate_num: 25,
        rate_den: 1,
        in_frame: 75000,
        video_duration_s: 3600,
      });
      const ofRun = world.events.filter((e) => e.correlation_id === correlationId);
      expect(ofRun.find((e) => e.type === 'hand.clip.tagged')?.payload).toEqual({
        clip_id: null,
        tags: [],
        clips_tagged: 0,
      });
      expect(ofRun.find((e) => e.type === 'hand.clip.created')?.payload).toMatchObject({
        clip_id: id,
        status: 'invalid',
      });
      const done = await waitFor(() =>
        world.events.find(
          (e) =>
            e.type === 'system.block.status' &&
            e.correlation_id === correlationId &&
            (e.payload as any).status === 'completed',
        ),
      );
      expect(done.payload).toMatchObject({ block_id: 'C', items_processed: 1, items_total: 1 });
    });

    it('analyses every clip in batches: derives tags, re-reads tags with the current taxonomy, reports progress', async () => {
      // A clip written before derivation existed, with a tag stored under an older taxonomy.
      const [{ id }] = await query(
        `INSERT INTO hands.clips (in_text, out_text, in_frame, out_frame, rate_num, rate_den, status,
           description, players, sheet_tags)
         VALUES ('1', '2', 30, 60, 30, 1, 'valid', 'Ivey jams A♥K♦ into QsQc, 올인', 'Phil Ivey, Tom Dwan', '{뻥카}')
         RETURNING id`,
      );
      await query(`INSERT INTO hands.tags (name, category) VALUES ('뻥카', NULL)`);
      await query(`INSERT INTO hands.clip_tags (clip_id, tag, source, raw) VALUES ($1, '뻥카', 'sheet', '뻥카')`, [id]);
      const total = (await queryOne(`SELECT count(*)::int AS n FROM hands.clips`)).n;

      const correlationId = `run-${randomUUID()}`;
      await publishEnvelope(world.topology, { type: 'hand.analysis.requested', payload: {}, correlationId });
      const completed = await waitFor(() =>
        world.events.find((e) => e.type === 'hand.analysis.completed' && e.correlation_id === correlationId),
      );
      const invalid = (await queryOne(`SELECT count(*)::int AS n FROM hands.clips WHERE status = 'invalid'`)).n;
      expect(completed.payload).toEqual({ clips_analyzed: total, clips_invalid: invalid });

      const tags = await query(`SELECT tag, source FROM hands.clip_tags WHERE clip_id = $1 ORDER BY source, tag`, [id]);
      expect(tags).toEqual([
        { tag: 'AK', source: 'derived' },
        { tag: 'AKo', source: 'derived' },
        { tag: 'QQ', source: 'derived' },
        { tag: 'all-in', source: 'derived' },
        { tag: 'player:phil-ivey', source: 'derived' },
        { tag: 'player:tom-dwan', source: 'derived' },
        { tag: 'bluff', source: 'sheet' },
      ]);
      const ofRun = () => world.events.filter((e) => e.correlation_id === correlationId);
      const summary = ofRun().find((e) => e.type === 'hand.clip.tagged')!;
      expect(summary.payload).toMatchObject({ clip_id: null });
      expect((summary.payload as any).tags).toEqual(expect.arrayContaining(['AK', 'bluff', 'player:phil-ivey']));
      expect((summary.payload as any).clips_tagged).toBeGreaterThan(1);
      const statuses = await waitFor(() => {
        const all = ofRun().filter((e) => e.type === 'system.block.status');
        return all.some((e) => (e.payload as any).status === 'completed') ? all.map((e) => e.payload as any) : null;
      });
      const progress = statuses.filter((s) => s.status === 'in_progress');
      expect(progress.length).toBe(Math.ceil(total / 2));
      expect(
        progress
          .map((s) => s.items_processed)
          .sort((a, b) => a - b)
          .at(-1),
      ).toBe(total);
      expect(statuses.find((s) => s.status === 'completed')).toMatchObject({
        block_id: 'C',
        items_processed: total,
        items_total: total,
      });
    });

    it('handles a redelivered request once', async () => {
      const correlationId = `run-${randomUUID()}`;
      const event = { type: 'hand.analysis.requested', payload: { clip_ids: [] }, correlationId, id: randomUUID() };
      await publishEnvelope(world.topology, event);
      await waitFor(() =>
        world.events.find((e) => e.type === 'hand.analysis.completed' && e.correlation_id === correlationId),
      );
      await publishEnvelope(world.topology, event);
      await barrier();
      expect(
        world.events.filter((e) => e.type === 'hand.analysis.completed' && e.correlation_id === correlationId),
      ).toHaveLength(1);
    });

    it('sends a malformed request to the dead-letter queue, with the reason', async () => {
      const id = await publishEnvelope(world.topology, {
        type: 'hand.analysis.requested',
        payload: { clip_ids: 'all of them' },
        correlationId: `run-${randomUUID()}`,
      });
      const bus = world.app.get(MessageBus);
      const letter = await waitFor(async () => (await bus.listDeadLetters()).find((l) => l.message_id === id), {
        timeoutMs: 15_000,
        description: 'malformed request dead-lettered',
      });
      expect(letter.reason).toMatch(/clip_ids/);
    });
  });
});
