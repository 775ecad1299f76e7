import { BUILTIN_PROJECTS } from '../projects/builtin-projects';
import { ProjectDirectory } from '../projects/project-directory';
import { ScoredCandidate, decide, titleQuery } from './title-query';

const directory = new ProjectDirectory([
  ...BUILTIN_PROJECTS,
  { code: 'GPS', name: 'Global Poker Series', aliases: ['글로벌포커'] },
]);

describe('titleQuery', () => {
  it('reads the fields placement keys on, whatever the spelling', () => {
    const expected = {
      projectCode: 'WSOP',
      year: 2023,
      seasonNumber: null,
      eventNumber: null,
      eventNameKey: 'main event',
      locationKey: null,
      slot: { episodeNumber: null, day: '1A', airDate: null, finalTable: false },
    };
    expect(titleQuery('WSOP_2023_Main_Event_Day1A_Part2.mp4', directory).fields).toEqual(expected);
    expect(titleQuery('Main Event WSOP Day1A 2023', directory).fields).toEqual(expected);
    expect(titleQuery('wsop 2023 메인 이벤트 데이 1A 파트 2', directory).fields).toEqual(expected);
  });

  it('names the project by alias when the parser cannot', () => {
    expect(titleQuery('글로벌포커 2023 Main Event Day 2', directory).fields).toMatchObject({
      projectCode: 'GPS',
      year: 2023,
      slot: { day: '2' },
    });
  });

  it('has no field query without a project or without anything below the season', () => {
    expect(titleQuery('Aussie Millions 2020 Main Event Day 2', directory).fields).toBeNull();
    expect(titleQuery('WSOP 2023', directory).fields).toBeNull();
    // What it does say still rules out fuzzy candidates.
    expect(titleQuery('WSOP 2023', directory).facts).toMatchObject({ projectCode: 'WSOP', year: 2023, slot: null });
    expect(titleQuery('Aussie Millions 2020 Main Event Day 2', directory).facts).toMatchObject({
      projectCode: null,
      year: 2020,
      slot: { day: '2' },
    });
  });

  it('gives the exact-name key and the fuzzy text', () => {
    const q = titleQuery('WSOP2023_Ev43_D2_Pt1.mp4', directory);
    expect(q.fileNameKey).toBe('wsop2023 ev43 d2 pt1');
    expect(q.fuzzy).toBe('wsop 2023 event 43 day 2');
  });
});

describe('decide', () => {
  const c = (id: string, score: number): ScoredCandidate => ({ id, title: id, project_code: 'WSOP', score });

  it('matches the best candidate above the threshold that leads by the margin', () => {
    expect(decide([c('a', 0.5), c('b', 0.8)], 0.4, 0.05)).toEqual({ status: 'matched', best: c('b', 0.8) });
  });

  it('is ambiguous when the leaders are within the margin, listing only them', () => {
    expect(decide([c('a', 0.8), c('b', 0.78), c('c', 0.5)], 0.4, 0.05)).toEqual({
      status: 'ambiguous',
      candidates: [c('a', 0.8), c('b', 0.78)],
    });
  });

  it('finds nothing below the threshold', () => {
    expect(decide([c('a', 0.3)], 0.4, 0.05)).toEqual({ status: 'not_found' });
    expect(decide([], 0.4, 0.05)).toEqual({ status: 'not_found' });
  });
});
