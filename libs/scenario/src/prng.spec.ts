import { Rng } from './prng';

describe('Rng', () => {
  const draw = (rng: Rng, n = 50) => Array.from({ length: n }, () => rng.next());

  it('gives the same sequence for the same seed, another for another seed', () => {
    expect(draw(new Rng(42))).toEqual(draw(new Rng(42)));
    expect(draw(new Rng(42))).not.toEqual(draw(new Rng(43)));
  });

  it('keeps ints within their bounds and reaches both ends', () => {
    const rng = new Rng(7);
    const seen = new Set(Array.from({ length: 2000 }, () => rng.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('shuffles into a permutation without touching the input', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const out = new Rng(1).shuffle(input);
    expect(out.sort()).toEqual(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('forks independent streams by label', () => {
    const rng = new Rng(9);
    expect(draw(rng.fork('nas'), 5)).toEqual(draw(new Rng(9).fork('nas'), 5));
    expect(draw(rng.fork('nas'), 5)).not.toEqual(draw(rng.fork('sheet'), 5));
  });

  it('refuses a seed that is not an integer and an empty range', () => {
    expect(() => new Rng(1.5)).toThrow(/integer/);
    expect(() => new Rng(1).int(5, 4)).toThrow(/range/);
    expect(() => new Rng(1).pick([])).toThrow(/empty/);
  });
});
