import {
  correctFieldWords,
  oneSlipApart,
  fileNameKey,
  fuzzyQuery,
  searchText,
  stripExtension,
  translateKorean,
  words,
} from './title-normalization';

describe('fileNameKey', () => {
  it.each([
    ['WSOP_2023_Main_Event_Day1A_Part1.mp4', 'wsop 2023 main event day1a part1'],
    ['wsop 2023 main event day1a part1', 'wsop 2023 main event day1a part1'],
    ['WSOP-2023-Main-Event-Day1A-Part1.MOV', 'wsop 2023 main event day1a part1'],
    ['WSOP.2023.Main.Event.Day1A.Part1', 'wsop 2023 main event day1a part1'],
    ['WSOP/2023/Event 43/Day2_Part1.mp4', 'day2 part1'],
    ['C:\\media\\WPT.S22E03.Lucky.Hearts.Poker.Open.FT.mxf', 'wpt s22e03 lucky hearts poker open ft'],
    ['WSOP 2023 메인이벤트 1일차 파트2.mp4', 'wsop 2023 메인이벤트 1일차 파트2'],
    ['ＷＳＯＰ　２０２３.mp4', 'wsop 2023'],
  ])('%s → %s', (input, key) => {
    expect(fileNameKey(input)).toBe(key);
  });

  it('keeps a last word that is not a video extension', () => {
    expect(stripExtension('WPT.S22E03.FT')).toBe('WPT.S22E03.FT');
    expect(stripExtension('clip.mkv')).toBe('clip');
  });
});

describe('searchText', () => {
  it.each([
    ['WSOP 2023 Main Event Day 1A', 'wsop 2023 main event day 1 a'],
    ['WSOP2023MainEvent_D1A_Pt2', 'wsop 2023 main event day 1 a part 2'],
    ['wsop_2021_me_d1b_pt3.mp4', 'wsop 2021 main event day 1 b part 3'],
    ['High_Stakes_Poker_S10E05', 'high stakes poker season 10 episode 5'],
    ['WSOP2023_E76_MainEvent_D7_FT', 'wsop 2023 event 76 main event day 7 final table'],
    ['WSOP 2023 메인이벤트 1일차 파트2', 'wsop 2023 main event day 1 part 2'],
    ['WSOP 2024 메인 이벤트 파이널 테이블', 'wsop 2024 main event final table'],
    ['HSP 시즌10 5회', 'hsp season 10 episode 5'],
    ['APT 인천 2023 메인이벤트 데이 1A', 'apt incheon 2023 main event day 1 a'],
    ['월드시리즈오브포커 2023 메인이벤트', 'wsop 2023 main event'],
  ])('%s → %s', (input, text) => {
    expect(searchText(input)).toBe(text);
  });

  it('splits camel case and letters from digits, and keeps Hangul runs whole', () => {
    expect(words('GGMillion$2023Final')).toEqual(['gg', 'million', '2023', 'final']);
    expect(words('홀덤 대회')).toEqual(['홀덤', '대회']);
  });

  it('leaves Korean words it does not know, and 데이터 is not a day', () => {
    expect(translateKorean('홀덤 데이터')).toBe('홀덤 데이터');
  });
});

describe('fuzzyQuery', () => {
  it('drops what names a file rather than an episode: part and version', () => {
    expect(fuzzyQuery('WSOP2023_Ev43_D2_Pt1_v2.mp4')).toBe('wsop 2023 event 43 day 2');
    expect(fuzzyQuery('folder/EPT Barcelona 2023 Main Event Day 5 Part 2.mp4')).toBe(
      'ept barcelona 2023 main event day 5',
    );
  });
});

describe('correctFieldWords', () => {
  it.each([
    ['Tournament of Champions Day 1 WSOP 2018 Evetn 49', 'Tournament of Champions Day 1 WSOP 2018 event 49'],
    ['Episode 1 Sesaon 2 WPT', 'Episode 1 season 2 WPT'],
    ['SHRB 2018 Fianl Table', 'SHRB 2018 final Table'],
    ['WSOP 2005 Mian Eent Day 2', 'WSOP 2005 main event Day 2'],
    ['Poker After Dark Season 14 Episde 9', 'Poker After Dark Season 14 episode 9'],
  ])('%s → %s', (title, corrected) => {
    expect(correctFieldWords(title)).toBe(corrected);
  });

  it('leaves right words, short words, names and Korean alone', () => {
    for (const title of [
      'WSOP 2023 Main Event Day 1A',
      'Mystery Millions',
      'Dya 2',
      'Eventide Open',
      '메인이벤트 1일차',
    ])
      expect(correctFieldWords(title)).toBe(title);
  });
});

describe('oneSlipApart', () => {
  it.each([
    ['triton', 'trtion', true],
    ['triton', 'triron', true],
    ['triton', 'trito', true],
    ['triton', 'trriton', true],
    ['triton', 'tirotn', false],
    ['triton', 'triton', false],
    ['wsop', 'wspo', true],
    ['wsop', 'ept', false],
  ])('%s / %s: %s', (a, b, near) => {
    expect(oneSlipApart(a, b)).toBe(near);
  });
});
