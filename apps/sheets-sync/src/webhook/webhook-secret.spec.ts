import { secretMatches } from './webhook-secret';

describe('secretMatches', () => {
  const secret = 'correct-horse-battery-staple';
  it.each([
    [secret, true],
    [`${secret} `, false],
    ['correct-horse-battery-stapl', false],
    ['', false],
    [undefined, false],
    ['x'.repeat(10_000), false],
  ])('%j → %s', (given, ok) => expect(secretMatches(given, secret)).toBe(ok));
});
