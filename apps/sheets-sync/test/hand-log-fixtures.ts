import type { Grid } from './sheets-harness';

export const NAS = '\\\\nas\\poker\\WSOP\\2024';
export const DAY1A = 'WSOP_2024_Main_Event_Day1A.mp4';
export const DAY2 = 'WSOP_2024_Main_Event_Day2.mp4';

/** Header on row 3 in Korean, a title above it, tags in every separator style, three bad rows, a row pasted twice. */
export function day1(): Grid {
  return [
    ['WSOP 2024 메인 이벤트 핸드 로그'],
    [],
    ['파일명', '폴더 링크', '인', '아웃', '태그', '플레이어', '설명', '카메라'],
    [DAY1A, NAS, '00:01:10', '00:02:05', 'bluff, hero call', 'Kim vs Lee', '첫 핸드', 'cam A'],
    [DAY1A, NAS, '00:05:00', '00:06:30', 'cooler/all-in', 'Park vs Choi', '', ''],
    [DAY1A, NAS, '00:10:00', '00:11:00', '#bluff #river', '', '', ''],
    [DAY1A, NAS, '00:12:00', '00:13:00', 'bad beat\nall-in', '', '', ''],
    ['', NAS, '00:20:00', '00:21:00', 'bluff', '', '', ''],
    [DAY1A, NAS, '1분 10초', '00:22:00', '', '', '', ''],
    [DAY1A, NAS, '00:30:00', '00:29:00', '', '', '', ''],
    [DAY1A, NAS, '00:12:00', '00:13:00', 'bad beat\nall-in', '', '', ''], // row 11: an exact copy of row 7
  ];
}

/**
 * Header on row 1 in English, SMPTE timecodes, an id column, a second hand at
 * the same file and in-point (its own `#2` key), an exact copy of an ID row
 * and that ID on another hand.
 */
export function day2(): Grid {
  return [
    ['file_name', 'nas_folder_link', 'in', 'out', 'tags', 'hand_no', 'id'],
    [DAY2, '/poker/WSOP/2024', '01:00:00:00', '01:01:30:15', 'hero fold', '101', ''],
    [DAY2, '/poker/WSOP/2024', '01:10:00', '01:12:00', 'bluff', '102', 'H-102'],
    [DAY2, '/poker/WSOP/2024', '01:00:00:00', '01:00:45:00', 'snap call', '103', ''],
    [DAY2, '/poker/WSOP/2024', '01:10:00', '01:12:00', 'bluff', '102', 'H-102'], // row 5: exact copy of row 3
    [DAY2, '/poker/WSOP/2024', '01:20:00', '01:21:00', 'cooler', '104', 'H-102'], // row 6: H-102 again, another hand
  ];
}

export function notes(): Grid {
  return [['Just notes'], ['no header here']];
}

export const GOOD_ROWS = 7;
export const BAD_ROWS = 3;
/** Valid rows left out as duplicates: Day 1 row 11, Day 2 rows 5 and 6. */
export const DUPLICATE_ROWS = 3;
