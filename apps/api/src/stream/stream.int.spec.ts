import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { EventType, VideoFile } from '@pokervod/contracts';
import { waitFor } from '@pokervod/testing';
import { ApiWorld, startApi } from '../../test/api-harness';
import { clip, file } from '../../test/fixtures';

jest.setTimeout(60_000);

const NAS = resolve(__dirname, '../../../../samples/nas');

function sample(path: string, over: Partial<VideoFile> = {}): VideoFile {
  const f = file(path, { size: statSync(resolve(NAS, path)).size });
  const video: VideoFile = {
    id: f.id,
    root: f.root,
    path: f.path,
    size: f.size,
    mtime: f.mtime,
    content_hash: null,
    parsed: null,
    media: f.media,
  };
  return { ...video, ...over };
}

describe('streaming with HTTP Range (real sample videos)', () => {
  let world: ApiWorld;
  const mp4 = sample('WSOP Europe/WSOPE_2023_Main_Event_Day2_Part1.mp4');
  const mkv = sample('Triton/triton-london-2023-ev9-100k-ft.mkv');
  const mxf = sample('WPT/WPT.S22E03.Lucky.Hearts.Poker.Open.FT.mxf');
  const otherRoot = sample('WSOP Europe/WSOPE_2023_Main_Event_Day2_Part1.mp4', { root: 'elsewhere' });
  const climbing = sample('WSOP Europe/WSOPE_2023_Main_Event_Day2_Part1.mp4', { path: '../../README.md' });
  const gone = sample('EPT/EPT_Paris_2024_Main_Event_Final_Day_Part1.mp4');
  const bytes = readFileSync(resolve(NAS, mp4.path));
  const c = clip({ video_file_id: mp4.id, in_frame: 1800, out_frame: 3600 });

  beforeAll(async () => {
    world = await startApi('api_stream', { env: { NAS_ROOTS: `nas=${NAS}` } });
    world.blocks.clips.set(c.id, c);
    for (const f of [mp4, mkv, mxf, otherRoot, climbing, gone])
      await world.blocks.publish(EventType.NAS_FILE_ADDED, { file: f });
    await world.blocks.publish(EventType.NAS_FILE_REMOVED, {
      file_id: gone.id,
      root: gone.root,
      path: gone.path,
      missing_since: new Date().toISOString(),
    });
    await world.blocks.publish(EventType.HAND_CLIP_CREATED, {
      clip_id: c.id,
      video_file_id: mp4.id,
      episode_id: null,
      status: 'valid',
    });
    await waitFor(
      async () =>
        (await world.get(`/api/clips/${c.id}`)).status === 200 &&
        (await world.get<{ status: string }>(`/api/files/${gone.id}`)).body.status === 'missing',
      { timeoutMs: 15_000, description: 'files and clip in the read model' },
    );
  });

  afterAll(async () => {
    await world?.stop();
  });

  const fetchRange = (id: string, headers: Record<string, string> = {}, method = 'GET') =>
    fetch(`${world.url}/api/files/${id}/stream`, { headers, method });

  it('serves the whole file with its type, validators and Accept-Ranges', async () => {
    const res = await fetchRange(mp4.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-length')).toBe(String(bytes.length));
    expect(res.headers.get('etag')).toMatch(/^"[^"]+"$/);
    expect(Date.parse(res.headers.get('last-modified') ?? '')).not.toBeNaN();
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it.each([
    ['the first bytes', 'bytes=0-99', 0, 99],
    ['the middle', 'bytes=1000-1999', 1000, 1999],
    ['an open end', `bytes=${41309 - 10}-`, 41309 - 10, 41308],
    ['the suffix', 'bytes=-500', 41309 - 500, 41308],
  ])('answers %s with 206 and exactly those bytes', async (_what, range, start, end) => {
    expect(bytes.length).toBe(41309);
    const res = await fetchRange(mp4.id, { range });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${bytes.length}`);
    expect(res.headers.get('content-length')).toBe(String(end - start + 1));
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes.subarray(start, end + 1))).toBe(true);
  });

  it('answers a range past the end with 416 and the size', async () => {
    const res = await fetchRange(mp4.id, { range: `bytes=${bytes.length}-` });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    expect(await res.json()).toMatchObject({ code: 'range_not_satisfiable' });
  });

  it('revalidates: 304 for a current copy, the whole file when If-Range is stale', async () => {
    const etag = (await fetchRange(mp4.id, { range: 'bytes=0-0' })).headers.get('etag') ?? '';
    expect((await fetchRange(mp4.id, { 'if-none-match': etag })).status).toBe(304);
    const stale = await fetchRange(mp4.id, { range: 'bytes=0-9', 'if-range': '"old"' });
    expect(stale.status).toBe(200);
    expect(Number(stale.headers.get('content-length'))).toBe(bytes.length);
    await stale.arrayBuffer();
    const fresh = await fetchRange(mp4.id, { range: 'bytes=0-9', 'if-range': etag });
    expect(fresh.status).toBe(206);
    await fresh.arrayBuffer();
  });

  it('answers HEAD with the headers only', async () => {
    const res = await fetchRange(mp4.id, {}, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(bytes.length));
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it('names each container', async () => {
    for (const [f, type] of [
      [mkv, 'video/x-matroska'],
      [mxf, 'application/mxf'],
    ] as const) {
      const res = await fetchRange(f.id, { range: 'bytes=0-15' });
      expect([res.status, res.headers.get('content-type')]).toEqual([206, type]);
      await res.arrayBuffer();
    }
  });

  it('serves only files the inventory holds, under a configured root, present', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', otherRoot.id, climbing.id, gone.id]) {
      const res = await fetchRange(id);
      expect([id, res.status, ((await res.json()) as { code: string }).code]).toEqual([id, 404, 'not_found']);
    }
    expect((await world.get('/api/files/..%2F..%2Fetc%2Fpasswd/stream')).status).toBe(400);
  });

  it('redirects a clip to its file with a media fragment in seconds', async () => {
    const res = await world.get(`/api/clips/${c.id}/stream`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/api/files/${mp4.id}/stream#t=60.060,120.120`);
  });
});
