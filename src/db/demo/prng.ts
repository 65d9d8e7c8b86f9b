/**
 * Small seeded PRNG for the demo generator: xoshiro128** seeded through splitmix32.
 *
 * Only integer and IEEE-exact arithmetic (+ - * / sqrt-free) is used, so the same seed yields
 * the same stream on every platform and Node version — no Math.log/Math.cos, whose last bits
 * are implementation-defined.
 */

function splitmix32(state: number): { state: number; value: number } {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return { state: next, value: z >>> 0 };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Irwin–Hall(4) rescaled to unit variance: a bounded (±3.46) stand-in for a normal draw. */
const IRWIN_HALL_4_SCALE = 1.7320508075688772;

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /**
   * @param seed any finite number; the integer part's low 32 bits and high bits are both mixed in.
   * @param stream independent sub-stream id, so phases of a generator don't perturb each other.
   */
  constructor(seed: number, stream = 0) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    const whole = Math.trunc(seed);
    const low = whole >>> 0;
    const high = Math.floor(whole / 4294967296) >>> 0;
    let state = (low ^ Math.imul(high, 0x27d4eb2f) ^ Math.imul(stream + 1, 0x165667b1)) | 0;
    const out: number[] = [];
    for (let i = 0; i < 4; i++) {
      const r = splitmix32(state);
      state = r.state;
      out.push(r.value);
    }
    this.a = out[0] ?? 1;
    this.b = out[1] ?? 2;
    this.c = out[2] ?? 3;
    this.d = out[3] ?? 4;
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 0x9e3779b9;
  }

  /** Uniform 32-bit unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextU32() / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform integer in [lo, hi] (inclusive). */
  range(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** Uniform real in [lo, hi). */
  real(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Approximately standard-normal (mean 0, sd 1), bounded to ±3.46. */
  normal(): number {
    return (this.next() + this.next() + this.next() + this.next() - 2) * IRWIN_HALL_4_SCALE;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty array');
    return items[this.int(items.length)] as T;
  }

  /** Index drawn with probability proportional to `weights[i]` (non-negative, not all zero). */
  weighted(weights: readonly number[], total?: number): number {
    let sum = total ?? 0;
    if (total === undefined) for (const w of weights) sum += w;
    if (!(sum > 0)) throw new RangeError('weighted pick needs a positive total weight');
    let r = this.next() * sum;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i] ?? 0;
      if (r < 0) return i;
    }
    // Rounding can leave r at ~0: return the last index with positive weight.
    for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] ?? 0) > 0) return i;
    return weights.length - 1;
  }

  /** Fisher–Yates, in place; returns the same array. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}
