import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { tabFromCsv } from './csv-tab';

describe('tabFromCsv', () => {
  it('types cells as Sheets stores them: round-tripping numbers as numbers, the rest as text, empty as empty', () => {
    const tab = tabFromCsv(
      'Hand log',
      '\uFEFF파일명,IN,핸드 번호,팟\r\na.mp4,00:00:01,12,"184,000"\r\nb.mp4,3.5,007,\r\n',
    );
    expect(tab).toEqual({
      name: 'Hand log',
      rows: [
        ['파일명', 'IN', '핸드 번호', '팟'],
        ['a.mp4', '00:00:01', 12, '184,000'],
        ['b.mp4', 3.5, '007', null],
      ],
    });
  });

  it('keeps multi-line cells and ragged rows', () => {
    expect(tabFromCsv('t', 'a,"x\ny"\nb\n').rows).toEqual([['a', 'x\ny'], ['b']]);
  });

  it('reads the sample hand log: title on row 1, header on row 3', () => {
    const tab = tabFromCsv('핸드 로그', readFileSync(path.join(__dirname, '../../../samples/hand-log/hand-log.csv')));
    expect(tab.rows[0][0]).toBe('2024 하반기 핸드 로그 (편집팀)');
    expect(tab.rows[1].every((c) => c === null)).toBe(true);
    expect(tab.rows[2]).toEqual([
      '파일명',
      '폴더 링크',
      'IN',
      'OUT',
      '태그',
      '핸드 번호',
      '플레이어',
      '설명',
      '승자',
      '팟',
      '비고',
      '편집자',
    ]);
    expect(tab.rows.length).toBeGreaterThanOrEqual(3 + 25);
  });
});
