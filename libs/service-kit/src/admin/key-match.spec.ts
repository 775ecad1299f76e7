import { randomBytes } from 'node:crypto';
import { secretMatches } from './key-match';

describe('secretMatches', () => {
  const expected = 'operator-key-0123456789abcdef';

  it('accepts exactly the configured secret', () => {
    expect(secretMatches(expected, expected)).toBe(true);
  });

  it.each([
    ['a wrong secret of the same length', 'operator-key-0123456789abcdeX'],
    ['a prefix', 'operator-key'],
    ['a longer secret', `${expected}0`],
    ['an empty secret', ''],
    ['no secret', undefined],
    ['a secret differing only in case', expected.toUpperCase()],
  ])('refuses %s', (_what, given) => {
    expect(secretMatches(given, expected)).toBe(false);
  });

  it('gives the same answers whatever the per-process key', () => {
    const key = randomBytes(32);
    expect(secretMatches(expected, expected, key)).toBe(true);
    expect(secretMatches('nope', expected, key)).toBe(false);
  });

  it('compares non-ASCII secrets by their UTF-8 bytes', () => {
    expect(secretMatches('열쇠-0123456789abcdef', '열쇠-0123456789abcdef')).toBe(true);
    expect(secretMatches('열쇠-0123456789abcdeg', '열쇠-0123456789abcdef')).toBe(false);
  });
});
