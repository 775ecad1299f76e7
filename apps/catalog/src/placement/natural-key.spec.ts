import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseFilename } from '@pokervod/filename-parser';
import {
  episodeNaturalKey,
  episodeSlotOf,
  episodeTitle,
  eventFactsOf,
  fileRole,
  placementOf,
  seasonKeyOf,
} from './natural-key';

/** Everything placement keys on, with the event id stood in by `E`. */
const keyOf = (name: string): string => {
  const parsed = parseFilename(name);
  const p = placementOf(parsed, parsed.project ?? '?');
  const season = p.season.number !== null ? `S${p.season.number}` : (p.season.year ?? '-');
  return `${p.projectCode}|${season}|${p.event.locationKey}|${p.event.ident}|${episodeNaturalKey(p.episode, 'E')}`;
};

describe('natural keys from ParsedMetadata', () => {
  it.each([
    ['WSOP_2023_Main_Event_Day1A_Part1.mp4', 'WSOP|2023||main event|E/d:1A'],
    ['WSOP/2023/Event 43/Day2_Part1.mp4', 'WSOP|2023||#43|E/d:2'],
    ['WSOP 2023 - Event #43 - $50,000 Poker Players Championship - Day 2 - Part 1.mp4', 'WSOP|2023||#43|E/d:2'],
    ['WSOP2023_Ev43_D2_Pt1_v2_final.mp4', 'WSOP|2023||#43|E/d:2'],
    ['wsop_2021_me_d1b_pt3.mp4', 'WSOP|2021||main event|E/d:1B'],
    ['WSOP 2023 메인이벤트 1일차 파트2.mp4', 'WSOP|2023||main event|E/d:1'],
    ['WSOP_2024_메인이벤트_파이널테이블_파트1.mp4', 'WSOP|2024||main event|E/ft'],
    ['World Poker Tour Season 12 Episode 5.mp4', 'WPT|S12|||n:5'],
    ['WPT.S22E03.Lucky.Hearts.Poker.Open.FT.mxf', 'WPT|S22||lucky hearts poker open|n:3'],
    ['EPT_Barcelona_2023_Main_Event_Day5_Part2.mp4', 'EPT|2023|barcelona|main event|E/d:5'],
    ['Triton_SHR_Montenegro_2023_Event_5_$200K_Day2.mp4', 'TRITON|2023|montenegro|#5|E/d:2'],
    ['HCL_2023-11-14_Live_Stream.mp4', 'HCL|2023|||E/t:2023-11-14'],
    ['HCL 11-14-2023 Part 2.mp4', 'HCL|2023|||E/t:2023-11-14'],
    ['PAD S12 E06 Part 2.mov', 'PAD|S12|||n:6'],
    ['GGMillions_2024_Ep12.mp4', 'GGM|2024|||n:12'],
    ['SHRB 2022 $300,000 Final Table.mp4', 'SHRB|2022|||E/ft'],
    ['EPT_Paris_2024_Main_Event_Final_Day_Part1.mp4', 'EPT|2024|paris|main event|E/'],
  ])('%s → %s', (name, key) => {
    expect(keyOf(name)).toBe(key);
  });

  it('puts the parts of one day in one episode, and other days apart', () => {
    expect(keyOf('WSOP_2023_Main_Event_Day1A_Part1.mp4')).toBe(keyOf('WSOP_2023_Main_Event_Day1A_Part2.mp4'));
    expect(keyOf('WSOP/2023/Event 43/Day2_Part2.mp4')).toBe(keyOf('WSOP/2023/Event 43/Day2_Part1.mp4'));
    expect(keyOf('HCL 11-14-2023 Part 2.mp4')).toBe(keyOf('HCL_2023-11-14_Live_Stream.mp4'));
    expect(keyOf('WSOP_2023_Main_Event_Day1A_Part1.mp4')).not.toBe(keyOf('WSOP_2023_Main_Event_Day1B_Part1.mp4'));
    expect(keyOf('EPT_Barcelona_2023_Main_Event_Day5.mp4')).not.toBe(keyOf('EPT_Prague_2023_Main_Event_Day5.mp4'));
  });

  it('counts a day, not its final table, when both are named', () => {
    expect(keyOf('WSOP2023_E76_MainEvent_D7_FT_Part2.mov')).toBe(keyOf('WSOP2023_E76_MainEvent_D7_Part1.mov'));
  });

  it('keeps what the name says about the event as facts, the buy-in with its currency', () => {
    const facts = eventFactsOf(parseFilename('PGT_2023_Ev#12_$25,000_PLO_Day2.mp4'));
    expect(facts).toMatchObject({ ident: '#12', number: 12, buyIn: 25000, currency: 'USD', game: 'PLO', name: null });
  });

  it('derives the season from a season number, else the year, else the date', () => {
    expect(seasonKeyOf(parseFilename('High_Stakes_Poker_S10E05.mp4'))).toEqual({ year: null, number: 10 });
    expect(seasonKeyOf(parseFilename('WSOP_2023_Main_Event.mp4'))).toEqual({ year: 2023, number: null });
    expect(seasonKeyOf(parseFilename('MVI_4821.MOV'))).toEqual({ year: null, number: null });
  });

  it('scopes episode numbers to the season and days to the event', () => {
    expect(episodeSlotOf(parseFilename('WPT_S21_E05.mp4')).scope).toBe('season');
    expect(episodeSlotOf(parseFilename('WSOP_2023_Main_Event_Day2.mp4')).scope).toBe('event');
  });

  it('gives every contract example a key without throwing', () => {
    // The examples of docs/contracts/parsed-metadata.md, kept beside the parser.
    const file = path.resolve(
      __dirname,
      '../../../../libs/filename-parser/src/fixtures/parsed-metadata.examples.jsonl',
    );
    const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const { name } = JSON.parse(line) as { name: string };
      const parsed = parseFilename(name);
      expect(() => placementOf(parsed, parsed.project ?? 'X')).not.toThrow();
    }
  });
});

describe('fileRole', () => {
  it.each([
    ['WSOP_2023_Main_Event_Day1A_Part1.mp4', 'part'],
    ['WSOP_2023_Main_Event_Day1A.mp4', 'master'],
    ['WSOP_2023_Main_Event_Day1A_proxy.mp4', 'proxy'],
    ['proxies/WSOP_2023_Main_Event_Day1A_LowRes.mp4', 'proxy'],
  ])('%s → %s', (name, role) => {
    expect(fileRole(name, parseFilename(name))).toBe(role);
  });
});

describe('episodeTitle', () => {
  it('reads like the parser titles, without the part', () => {
    const title = (name: string, projectName: string) => {
      const parsed = parseFilename(name);
      const p = placementOf(parsed, parsed.project!);
      return episodeTitle(projectName, p.season, p.event, {
        episode_number: p.episode.episodeNumber,
        day: p.episode.day,
        air_date: p.episode.airDate,
        final_table: p.episode.finalTable,
      });
    };
    expect(title('WSOP_2023_Main_Event_Day1A_Part1.mp4', 'WSOP')).toBe('WSOP 2023 Main Event Day 1A');
    expect(title('WSOP 2023 - Event #43 - $50,000 Poker Players Championship - Day 2 - Part 1.mp4', 'WSOP')).toBe(
      'WSOP 2023 Event #43 Poker Players Championship Day 2',
    );
    expect(title('EPT_Barcelona_2023_Main_Event_Day5_Part2.mp4', 'EPT')).toBe('EPT Barcelona 2023 Main Event Day 5');
    expect(title('WPT.S22E03.Lucky.Hearts.Poker.Open.FT.mxf', 'WPT')).toBe(
      'WPT Season 22 Lucky Hearts Poker Open Episode 3',
    );
    expect(title('HCL 11-14-2023 Part 2.mp4', 'Hustler Casino Live')).toBe('Hustler Casino Live 2023-11-14');
  });
});
