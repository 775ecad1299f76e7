import { joinSql, param, renderSql, sql } from './sql-fragment';

describe('sql fragments', () => {
  it('binds every interpolated value as a parameter, numbered in order of use', () => {
    const name = "o'brien; DROP TABLE x";
    expect(renderSql(sql`SELECT * FROM t WHERE a = ${1} AND b = ${name}`)).toEqual({
      text: 'SELECT * FROM t WHERE a = $1 AND b = $2',
      params: [1, name],
    });
  });

  it('inlines nested fragments and numbers their values where they land', () => {
    const where = joinSql([sql`a = ${'x'}`, sql`b = ${'y'}`, sql`c IS NULL`], ' AND ');
    expect(renderSql(sql`SELECT ${2} WHERE ${where} LIMIT ${10}`)).toEqual({
      text: 'SELECT $1 WHERE a = $2 AND b = $3 AND c IS NULL LIMIT $4',
      params: [2, 'x', 'y', 10],
    });
  });

  it('gives one shared param one placeholder however often it is used', () => {
    const text = param('wsop');
    expect(renderSql(sql`similarity(s, ${text}) > ${0.4} ORDER BY s <-> ${text}`)).toEqual({
      text: 'similarity(s, $1) > $2 ORDER BY s <-> $1',
      params: ['wsop', 0.4],
    });
  });

  it('binds nothing for a fragment that is built but left out of the statement', () => {
    const text = param('unused text');
    const unused = sql`e.year = ${2023}`;
    void unused;
    void text;
    expect(renderSql(sql`SELECT 1 WHERE x = ${'kept'}`)).toEqual({ text: 'SELECT 1 WHERE x = $1', params: ['kept'] });
  });

  it('binds null and arrays as values, and an empty join is empty text', () => {
    expect(renderSql(sql`a = ${null} AND b = ANY(${['x']})${joinSql([], ' AND ')}`)).toEqual({
      text: 'a = $1 AND b = ANY($2)',
      params: [null, ['x']],
    });
  });
});
