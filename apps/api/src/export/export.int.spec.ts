import { XMLParser } from 'fast-xml-parser';
import { parse as parseCsv } from 'csv-parse/sync';
import { EventType } from '@pokervod/contracts';
import { waitFor } from '@pokervod/testing';
import { ApiWorld, startApi } from '../../test/api-harness';
import { parseEdl, rationalFrames } from '../../test/export-readers';
import { clip, file, placement, sampleTree } from '../../test/fixtures';

jest.setTimeout(60_000);

describe('exports over HTTP (real read model)', () => {
  let world: ApiWorld;
  const t = sampleTree();
  const f1 = file('WSOP/2023/Day1A_Part1.mp4', {
    media: { duration_s: 7200, frame_rate: '30000/1001', fps: 29.97, frame_rate_raw: null },
  });
  const clips = [
    clip({
      video_file_id: f1.id,
      episode_id: t.day1a.id,
      hand_no: '2',
      in_frame: 17980,
      out_frame: 18010,
      players: 'A vs B',
      tags: [{ name: 'bluff', category: 'action', sources: [] }],
    }),
    clip({
      video_file_id: f1.id,
      episode_id: t.day1a.id,
      hand_no: '1',
      in_frame: 1798,
      out_frame: 1802,
      description: '=cmd|calc',
    }),
    clip({
      video_file_id: f1.id,
      episode_id: t.day1a.id,
      hand_no: '3',
      in_frame: 107890,
      out_frame: 107895,
      tags: [{ name: 'bluff', category: 'action', sources: [] }],
    }),
    clip({
      video_file_id: f1.id,
      episode_id: t.day1a.id,
      hand_no: '4',
      in_frame: 200,
      out_frame: 300,
      tags: [{ name: 'bluff', category: 'action', sources: [] }],
    }),
  ];

  beforeAll(async () => {
    world = await startApi('api_export', { env: { API_EXPORT_MAX_CLIPS: '3', NAS_ROOTS: 'nas=/mnt/poker' } });
    world.blocks.tree = t.tree;
    world.blocks.files.set(f1.id, f1);
    world.blocks.placements.set(f1.id, placement(f1, t.day1a.id, 'WSOP'));
    for (const c of clips) world.blocks.clips.set(c.id, c);
    const video = { id: f1.id, root: f1.root, path: f1.path, size: f1.size, mtime: f1.mtime, media: f1.media };
    await world.blocks.publish(EventType.NAS_FILE_ADDED, { file: video });
    await world.blocks.publish(EventType.CATALOG_UPDATED, {});
    for (const c of clips)
      await world.blocks.publish(EventType.HAND_CLIP_CREATED, {
        clip_id: c.id,
        video_file_id: f1.id,
        episode_id: t.day1a.id,
        status: 'valid',
      });
    await waitFor(async () => (await world.get<{ total: number }>('/api/clips')).body.total === 4, {
      timeoutMs: 15_000,
      description: '4 clips',
    });
    await world.refresher.settle();
  });

  afterAll(async () => {
    await world?.stop();
  });

  const download = (query: string) => fetch(`${world.url}/api/exports?${query}`);

  it('refuses an export of more clips than API_EXPORT_MAX_CLIPS', async () => {
    expect((await download(`format=edl&episode=${t.day1a.id}`)).status).toBe(400);
  });

  describe('within the limit', () => {
    beforeAll(async () => {
      await world.blocks.publish(EventType.HAND_CLIP_REMOVED, { clip_id: clips[3].id, source_row_key: null });
      await waitFor(async () => (await world.get<{ total: number }>('/api/clips')).body.total === 3, {
        timeoutMs: 10_000,
        description: 'the removal',
      });
    });

    it('EDL of an episode at 29.97 drop-frame: frames intact, in broadcast order', async () => {
      const res = await download(`format=edl&episode=${t.day1a.id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toBe(
        'attachment; filename="pokervod-wsop-2023-main-event-day-1a.edl"',
      );
      const edl = parseEdl(await res.text());
      expect(edl.fcm).toBe('DROP FRAME');
      expect(edl.rate).toEqual({ num: 30000, den: 1001 });
      expect(edl.events.map((e) => e.source)).toEqual([
        [1798, 1802],
        [17980, 18010],
        [107890, 107895],
      ]);
      expect(edl.events[0].record[0]).toBe(107892);
    });

    it('FCPXML of a search at 59.94 non-drop (converted through time), pointing at the file under its root', async () => {
      const res = await download('format=fcpxml&tag=bluff&rate=59.94&drop_frame=false');
      expect(res.status).toBe(200);
      const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(await res.text());
      const fd = doc.fcpxml.resources.format.frameDuration;
      expect(fd).toBe('1001/60000s');
      expect(doc.fcpxml.resources.asset['media-rep'].src).toBe('file:///mnt/poker/WSOP/2023/Day1A_Part1.mp4');
      const spine = [doc.fcpxml.library.event.project.sequence.spine['asset-clip']].flat();
      expect(
        spine.map((c: Record<string, string>) => rationalFrames(c.start, fd)).sort((a: number, b: number) => a - b),
      ).toEqual([35960, 215780]);
      expect(rationalFrames(doc.fcpxml.library.event.project.sequence.tcStart, fd)).toBe(216000);
    });

    it('CSV of a search with formulas defused, and JSON', async () => {
      const csv = await (await download('format=csv&q=cmd')).text();
      const rows: Record<string, string>[] = parseCsv(csv, { columns: true, bom: true });
      expect(rows.map((r) => [r['in_frame'], r['in_smpte'], r['description']])).toEqual([
        ['1798', '00:00:59:28', "'=cmd|calc"],
      ]);
      const json = (await (await download(`format=json&episode=${t.day1a.id}`)).json()) as {
        clips: { id: string }[];
        frame_rate: string;
      };
      expect(json.frame_rate).toBe('30000/1001');
      expect(json.clips).toHaveLength(3);
    });

    it('answers bad requests and unknown episodes with JSON errors', async () => {
      for (const q of ['format=doc', 'format=edl&rate=abc', 'format=edl&drop_frame=maybe', 'episode=x&format=csv']) {
        const res = await download(q);
        expect([q, res.status, ((await res.json()) as { code: string }).code]).toEqual([q, 400, 'invalid_request']);
      }
      const res = await download('format=csv&episode=00000000-0000-4000-8000-000000000000');
      expect(res.status).toBe(404);
    });
  });
});
