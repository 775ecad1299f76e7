import { BadRequestException } from '@nestjs/common';
import { RejectNulPipe, findNul } from './reject-nul.pipe';

describe('findNul', () => {
  it.each([
    ['a clean string', 'WSOP 2024 Main Event', null],
    ['a string with NUL', 'a\u0000b', ''],
    ['a nested value', { tags: ['ok', 'ba\u0000d'] }, 'tags.1'],
    ['a key', { ['ke\u0000y']: 'v' }, '"ke\\u0000y"'],
    ['numbers, booleans and null', { a: 1, b: true, c: null }, null],
  ])('%s → %j', (_what, value, where) => {
    expect(findNul(value)).toBe(where);
  });

  it('walks a nesting far deeper than the call stack allows', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findNul(deep)).toMatch(/^0(\.0)*$/);
  });

  it('leaves buffers and class instances alone', () => {
    expect(findNul(Buffer.from('a\u0000b'))).toBeNull();
    expect(findNul(new Date())).toBeNull();
  });
});

describe('RejectNulPipe', () => {
  const pipe = new RejectNulPipe();

  it('passes clean values through unchanged', () => {
    const body = { title: '포커 2024' };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
  });

  it('refuses a value with NUL, naming where it is', () => {
    expect(() => pipe.transform('\u0000\uFFFD', { type: 'query', data: 'title' })).toThrow(
      new BadRequestException('query.title: NUL characters are not allowed'),
    );
    expect(() => pipe.transform({ tags: ['\u0000'] }, { type: 'body' })).toThrow(
      'body.tags.0: NUL characters are not allowed',
    );
  });

  it('does not look into custom parameters', () => {
    const request = { url: '/\u0000' };
    expect(pipe.transform(request, { type: 'custom' })).toBe(request);
  });
});
