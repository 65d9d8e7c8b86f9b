import { describe, expect, it } from 'vitest';
import { Prng } from '../../../src/db/demo/prng.js';

const draw = (rng: Prng, n: number): number[] => Array.from({ length: n }, () => rng.nextU32());

describe('Prng', () => {
  it('is reproducible for a seed and stream, and streams and seeds are independent', () => {
    expect(draw(new Prng(42), 100)).toEqual(draw(new Prng(42), 100));
    expect(draw(new Prng(42, 1), 10)).not.toEqual(draw(new Prng(42, 2), 10));
    expect(draw(new Prng(1), 10)).not.toEqual(draw(new Prng(2), 10));
    // Seeds beyond 32 bits still matter.
    expect(draw(new Prng(2 ** 32 + 5), 10)).not.toEqual(draw(new Prng(5), 10));
  });

  it('pins the stream so any change to the algorithm is deliberate', () => {
    expect(draw(new Prng(2026), 4)).toMatchInlineSnapshot(`
      [
        295260161,
        3135864710,
        3304726336,
        3910807698,
      ]
    `);
  });

  it('draws uniformly within bounds', () => {
    const rng = new Prng(7);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i++) {
      const x = rng.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const r = rng.range(1, 6);
      counts[r - 1] = (counts[r - 1] ?? 0) + 1;
    }
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it('weighted picks follow the weights and never pick zero-weight entries', () => {
    const rng = new Prng(3);
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) {
      const k = rng.weighted([1, 0, 3, 0]);
      counts[k] = (counts[k] ?? 0) + 1;
    }
    expect(counts[1]).toBe(0);
    expect(counts[3]).toBe(0);
    expect((counts[2] ?? 0) / (counts[0] ?? 1)).toBeGreaterThan(2.7);
    expect((counts[2] ?? 0) / (counts[0] ?? 1)).toBeLessThan(3.3);
    expect(() => rng.weighted([0, 0])).toThrow(RangeError);
  });

  it('normal() has mean ~0 and sd ~1', () => {
    const rng = new Prng(11);
    const xs = Array.from({ length: 50_000 }, () => rng.normal());
    const m = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
    expect(Math.abs(m)).toBeLessThan(0.02);
    expect(Math.abs(sd - 1)).toBeLessThan(0.02);
  });

  it('shuffle is a permutation', () => {
    const rng = new Prng(5);
    const xs = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = rng.shuffle([...xs]);
    expect(shuffled).not.toEqual(xs);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(xs);
  });

  it('rejects non-finite seeds', () => {
    expect(() => new Prng(Number.NaN)).toThrow(RangeError);
  });
});
