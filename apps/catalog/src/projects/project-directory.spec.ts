import { ProjectDirectory } from './project-directory';

const directory = new ProjectDirectory([
  { code: 'WSOP', name: 'WSOP', aliases: ['world series of poker', '월드시리즈'] },
  { code: 'WSOPE', name: 'WSOP Europe', aliases: ['wsop europe'] },
  { code: 'GPS', name: 'Global Poker Series', aliases: ['글로벌 포커'] },
]);

describe('ProjectDirectory', () => {
  it.each([
    ['GlobalPokerSeries_2023_Main_Event_Day1.mp4', 'GPS'],
    ['global-poker-series 2023 day 2.mp4', 'GPS'],
    ['GPS_2023_Day2.mp4', 'GPS'],
    ['글로벌포커 2023 메인이벤트.mp4', 'GPS'],
    ['월드시리즈 2023 메인이벤트 1일차.mp4', 'WSOP'],
    ['WSOP Europe 2022 Main Event.mp4', 'WSOPE'],
    ['Global Poker Series/2023/Day1_Part1.mp4', 'GPS'],
    ['random_clip_2041.mp4', null],
  ])('%s → %s', (name, code) => {
    expect(directory.resolve(name)).toBe(code);
  });

  it('prefers the file name to its folders', () => {
    expect(directory.resolve('WSOP/GPS_2023_Day1.mp4')).toBe('GPS');
  });

  it('reads an alias typed with one slip, for titles, when asked', () => {
    expect(directory.resolve('WSPO 2015 Main Event Day 3')).toBeNull();
    expect(directory.resolveNear('WSPO 2015 Main Event Day 3')).toBe('WSOP');
    expect(directory.resolveNear('Gloabl Poker Series 2023 Day 1')).toBe('GPS');
    expect(directory.resolveNear('WSOP Eurpe 2022 Main Event')).toBe('WSOPE');
    expect(directory.resolveNear('Aussie Millions 2020 Main Event')).toBeNull();
    // Three letters are too easy to hit: no near miss for a short alias.
    expect(directory.resolveNear('GSP 2023 Day 1')).toBeNull();
  });

  it('looks projects up by code', () => {
    expect(directory.get('GPS')?.name).toBe('Global Poker Series');
    expect(directory.get('NOPE')).toBeUndefined();
  });
});
