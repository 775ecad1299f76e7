import { EventType } from '@pokervod/contracts';
import { waitFor } from '@pokervod/testing';
import { added, placeFiles, useCatalogInWorld, videoFile } from '../../test/catalog-harness';

jest.setTimeout(60_000);

describe('catalog snapshots (the real app, Postgres and RabbitMQ)', () => {
  const catalog = useCatalogInWorld('catalog_snapshot');
  const files = [
    videoFile('f-1', 'WSOP/WSOP_2023_Main_Event_Day1A_Part1.mp4'),
    videoFile('f-2', 'WSOP/WSOP_2023_Main_Event_Day1A_Part2.mp4'),
    videoFile('f-3', 'EPT/EPT Prague 2022 €5,300 Main Event Final Table.mp4'),
    videoFile('f-4', '_unsorted/IMG_2041.MOV'),
  ];

  beforeAll(() => placeFiles(catalog, files));

  it('answers the tree above the files', async () => {
    const tree = await catalog.system.request('catalog.tree_snapshot', {});
    expect(tree.projects.map((p) => p.code)).toEqual(expect.arrayContaining(['EPT', 'WSOP']));
    const wsop = tree.episodes.filter((e) => e.project_code === 'WSOP');
    expect(wsop).toHaveLength(1);
    const season = tree.seasons.find((s) => s.id === wsop[0].season_id);
    expect(season).toMatchObject({ project_code: 'WSOP', year: 2023 });
    expect(tree.events.some((e) => e.id === wsop[0].event_id)).toBe(true);
  });

  it('pages through placements (unsorted ones too) and keeps only changes since a time', async () => {
    const seen: { file_id: string; episode_id: string | null }[] = [];
    let after: string | null = null;
    do {
      const page: { files: typeof seen; next: string | null } = await catalog.system.request('catalog.files_snapshot', {
        after,
        limit: 3,
      });
      seen.push(...page.files);
      after = page.next;
    } while (after !== null);
    expect(seen.map((f) => f.file_id)).toEqual(['f-1', 'f-2', 'f-3', 'f-4']);
    expect(seen[0].episode_id).toBe(seen[1].episode_id);
    expect(seen[3].episode_id).toBeNull();

    const { as_of } = await catalog.system.request('catalog.files_snapshot', { limit: 1 });
    expect((await catalog.system.request('catalog.files_snapshot', { limit: 10, updated_since: as_of })).files).toEqual(
      [],
    );
    await catalog.system.publish([added(videoFile('f-5', 'WSOP/WSOP_2023_Main_Event_Day2.mp4'))]);
    await waitFor(
      async () =>
        (await catalog.system.request('catalog.files_snapshot', { limit: 10, updated_since: as_of })).files.length ===
        1,
      { timeoutMs: 10_000, description: 'the new placement' },
    );
    expect(catalog.system.of(EventType.EPISODE_CREATED).length).toBeGreaterThan(0);
  });
});
