import { ParsedMetadata, ParsedMetadataSchema } from '@pokervod/contracts';
import { parseFilename } from './index';

interface Row {
  readonly name: string;
  readonly expect: Partial<ParsedMetadata>;
  /** Junk and unknown brands: the parser must say it understood little. */
  readonly lowConfidence?: boolean;
}

const row = (name: string, expect: Partial<ParsedMetadata>, lowConfidence = false): Row => ({
  name,
  expect,
  lowConfidence,
});

const WSOP: Row[] = [
  row('WSOP_2019_Main_Event_Day1C_Part3.mp4', { project: 'WSOP', year: 2019, event_name: 'Main Event', day: '1C', part: 3, extension: 'mp4' }), // prettier-ignore
  row('WSOP 2022 Event #70 $10,000 Main Event Day 8 Final Table.mp4', { project: 'WSOP', year: 2022, event_number: 70, buy_in: 10000, currency: 'USD', event_name: 'Main Event', day: '8', final_table: true }), // prettier-ignore
  row('wsop.2018.event.3.big.one.for.one.drop.ft.mp4', { project: 'WSOP', year: 2018, event_number: 3, event_name: 'Big One for One Drop', final_table: true, extension: 'mp4' }), // prettier-ignore
  row('WSOP2024_Ev1_Super_Turbo_Bounty_Day1.mov', { project: 'WSOP', year: 2024, event_number: 1, event_name: null, day: '1', extension: 'mov' }), // prettier-ignore
  row('WSOP_2023_$1500_Millionaire_Maker_Day2_Pt4.mp4', { project: 'WSOP', buy_in: 1500, currency: 'USD', event_name: 'Millionaire Maker', day: '2', part: 4 }), // prettier-ignore
  row('WSOP 2021 $25K PLO High Roller Final Table.mp4', { project: 'WSOP', year: 2021, buy_in: 25000, currency: 'USD', game: 'PLO', event_name: 'High Roller', final_table: true }), // prettier-ignore
  row('WSOP_2017_PPC_Day3.mp4', { project: 'WSOP', year: 2017, event_name: 'Poker Players Championship', day: '3' }),
  row('WSOP-2016-Colossus-Day1F-Part2.mp4', { project: 'WSOP', year: 2016, event_name: 'Colossus', day: '1F', part: 2 }), // prettier-ignore
  row('World Series of Poker 2005 Main Event Episode 12.avi', { project: 'WSOP', year: 2005, event_name: 'Main Event', episode: 12, extension: 'avi' }), // prettier-ignore
  row('WSOP_2023_Mixed_Games_Championship_FT.mp4', { project: 'WSOP', year: 2023, game: 'MIXED', final_table: true }),
  row('WSOP 2023 E76 Day 7 Part 2.mp4', { project: 'WSOP', event_number: 76, episode: null, day: '7', part: 2 }),
  row('WSOP_2008_ME_D5_P3.mp4', { project: 'WSOP', year: 2008, event_name: 'Main Event', day: '5', part: 3 }),
  row('WSOP 2019 Event 44 $1,000 NLH Day 2.mp4', { project: 'WSOP', event_number: 44, buy_in: 1000, currency: 'USD', game: 'NLH', day: '2' }), // prettier-ignore
  row('WSOP2023 Tag Team Event Final Table.mov', { project: 'WSOP', year: 2023, event_name: 'Tag Team', final_table: true }), // prettier-ignore
  row('WSOP_2022_Ladies_Championship_Day1.mp4', { project: 'WSOP', year: 2022, event_name: 'Ladies Championship', day: '1' }), // prettier-ignore
  row('WSOP 2014 Little One for One Drop Day1B.mp4', { project: 'WSOP', year: 2014, event_name: 'Little One for One Drop', day: '1B' }), // prettier-ignore
  row('WSOP_Main_Event_2023_Day4.mp4', { project: 'WSOP', year: 2023, event_name: 'Main Event', day: '4' }),
  row('WSOP 2023 Event #43 Part Two.mp4', { project: 'WSOP', event_number: 43, part: 2 }),
  row('WSOP_1998_Main_Event_Final_Table.mpg', { project: 'WSOP', year: 1998, final_table: true, extension: 'mpg' }),
  row('WSOP_2023_Seniors_Championship_Day_3_Part_1.mp4', { project: 'WSOP', event_name: 'Seniors Championship', day: '3', part: 1 }), // prettier-ignore
  row('WSOP-2019-Ev-87-ME-Day-6.mp4', { project: 'WSOP', year: 2019, event_number: 87, event_name: 'Main Event', day: '6' }), // prettier-ignore
  row('WSOP_2023_Monster_Stack_D1A.mp4', { project: 'WSOP', event_name: 'Monster Stack', day: '1A' }),
  row('WSOP 2023 메인이벤트 데이3 파트1.mp4', { project: 'WSOP', event_name: 'Main Event', day: '3', part: 1 }),
  row('WSOP_2023_메인이벤트_2일차_파트3_파이널.mp4', { project: 'WSOP', day: '2', part: 3, final_table: false }),
  row('WSOP.2023.Main.Event.Day.2.Part.1', { project: 'WSOP', year: 2023, day: '2', part: 1, extension: '' }),
  row('WSOP_2023_Main_Event_Day1A_Part1_1080p.mp4', { project: 'WSOP', day: '1A', part: 1, extension: 'mp4' }),
];

const WSOPE: Row[] = [
  row('WSOPE_2021_Main_Event_Final_Table.mp4', { project: 'WSOPE', year: 2021, event_name: 'Main Event', final_table: true }), // prettier-ignore
  row('WSOP_Europe_2019_€25,500_Platinum_High_Roller_Day2.mp4', { project: 'WSOPE', year: 2019, buy_in: 25500, currency: 'EUR', event_name: 'High Roller', day: '2' }), // prettier-ignore
  row('WSOP-E 2012 Cannes Main Event Day 3.mp4', { project: 'WSOPE', year: 2012, location: 'Cannes', day: '3' }),
  row('wsope_2023_ev15_d1_pt2.mp4', { project: 'WSOPE', event_number: 15, day: '1', part: 2 }),
  row('WSOP Europe Rozvadov 2022 Main Event Day 1A.mp4', { project: 'WSOPE', location: 'Rozvadov', day: '1A' }),
  row('World Series of Poker Europe 2010 London Main Event.mp4', { project: 'WSOPE', year: 2010, location: 'London', event_name: 'Main Event' }), // prettier-ignore
  row('WSOPE 2023 €10,350 Main Event FT Part 2.mp4', { project: 'WSOPE', buy_in: 10350, currency: 'EUR', final_table: true, part: 2 }), // prettier-ignore
  row('WSOPE_2017_E3_PLO_D2.mp4', { project: 'WSOPE', event_number: 3, episode: null, game: 'PLO', day: '2' }),
];

const WSOPP: Row[] = [
  row('WSOPP_2023_Super_Main_Event_Day2_Part1.mp4', { project: 'WSOPP', year: 2023, event_name: 'Super Main Event', day: '2', part: 1 }), // prettier-ignore
  row('WSOP Paradise 2024 $25,000 Super Main Event Final Table.mp4', { project: 'WSOPP', buy_in: 25000, currency: 'USD', event_name: 'Super Main Event', final_table: true }), // prettier-ignore
  row('WSOP_Paradise_Bahamas_2023_Event_12_Day1.mp4', { project: 'WSOPP', location: 'Bahamas', event_number: 12, day: '1' }), // prettier-ignore
  row('World Series of Poker Paradise 2023 Main Event Day 1B.mp4', { project: 'WSOPP', event_name: 'Main Event', day: '1B' }), // prettier-ignore
  row('wsopp-2024-super-main-event-d3.mp4', { project: 'WSOPP', year: 2024, event_name: 'Super Main Event', day: '3' }),
];

const WPT: Row[] = [
  row('WPT_S20E01.mp4', { project: 'WPT', season: 20, episode: 1, year: null }),
  row('World.Poker.Tour.S01E10.Bellagio.Five.Diamond.mkv', { project: 'WPT', season: 1, episode: 10, location: 'Bellagio', extension: 'mkv' }), // prettier-ignore
  row('WPT Season 19 Episode 7 Final Table.mp4', { project: 'WPT', season: 19, episode: 7, final_table: true }),
  row('WPT_2023_World_Championship_Final_Table.mp4', { project: 'WPT', year: 2023, event_name: 'World Championship', final_table: true }), // prettier-ignore
  row('WPT_Borgata_Poker_Open_2022_Day2.mp4', {
    project: 'WPT',
    location: 'Borgata',
    event_name: 'Borgata Poker Open',
    year: 2022,
    day: '2',
  }),
  row('WPT_Seminole_Hard_Rock_Poker_Showdown_2023_FT.mp4', { project: 'WPT', location: 'Seminole Hard Rock', event_name: 'Seminole Hard Rock Poker Showdown', final_table: true }), // prettier-ignore
  row('WPT.S22E09.WPT.World.Championship.FT.mp4', { project: 'WPT', season: 22, episode: 9, event_name: 'World Championship', final_table: true }), // prettier-ignore
  row('WPT_S18_Ep3_Part2.mp4', { project: 'WPT', season: 18, episode: 3, part: 2 }),
  row('WPT E05 Seminole Hard Rock.mp4', { project: 'WPT', episode: 5, event_number: null, location: 'Seminole Hard Rock' }), // prettier-ignore
  row('WPT Montreal 2019 Main Event Day 2.mp4', { project: 'WPT', location: 'Montreal', event_name: 'Main Event', day: '2' }), // prettier-ignore
  row('world_poker_tour_season_3_episode_14.avi', { project: 'WPT', season: 3, episode: 14, extension: 'avi' }),
  row('WPT_1x05.mp4', { project: 'WPT', season: 1, episode: 5 }),
  row('WPT Prime Cyprus 2023 Main Event Final Day.mp4', { project: 'WPT', location: 'Cyprus', final_table: false, day: null }), // prettier-ignore
  row('WPT Montréal 2019 Main Event.mp4', { project: 'WPT', location: 'Montreal' }),
];

const EPT: Row[] = [
  row('EPT_Monte_Carlo_2023_Main_Event_Day3.mp4', { project: 'EPT', location: 'Monte Carlo', year: 2023, event_name: 'Main Event', day: '3' }), // prettier-ignore
  row('EPT10_Barcelona_Main_Event_Day1A.mp4', { project: 'EPT', location: 'Barcelona', year: null, season: null, day: '1A' }), // prettier-ignore
  row('EPT Grand Final Monte Carlo 2014 Super High Roller FT.mp4', { project: 'EPT', event_name: 'Grand Final', location: 'Monte Carlo', final_table: true }), // prettier-ignore
  row('PokerStars_EPT_Prague_2019_€1,100_Main_Event_Day2.mp4', { project: 'EPT', location: 'Prague', buy_in: 1100, currency: 'EUR', day: '2' }), // prettier-ignore
  row('European Poker Tour Season 5 Episode 3 Vienna.mp4', { project: 'EPT', season: 5, episode: 3, location: 'Vienna' }), // prettier-ignore
  row('EPT_Sochi_2015_Main_Event_Day1B_Part2.mp4', { project: 'EPT', location: 'Sochi', day: '1B', part: 2 }),
  row('ept-malta-2022-main-event-ft.mp4', { project: 'EPT', location: 'Malta', year: 2022, event_name: 'Main Event', final_table: true }), // prettier-ignore
  row('EPT_Paris_2023_€5.3K_Main_Event_Day_5.mp4', { project: 'EPT', buy_in: 5300, currency: 'EUR', day: '5' }),
  row('EPT Barcelona 2023 €50K Super High Roller Final Table.mp4', { project: 'EPT', buy_in: 50000, currency: 'EUR', event_name: 'Super High Roller', final_table: true }), // prettier-ignore
  row('EPT_Deauville_2017_ME_Day4.mp4', { project: 'EPT', location: 'Deauville', event_name: 'Main Event', day: '4' }),
  row('EPT_London_2023_£5,300_Main_Event_Day3.mp4', { project: 'EPT', location: 'London', buy_in: 5300, currency: 'GBP' }), // prettier-ignore
  row('EPT_Copenhagen_2016_Main_Event_Day_2_Part_3.mp4', { project: 'EPT', location: 'Copenhagen', day: '2', part: 3 }),
  row('EPT San Remo 2010 Main Event Day 2.mp4', { project: 'EPT', location: 'Sanremo', year: 2010 }),
];

const APT: Row[] = [
  row('APT_Jeju_2024_Main_Event_FT.mp4', { project: 'APT', location: 'Jeju', year: 2024, final_table: true }),
  row('APT 인천 2024 메인이벤트 1일차 파트3.mp4', { project: 'APT', location: 'Incheon', event_name: 'Main Event', day: '1', part: 3 }), // prettier-ignore
  row('Asian_Poker_Tour_Manila_2019_Main_Event_Day2.mp4', { project: 'APT', location: 'Manila', year: 2019, day: '2' }),
  row('APT_Taipei_2023_Event_8_High_Roller_Day1.mp4', { project: 'APT', location: 'Taipei', event_number: 8, event_name: 'High Roller', day: '1' }), // prettier-ignore
  row('APT 서울 2023 하이롤러 파이널테이블.mp4', { project: 'APT', location: 'Seoul', event_name: 'High Roller', final_table: true }), // prettier-ignore
  row('APT_Incheon_2023_₩3,300,000_Main_Event_Day1B.mp4', { project: 'APT', buy_in: 3300000, currency: 'KRW', day: '1B' }), // prettier-ignore
  row('APT_2023_메인이벤트_제주_데이2.mp4', { project: 'APT', location: 'Jeju', event_name: 'Main Event', day: '2' }),
  row('APT Vietnam 2023 Main Event Day 1C.mp4', { project: 'APT', location: 'Vietnam', day: '1C' }),
];

const TRITON: Row[] = [
  row('Triton_Jeju_2023_Event_3_$50K_NLH_Day1.mp4', { project: 'TRITON', location: 'Jeju', event_number: 3, buy_in: 50000, currency: 'USD', game: 'NLH', day: '1' }), // prettier-ignore
  row('Triton Poker Series Monte Carlo 2024 Event #12 $200K Main Event Final Table.mp4', { project: 'TRITON', location: 'Monte Carlo', year: 2024, event_number: 12, buy_in: 200000, currency: 'USD', event_name: 'Main Event', final_table: true }), // prettier-ignore
  row('triton_cyprus_2023_ev16_plo_100k_d2.mp4', { project: 'TRITON', location: 'Cyprus', event_number: 16, game: 'PLO', buy_in: 100000, currency: null, day: '2' }), // prettier-ignore
  row('Triton_SHR_London_2023_$1M_Invitational_FT.mp4', { project: 'TRITON', location: 'London', buy_in: 1000000, currency: 'USD', final_table: true }), // prettier-ignore
  row('TRITON_Madrid_2022_Ev5_$25K_Short_Deck_Day1.mp4', { project: 'TRITON', location: 'Madrid', event_number: 5, buy_in: 25000, game: 'SHORT DECK', day: '1' }), // prettier-ignore
  row('Triton Super High Roller Series Montenegro 2019 Main Event Day 2 Part 1.mp4', { project: 'TRITON', location: 'Montenegro', year: 2019, event_name: 'Main Event', day: '2', part: 1 }), // prettier-ignore
  row('트리톤 제주 2023 메인이벤트 파트2.mp4', { project: 'TRITON', location: 'Jeju', year: 2023, event_name: 'Main Event', part: 2 }), // prettier-ignore
  row('Triton_Vietnam_2024_Event_7_$150K_PLO_FT.mp4', { project: 'TRITON', event_number: 7, buy_in: 150000, game: 'PLO', final_table: true }), // prettier-ignore
  row('Triton_2023_E4_Day2.mp4', { project: 'TRITON', event_number: 4, episode: null, day: '2' }),
  row('Triton Montenegro 2023 Event #1 $30,000 PLO Part 3.mp4', { project: 'TRITON', event_number: 1, buy_in: 30000, game: 'PLO', part: 3 }), // prettier-ignore
];

const HCL: Row[] = [
  row('HCL_20231114_Live.mp4', { project: 'HCL', date: '2023-11-14', year: 2023 }),
  row('Hustler_Casino_Live_2023.11.14_Part1.mp4', { project: 'HCL', date: '2023-11-14', part: 1 }),
  row('HCL 2024-01-05 $100-$200-$400 Cash Game Part 3.mp4', { project: 'HCL', date: '2024-01-05', buy_in: null, currency: null, part: 3 }), // prettier-ignore
  row('HCL_03-04-2023_Stream.mp4', { project: 'HCL', date: null, year: 2023 }),
  row('HCL_14.03.2023.mp4', { project: 'HCL', date: '2023-03-14', year: 2023 }),
  row('HCL Nov 14 2023 High Stakes Cash Game.mp4', { project: 'HCL', date: '2023-11-14', buy_in: null }),
  row('Hustler Casino Live 2023-02-30 Part 1.mp4', { project: 'HCL', date: null, year: 2023, part: 1 }),
  row('HCL_Episode_45_2023-06-01.mp4', { project: 'HCL', episode: 45, date: '2023-06-01' }),
  row('HCL_$25-50-100_2023-11-14.mp4', { project: 'HCL', buy_in: null, date: '2023-11-14' }),
  row('Hustler.Casino.Live.S02E10.mp4', { project: 'HCL', season: 2, episode: 10 }),
  row('HCL 2023년 11월 14일 라이브.mp4', { project: 'HCL', date: '2023-11-14', year: 2023 }),
  row('HCL_2023-11_Highlights.mp4', { project: 'HCL', year: 2023, date: null }),
];

const HSP: Row[] = [
  row('High.Stakes.Poker.S07E13.720p.mkv', { project: 'HSP', season: 7, episode: 13, extension: 'mkv' }),
  row('HSP_Season_4_Episode_1.mp4', { project: 'HSP', season: 4, episode: 1 }),
  row('High Stakes Poker - Season 8, Episode 2.mp4', { project: 'HSP', season: 8, episode: 2 }),
  row('HSP S11E01 Part 2.mp4', { project: 'HSP', season: 11, episode: 1, part: 2 }),
  row('HighStakesPoker_S01_E05.avi', { project: 'HSP', season: 1, episode: 5 }),
  row('hsp_1x03.mp4', { project: 'HSP', season: 1, episode: 3 }),
  row('High Stakes Poker 2021 Ep 7.mp4', { project: 'HSP', year: 2021, episode: 7 }),
  row('HSP_Season10_E02.mp4', { project: 'HSP', season: 10, episode: 2 }),
];

const PAD: Row[] = [
  row('Poker.After.Dark.S01E01.mp4', { project: 'PAD', season: 1, episode: 1 }),
  row('PAD_Season_12_Episode_3_Part_1.mp4', { project: 'PAD', season: 12, episode: 3, part: 1 }),
  row('Poker After Dark S13 E10 1080p.mp4', { project: 'PAD', season: 13, episode: 10, year: null }),
  row('PAD_2023_Ep5.mp4', { project: 'PAD', year: 2023, episode: 5 }),
  row('pad_s10e07_pt2.mov', { project: 'PAD', season: 10, episode: 7, part: 2, extension: 'mov' }),
  row('Poker_After_Dark_Season6_Ep21.mp4', { project: 'PAD', season: 6, episode: 21 }),
  row('PAD E12.mp4', { project: 'PAD', episode: 12, event_number: null }),
];

const SHRB: Row[] = [
  row('SHRB_2019_Day3.mp4', { project: 'SHRB', year: 2019, day: '3' }),
  row('Super High Roller Bowl 2022 $300K Final Table.mp4', { project: 'SHRB', buy_in: 300000, currency: 'USD', final_table: true, event_name: null }), // prettier-ignore
  row('SHRB_Europe_2023_Day2.mp4', { project: 'SHRB', year: 2023, day: '2' }),
  row('super-high-roller-bowl-2017-ft.mp4', { project: 'SHRB', year: 2017, final_table: true }),
  row('SHRB_2023_$300,000_Day_2_Part_3.mp4', { project: 'SHRB', buy_in: 300000, day: '2', part: 3 }),
  row('SHRB 2018 Bahamas Day 1.mp4', { project: 'SHRB', location: 'Bahamas', day: '1' }),
];

const PGT: Row[] = [
  row('PGT_2024_Event_3_$10K_PLO_Day1.mp4', { project: 'PGT', event_number: 3, buy_in: 10000, currency: 'USD', game: 'PLO', day: '1' }), // prettier-ignore
  row('PokerGO Tour 2023 US Poker Open Event #8 $25,000 NLH FT.mp4', { project: 'PGT', year: 2023, event_name: 'US Poker Open', event_number: 8, buy_in: 25000, game: 'NLH', final_table: true }), // prettier-ignore
  row('PGT_2023_Championship_Final_Table.mp4', { project: 'PGT', year: 2023, event_name: null, final_table: true }),
  row('pgt-2024-ev12-25k-plo-ft.mp4', { project: 'PGT', event_number: 12, buy_in: 25000, currency: null, game: 'PLO', final_table: true }), // prettier-ignore
  row('PGT_2023_Poker_Masters_Event_10_Day2.mp4', { project: 'PGT', event_name: 'Poker Masters', event_number: 10, day: '2' }), // prettier-ignore
  row('PGT_2024_Ev5_$10,000_NLH_Day1_Part2.mp4', { project: 'PGT', event_number: 5, buy_in: 10000, game: 'NLH', day: '1', part: 2 }), // prettier-ignore
];

const NAPT: Row[] = [
  row('NAPT_Mohegan_Sun_2010_Main_Event_Day1A.mp4', { project: 'NAPT', location: 'Mohegan Sun', day: '1A' }),
  row('North American Poker Tour Los Angeles 2011 Main Event FT.mp4', { project: 'NAPT', location: 'Los Angeles', year: 2011, final_table: true }), // prettier-ignore
  row('NAPT_Venetian_2010_ME_D2.mp4', { project: 'NAPT', location: 'Venetian', event_name: 'Main Event', day: '2' }),
  row('napt-las-vegas-2011-main-event-day3-part1.mp4', { project: 'NAPT', location: 'Las Vegas', day: '3', part: 1 }),
  row('PokerStars_NAPT_2010_$5,000_Main_Event_Day_4.mp4', { project: 'NAPT', buy_in: 5000, currency: 'USD', day: '4' }),
];

const GGM: Row[] = [
  row('GGMillions_2023-07-02_Final_Table.mp4', { project: 'GGM', date: '2023-07-02', final_table: true }),
  row('GG_Millions_2022_Episode_45.mp4', { project: 'GGM', year: 2022, episode: 45 }),
  row('GGMillion$ 2024-01-14 $10,300 Final Table.mp4', { project: 'GGM', date: '2024-01-14', buy_in: 10300, currency: 'USD', final_table: true }), // prettier-ignore
  row('GGM_E120.mp4', { project: 'GGM', episode: 120, event_number: null }),
  row('GGMillions_S3E4.mp4', { project: 'GGM', season: 3, episode: 4 }),
  row('GG Million$ 2023 Ep 88.mp4', { project: 'GGM', year: 2023, episode: 88, buy_in: null }),
];

const FOLDERS: Row[] = [
  row('WSOP/2023/Main Event/Day 3/Part 2.mp4', { project: 'WSOP', year: 2023, event_name: 'Main Event', day: '3', part: 2 }), // prettier-ignore
  row('EPT/Barcelona/2023/Day5_Part2.mp4', { project: 'EPT', location: 'Barcelona', year: 2023, day: '5', part: 2 }),
  row('WPT/Season 21/Episode 05.mp4', { project: 'WPT', season: 21, episode: 5 }),
  row('HCL\\2023\\2023-11-14 Part 1.mp4', { project: 'HCL', year: 2023, date: '2023-11-14', part: 1 }),
  row('Triton\\Montenegro 2023\\Event 5 $200K\\Day2.mp4', { project: 'TRITON', location: 'Montenegro', year: 2023, event_number: 5, buy_in: 200000, currency: 'USD', day: '2' }), // prettier-ignore
  row('WSOP/2023/E76/Day7_FT.mp4', { project: 'WSOP', event_number: 76, episode: null, day: '7', final_table: true }),
  row('WPT/S20/E05 Final Table.mp4', { project: 'WPT', season: 20, episode: 5, event_number: null, final_table: true }), // prettier-ignore
  row('WSOP/2022/WSOP_2023_Main_Event_Day1.mp4', { project: 'WSOP', year: 2023 }),
  row('EPT/Prague/EPT_Barcelona_2023_Main_Event.mp4', { project: 'EPT', location: 'Barcelona' }),
  row('Volumes/NAS/Poker/WSOP 2023/Event #43 $50,000 PPC/Day 2 Part 1.mp4', { project: 'WSOP', year: 2023, event_number: 43, buy_in: 50000, currency: 'USD', event_name: 'Poker Players Championship', day: '2', part: 1 }), // prettier-ignore
  row('Archive/High Stakes Poker/Season 7/Episode 13.mp4', { project: 'HSP', season: 7, episode: 13 }),
  row('GGMillions/2023-05-14.mp4', { project: 'GGM', date: '2023-05-14', year: 2023 }),
  row('Unknown Show/2021/Part 3.mp4', { project: null, year: 2021, part: 3 }),
  row('WSOP/2023/Main Event/MVI_4821.MOV', { project: 'WSOP', year: 2023, event_name: 'Main Event', extension: 'mov' }),
  row('APT/인천/2023/메인이벤트 파트2.mp4', { project: 'APT', location: 'Incheon', year: 2023, event_name: 'Main Event', part: 2 }), // prettier-ignore
  row('WSOP\\2023\\Event 43\\Day2_Part1.mp4', { project: 'WSOP', year: 2023, event_number: 43, day: '2', part: 1 }),
  row('EPT/Paris 2024/€5,300 Main Event/Final Table Part 1.mp4', { project: 'EPT', location: 'Paris', buy_in: 5300, currency: 'EUR', final_table: true, part: 1 }), // prettier-ignore
  row('SHRB/2022/ft.mp4', { project: 'SHRB', year: 2022, final_table: true, extension: 'mp4' }),
  row('HCL/2023-11-14/2024-01-05 Part 2.mp4', { project: 'HCL', date: '2024-01-05', year: 2024, part: 2 }),
  row('WSOP/../2023/./Day2.mp4', { project: 'WSOP', year: 2023, day: '2' }),
];

const KOREAN: Row[] = [
  row('월드시리즈오브포커 2023 메인이벤트 파이널테이블.mp4', { project: 'WSOP', year: 2023, event_name: 'Main Event', final_table: true }), // prettier-ignore
  row('WSOP 2023 슈퍼 하이롤러 2일차.mp4', { project: 'WSOP', event_name: 'Super High Roller', day: '2' }),
  row('트리톤 몬테네그로 2023 이벤트 5 파트 1.mp4', { project: 'TRITON', location: 'Montenegro', event_number: 5, part: 1 }), // prettier-ignore
  row('WPT 시즌 21 에피소드 5.mp4', { project: 'WPT', season: 21, episode: 5 }),
  row('HSP 시즌3 5회.mp4', { project: 'HSP', season: 3, episode: 5 }),
  row('EPT 바르셀로나 2023 메인이벤트 데이 5.mp4', { project: 'EPT', location: 'Barcelona', event_name: 'Main Event', day: '5' }), // prettier-ignore
  row('포커 대회 2023 1000만원 파이널.mp4', { project: null, year: 2023, buy_in: 10000000, currency: 'KRW', final_table: false }), // prettier-ignore
  row('APT 2023 노리밋 홀덤 하이롤러 파이널 테이블.mp4', { project: 'APT', game: 'NLH', event_name: 'High Roller', final_table: true }), // prettier-ignore
  row('라스베이거스 WSOP 2024 메인이벤트 3일차.mp4', { project: 'WSOP', location: 'Las Vegas', event_name: 'Main Event', day: '3' }), // prettier-ignore
  row('홀덤 토너먼트 2022 파트3.mp4', { project: null, year: 2022, part: 3 }),
  row('APT_제주_2023_메인이벤트_파이널데이.mp4', { project: 'APT', location: 'Jeju', final_table: false, day: null }),
  row('WSOP 2023 메인이벤트 1 일차 2부.mp4', { project: 'WSOP', event_name: 'Main Event', day: '1', part: 2 }),
  row('APT 부산 2023 메인이벤트 2부.mp4', { project: 'APT', location: 'Busan', event_name: 'Main Event', part: 2 }),
  row('포커 다큐 3편.mp4', { project: null, episode: 3 }),
  row('회의 영상 2023.mp4', { project: null, year: 2023, part: null, episode: null, title: '회의 영상 2023' }),
];

const BUY_INS: Row[] = [
  row('WSOP_2023_USD10000_Main_Event.mp4', { project: 'WSOP', buy_in: 10000, currency: 'USD' }),
  row('EPT_Prague_2023_EUR_1100_Main_Event_Day1.mp4', { project: 'EPT', buy_in: 1100, currency: 'EUR', day: '1' }),
  row('APT_Jeju_2023_KRW_3300000_Main_Event.mp4', { project: 'APT', buy_in: 3300000, currency: 'KRW' }),
  row('WSOPE_2023_10350EUR_Main_Event_FT.mp4', { project: 'WSOPE', buy_in: 10350, currency: 'EUR', final_table: true }),
  row('EPT_Paris_2023_5300€_Main_Event_Day2.mp4', { project: 'EPT', buy_in: 5300, currency: 'EUR', day: '2' }),
  row('Triton_2023_HK$1M_Event_Day1.mp4', { project: 'TRITON', buy_in: 1000000, currency: 'HKD', day: '1' }),
  row('Aussie_Millions_2019_A$10,600_Main_Event_Day1A.mp4', { project: null, buy_in: 10600, currency: 'AUD', event_name: 'Main Event', day: '1A' }), // prettier-ignore
  row('WSOP_2023_$1.5K_NLH_Day1.mp4', { project: 'WSOP', buy_in: 1500, currency: 'USD', game: 'NLH' }),
  row('APT_2023_₩1,100,000_Main.mp4', { project: 'APT', buy_in: 1100000, currency: 'KRW' }),
  row('Triton_2024_$10M_GTD_Main_Event.mp4', { project: 'TRITON', buy_in: null, event_name: 'Main Event' }),
  row('EPT_2023_€10.350_Main_Event.mp4', { project: 'EPT', buy_in: 10350, currency: 'EUR' }),
  row('WSOP_2023_50000_PPC_Day1.mp4', { project: 'WSOP', buy_in: 50000, currency: null, event_name: 'Poker Players Championship' }), // prettier-ignore
  row('WSOP 2023 $50K PPC.mp4', { project: 'WSOP', buy_in: 50000, currency: 'USD' }),
  row('WSOP_2023_50,000_PPC.mp4', { project: 'WSOP', buy_in: 50000, currency: null }),
  row('EPT_Monte_Carlo_2023_€100K_Super_High_Roller.mp4', { project: 'EPT', buy_in: 100000, currency: 'EUR' }),
  row('APT_Incheon_2023_330만원_Main_Event.mp4', { project: 'APT', buy_in: 3300000, currency: 'KRW' }),
  row('WSOP_2023_Main_Event_4K.mp4', { project: 'WSOP', buy_in: null }),
  row('HCL-$25-$50-$100-Cash-Game.mp4', { project: 'HCL', buy_in: null, currency: null }),
  row('HCL_2023-$25-$50.mp4', { project: 'HCL', year: 2023, buy_in: null }),
  row('EPT_EUR_2023_Main_Event.mp4', { project: 'EPT', year: 2023, buy_in: null, currency: null }),
];

const DATES: Row[] = [
  row('HCL_2023-11-14.mp4', { project: 'HCL', date: '2023-11-14', year: 2023 }),
  row('HCL_20240229.mp4', { project: 'HCL', date: '2024-02-29', year: 2024 }),
  row('HCL_20230229.mp4', { project: 'HCL', date: null }),
  row('HCL 11.14.2023.mp4', { project: 'HCL', date: '2023-11-14' }),
  row('HCL 05-05-2023.mp4', { project: 'HCL', date: '2023-05-05' }),
  row('HCL_14th_November_2023.mp4', { project: 'HCL', date: '2023-11-14' }),
  row('HCL_March_3rd_2024_Part_2.mp4', { project: 'HCL', date: '2024-03-03', part: 2 }),
  row('HCL 2023_11_14 Part 1.mp4', { project: 'HCL', date: '2023-11-14', part: 1 }),
  row('Live at the Bike 2022-08-09.mp4', { project: null, date: '2022-08-09', year: 2022 }),
];

const JUNK: Row[] = [
  row('asdfghjkl.mp4', { project: null, year: null, extension: 'mp4' }, true),
  row('12345.mp4', { project: null, year: null, buy_in: null }, true),
  row('\u0000\u0001\u0002.mp4', { project: null, extension: 'mp4' }, true),
  row('🂡🂮 poker night 🂱.mp4', { project: null, final_table: false }, true),
  row('IMG_2023.MOV', { project: null, year: null, extension: 'mov' }, true),
  row('DSC00042.JPG', { project: null, extension: 'jpg' }, true),
  row('Untitled.mov', { project: null, extension: 'mov' }, true),
  row('Copy of Copy of final_v3 (1).mp4', { project: null, final_table: false, part: null }, true),
  row('_____.mp4', { project: null }, true),
  row('video (2).mkv', { project: null, extension: 'mkv' }, true),
  row('\uD800\uDC00\uDFFF.mp4', { project: null, extension: 'mp4' }, true),
  row(`${'a'.repeat(300)}.mp4`, { project: null, extension: 'mp4' }, true),
  row('C0012.MP4', { project: null, year: null }, true),
  row('GOPR0123.MP4', { project: null, year: null }, true),
  row('..', { project: null, extension: '' }, true),
  row('/', { project: null, extension: '' }, true),
  // A combining mark on a digit once turned a season into NaN.
  row('1111S1\u03011111,11.mp4', { project: null, season: null, extension: 'mp4' }, true),
  row('WSOP_2023\u0301_Day2.mp4', { project: 'WSOP', year: 2023, day: '2' }),
];

const ROWS: Row[] = [
  ...WSOP,
  ...WSOPE,
  ...WSOPP,
  ...WPT,
  ...EPT,
  ...APT,
  ...TRITON,
  ...HCL,
  ...HSP,
  ...PAD,
  ...SHRB,
  ...PGT,
  ...NAPT,
  ...GGM,
  ...FOLDERS,
  ...KOREAN,
  ...BUY_INS,
  ...DATES,
  ...JUNK,
];

describe('real-world style names', () => {
  it('covers at least 150 names', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(150);
  });

  it.each(ROWS.map((r) => [r.name, r] as const))('%j', (_name, r) => {
    const parsed = parseFilename(r.name);
    expect(ParsedMetadataSchema.safeParse(parsed).success).toBe(true);
    const actual = Object.fromEntries(Object.keys(r.expect).map((field) => [field, parsed[field as keyof ParsedMetadata]])); // prettier-ignore
    expect(actual).toEqual(r.expect);
    if (r.lowConfidence) expect(parsed.confidence).toBeLessThanOrEqual(0.3);
    if (r.expect.project) expect(parsed.confidence).toBeGreaterThanOrEqual(0.4);
  });
});
