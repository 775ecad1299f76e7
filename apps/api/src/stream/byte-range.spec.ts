import { parseRange } from './byte-range';

describe('parseRange', () => {
  const size = 1000;
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=500-', { start: 500, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=990-2000', { start: 990, end: 999 }],
    ['Bytes=10-19', { start: 10, end: 19 }],
    ['bytes=999-999', { start: 999, end: 999 }],
  ])('%s → %j', (header, range) => {
    expect(parseRange(header, size)).toEqual({ kind: 'range', range });
  });

  it.each(['bytes=1000-', 'bytes=5000-6000', 'bytes=-0'])('%s is unsatisfiable', (header) => {
    expect(parseRange(header, size)).toEqual({ kind: 'unsatisfiable' });
  });

  it.each([
    undefined,
    'items=0-1',
    'bytes=5-1',
    'bytes=0-1,5-6',
    'bytes=abc',
    'bytes=-',
    'bytes=99999999999999999999-',
  ])('%s is served whole', (header) => {
    expect(parseRange(header, size)).toEqual({ kind: 'full' });
  });

  it('has nothing to serve of an empty file', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-1', 0)).toEqual({ kind: 'unsatisfiable' });
  });
});
