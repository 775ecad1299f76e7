import { HandsWorld, startHands } from '../../test/hands-harness';

jest.setTimeout(60_000);

describe('hands.clips_snapshot (the real app, Postgres and RabbitMQ)', () => {
  let world: HandsWorld;
  const ids: string[] = [];

  beforeAll(async () => {
    world = await startHands('hands_snapshot');
    for (const [i, players] of ['Phil Ivey vs Tom Dwan', '필 아이비', 'Daniel Negreanu'].entries()) {
      const { id } = await world.client.request('hands.create_hand_clip', {
        video_file_id: `file-${i}`,
        episode_id: null,
        timecode: `00:0${i}:00:00`,
        timecode_end: `00:0${i}:30:00`,
        tags: ['bluff', '#River'],
        source_row_key: `sheet:row-${i}`,
        source_sheet: 'sheet',
        players,
        description: i === 0 ? 'Ivey shoves AhKd' : null,
      });
      ids.push(id);
    }
    await world.client.request('hands.remove_hand_clip', { source_row_key: 'sheet:row-2' });
  });

  afterAll(async () => {
    await world?.stop();
  });

  it('answers clips by id with their tags; ids that no longer exist are left out', async () => {
    const { clips, next } = await world.client.request('hands.clips_snapshot', {
      ids: [ids[0], ids[2], 'nope'],
      limit: 3,
    });
    expect(next).toBeNull();
    expect(clips.map((c) => c.id)).toEqual([ids[0]]);
    expect(clips[0]).toMatchObject({
      video_file_id: 'file-0',
      players: 'Phil Ivey vs Tom Dwan',
      in_frame: 0,
      rate_num: 30000,
      rate_den: 1001,
      status: 'valid',
      source_row_key: 'sheet:row-0',
    });
    const tags = clips[0].tags.map((t) => t.name);
    expect(tags).toEqual(expect.arrayContaining(['bluff', 'river', 'all-in', 'player:phil-ivey']));
    expect(clips[0].tags.find((t) => t.name === 'bluff')).toMatchObject({ category: 'action', sources: ['sheet'] });
  });

  it('pages through every clip in id order', async () => {
    const first = await world.client.request('hands.clips_snapshot', { limit: 1 });
    expect(first.next).not.toBeNull();
    const second = await world.client.request('hands.clips_snapshot', { after: first.next, limit: 1 });
    expect(second.next).toBeNull();
    expect([...first.clips, ...second.clips].map((c) => c.id)).toEqual([ids[0], ids[1]].sort());
  });
});
