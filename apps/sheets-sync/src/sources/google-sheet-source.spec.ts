import { a1Tab, firstRowOf } from './google-sheet-source';

describe('A1 helpers', () => {
  it.each([
    ['Day 1', "'Day 1'"],
    ["Kim's hands", "'Kim''s hands'"],
    ['핸드 로그', "'핸드 로그'"],
  ])('quotes tab %j as %s', (title, range) => expect(a1Tab(title)).toBe(range));

  it.each([
    ["'Day 1'!A1:Z1000", 1],
    ['Sheet1!B3:F10', 3],
    ["'x'!$A$7:$C$9", 7],
    ["'Empty'", 1],
    [undefined, 1],
  ])('range %j starts on row %i', (range, row) => expect(firstRowOf(range)).toBe(row));
});
