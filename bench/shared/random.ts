/**
 * Deterministic pseudo-random numbers for generated data: the same seed,
 * the same trees, names and rows on every run and machine. Two generators,
 * because reference numbers were measured on the data each one makes:
 * xorshift32 (catalog names, the API's read model) and mulberry32 (the NAS
 * trees). Small, fast, good enough for picking names and bytes; not for
 * anything secret.
 */
export class Random {
  private constructor(readonly next: () => number) {}

  /** xorshift32 from the 32 bits of `seed` (0 becomes 1). */
  static xorshift32(seed: number): Random {
    let state = seed >>> 0 || 1;
    return new Random(() => {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 0x100000000;
    });
  }

  /** mulberry32 from the 32 bits of `seed`. */
  static mulberry32(seed: number): Random {
    let a = seed >>> 0;
    return new Random(() => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    });
  }

  /** An integer from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** An integer from 0 to `n` − 1. */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(list: readonly T[]): T {
    return list[this.below(list.length)]!;
  }
}
