import { z } from 'zod';

/** The hand log's columns (issue #6); the first five are the ones a row's sync reads. */
export const SHEET_COLUMNS = [
  'file_name',
  'nas_folder_link',
  'in',
  'out',
  'tags',
  'hand_no',
  'players',
  'description',
  'winner',
  'pot',
  'notes',
  'id',
] as const;
export type SheetColumn = (typeof SHEET_COLUMNS)[number];

/** A header row must name these three; the rest may be missing. */
export const REQUIRED_HEADER_COLUMNS: readonly SheetColumn[] = ['file_name', 'in', 'out'];

/**
 * Header spellings editors use, in English and Korean. Matching ignores case,
 * width (NFKC), spaces and punctuation, so `File Name`, `file_name` and
 * `FILENAME` are one alias.
 */
export const DEFAULT_HEADER_ALIASES: Readonly<Record<SheetColumn, readonly string[]>> = {
  file_name: [
    'file_name',
    'file name',
    'file',
    'video',
    'video file',
    'video name',
    '파일명',
    '파일 이름',
    '파일',
    '영상',
    '영상 파일',
    '영상명',
    '영상 이름',
  ],
  nas_folder_link: [
    'nas_folder_link',
    'nas folder link',
    'nas folder',
    'nas link',
    'nas path',
    'folder link',
    'folder',
    'path',
    'link',
    '폴더 링크',
    '폴더',
    '경로',
    'nas 경로',
    'nas 폴더',
    'nas 링크',
    '링크',
  ],
  in: [
    'in',
    'in point',
    'in time',
    'start',
    'start time',
    'tc in',
    'timecode in',
    '인',
    '인 포인트',
    '시작',
    '시작 시간',
    '시작 타임코드',
  ],
  out: [
    'out',
    'out point',
    'out time',
    'end',
    'end time',
    'tc out',
    'timecode out',
    '아웃',
    '아웃 포인트',
    '끝',
    '종료',
    '종료 시간',
    '종료 타임코드',
  ],
  tags: ['tags', 'tag', 'labels', '태그', '키워드'],
  hand_no: ['hand_no', 'hand no', 'hand number', 'hand #', 'hand', '#', 'no', '핸드 번호', '핸드', '번호'],
  players: ['players', 'player', '플레이어', '선수'],
  description: ['description', 'desc', 'summary', '설명', '내용', '요약'],
  winner: ['winner', '승자', '위너'],
  pot: ['pot', 'pot size', '팟', '팟 사이즈'],
  notes: ['notes', 'note', 'memo', 'comment', 'comments', '메모', '비고', '노트', '코멘트'],
  id: ['id', 'row id', 'hand id', 'uid', '아이디'],
};

/** `SHEETS_HEADER_ALIASES`: `{"file_name": ["영상 제목"], "in": ["IN TC"]}` adds spellings to the defaults. */
export const HeaderAliasesSchema = z.partialRecord(z.enum(SHEET_COLUMNS), z.array(z.string().min(1)));
export type HeaderAliases = z.infer<typeof HeaderAliasesSchema>;

/**
 * One header cell as it is compared: NFKC, lower case, letters and digits
 * only. A cell of symbols alone (`#`) is kept as typed.
 */
export function headerKey(text: string): string {
  const normalized = text.normalize('NFKC').trim().toLowerCase();
  const letters = normalized.replace(/[^\p{L}\p{N}]+/gu, '');
  return letters || normalized.replace(/\s+/g, '');
}

/** Alias lookup table: normalized spelling → column. Extra aliases win over default ones. */
export function aliasTable(extra: HeaderAliases = {}): ReadonlyMap<string, SheetColumn> {
  const table = new Map<string, SheetColumn>();
  for (const column of SHEET_COLUMNS) {
    for (const alias of DEFAULT_HEADER_ALIASES[column]) table.set(headerKey(alias), column);
  }
  for (const column of SHEET_COLUMNS) {
    for (const alias of extra[column] ?? []) table.set(headerKey(alias), column);
  }
  table.delete('');
  return table;
}
