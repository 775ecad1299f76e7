/** Words and phrases with a fixed meaning. Spellings are matched without regard to case, spaces or camel case. */

/** Event names as `event_name` says them, then their spellings. */
export const EVENT_NAMES: readonly (readonly string[])[] = [
  ['Main Event', 'me'],
  ['Super Main Event'],
  ['Mini Main Event'],
  ['Mega Main Event'],
  ['Poker Players Championship', 'ppc'],
  ['High Roller'],
  ['Super High Roller', 'shr'],
  ['Ultra High Roller'],
  ['Super Super High Roller'],
  ['Millionaire Maker'],
  ['Monster Stack'],
  ['Colossus'],
  ['Crazy Eights', 'crazy 8s', 'crazy 8'],
  ['Big One for One Drop'],
  ['Little One for One Drop'],
  ['One Drop'],
  ['Tag Team'],
  ['Tournament of Champions'],
  ['Mystery Millions'],
  ['Mystery Bounty'],
  ['Grand Final'],
  ['Ladies Championship', 'ladies event'],
  ['Seniors Championship', 'senior championship', 'seniors event'],
  ['Heads Up Championship'],
  ['World Championship'],
  ['National Championship'],
  ['Deepstack', 'deep stack'],
];

/** Games as `game` says them (upper case), then their spellings. Only named games count. */
export const GAMES: readonly (readonly string[])[] = [
  ['NLH', 'nlh', 'nlhe', 'nl holdem', 'no limit holdem', 'nolimit holdem'],
  ['PLO', 'plo', 'pot limit omaha'],
  ['PLO5', 'plo5', 'plo 5', '5 card plo', 'five card plo', '5 card omaha', '5 card pot limit omaha'],
  ['PLO8', 'plo8', 'plo 8', 'plo hi lo', 'omaha hi lo', 'omaha 8', 'o8', 'pot limit omaha hi lo'],
  ['PLH', 'plh', 'pot limit holdem'],
  ['LHE', 'lhe', 'limit holdem', 'fixed limit holdem'],
  ['MIXED', 'mixed', 'mixed games', 'mixed game', 'horse', '8 game', 'eight game', 'dealers choice'],
  ['SHORT DECK', 'short deck', 'short deck holdem', 'six plus holdem'],
  ['STUD', 'stud', 'seven card stud', '7 card stud'],
  ['RAZZ', 'razz'],
];

export const FINAL_TABLE = ['ft', 'final table', 'final tables'];

/** Phrases that are understood but say nothing the contract records. */
export const NOISE_PHRASES = [
  // "Final Day" is the last day, not the final table, and names no day number.
  'final day',
  'live stream',
  'cash game',
  'pokerstars',
  'pokergo',
  'ggpoker',
  '480p', '576p', '720p', '1080p', '1080i', '1440p', '2160p', '4320p', '4k', '8k', 'uhd', 'fhd', 'hd', 'hdr',
  'web dl', 'webrip',
]; // prettier-ignore

/** Single words understood as carrying no field. */
export const FILLER_WORDS = new Set([
  'live', 'stream', 'livestream', 'streaming', 'cash', 'game', 'games', 'highlights', 'highlight', 'recap', 'replay',
  'full', 'raw', 'edit', 'edited', 'final', 'copy', 'clean', 'draft', 'new', 'poker', 'tournament', 'tourney',
  'tour', 'series', 'festival', 'broadcast', 'tv', 'show', 'episode', 'season', 'event', 'day', 'part', 'table',
  'session', 'feed', 'cam', 'official', 'complete', 'uncut', 'eng', 'english', 'kor', 'korean', 'sub', 'subs',
  'subtitle', 'subtitles', 'dub', 'audio', 'video', 'clip', 'teaser', 'trailer', 'intro', 'outro', 'promo', 'vs',
  'and', 'the', 'of', 'at', 'in', 'on', 'no', 'number', 'num', 'version', 'ver', 'hevc', 'avc', 'aac', 'prores',
  'proxy', 'holdem', 'omaha', 'casino', 'championship', 'open', 'classic', 'stakes', 'flight', 'mix', 'master',
]); // prettier-ignore

/**
 * Words that end a tournament's own name: the unknown words just before one
 * are that name (`Lucky Hearts Poker Open`, `US Poker Open`).
 */
export const HEAD_NOUNS = new Set([
  'championship',
  'championships',
  'open',
  'classic',
  'showdown',
  'cup',
  'invitational',
  'challenge',
  'masters',
  'trophy',
  'finale',
]);

/** Words that never belong to a tournament's name, though they may stand before its head noun. */
export const NOT_NAME_WORDS = new Set([
  'live', 'stream', 'livestream', 'highlights', 'highlight', 'recap', 'replay', 'full', 'raw', 'edit', 'edited',
  'final', 'copy', 'clean', 'draft', 'new', 'eng', 'kor', 'sub', 'subs', 'proxy', 'clip', 'vs', 'episode', 'season',
  'day', 'part', 'event', 'table', 'version', 'ver',
]); // prettier-ignore

/** Camera and recorder file prefixes: the number after them is a clip counter, not a year or amount. */
export const CAMERA_PREFIXES = new Set([
  'mvi',
  'img',
  'dsc',
  'dscf',
  'dscn',
  'gopr',
  'gp',
  'gh',
  'gx',
  'vid',
  'mov',
  'pxl',
  'dji',
]);

export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['one', 1],
  ['two', 2],
  ['three', 3],
  ['four', 4],
  ['five', 5],
  ['six', 6],
  ['seven', 7],
  ['eight', 8],
  ['nine', 9],
  ['ten', 10],
]);
