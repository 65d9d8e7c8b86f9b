/**
 * Seeded randomness and random assignment problems, shared by the benchmarks (bench/*.bench.ts)
 * and the engine's unit tests (test/unit/matching), so that both speak of the same instances.
 * Nothing here imports the solver: the generator builds the plain `AssignmentProblem` directly.
 */
import type { AssignmentProblem, Pair } from '../../src/matching/assignment/types.js';

/** mulberry32: small, fast, seeded. Returns floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomProblemOptions {
  readonly mentees: number;
  readonly mentors: number;
  /** Probability that a pair passes the hard rules (1: every pair is allowed). */
  readonly density: number;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** Zipf-like mentor appeal: a few mentors score highly with almost everyone. */
  readonly popular?: boolean;
  /** Round scores to this step to force ties (1 = no rounding). */
  readonly scoreStep?: number;
  /** Fraction of mentees pinned to one of their allowed mentors (where capacity allows). */
  readonly pinRate?: number;
  /** Fraction of allowed pairs banned. */
  readonly banRate?: number;
}

/**
 * A random programme as the scorer hands it over: CSR rows with mentors ascending, scores in
 * 0..10000, capacities in [minCapacity, maxCapacity], optional pins and bans. Built straight into
 * typed arrays, so a 1000 × 1000 dense instance costs milliseconds.
 */
export function randomProblem(rand: () => number, o: RandomProblemOptions): AssignmentProblem {
  const step = o.scoreStep ?? 1;
  const appeal = new Float64Array(o.mentors);
  if (o.popular === true) {
    // Shuffle ranks so popular mentors are not just the low indices.
    const rank = Int32Array.from({ length: o.mentors }, (_, j) => j);
    for (let j = o.mentors - 1; j > 0; j--) {
      const r = Math.floor(rand() * (j + 1));
      const t = rank[j]!;
      rank[j] = rank[r]!;
      rank[r] = t;
    }
    for (let j = 0; j < o.mentors; j++) appeal[j] = 1 / (1 + rank[j]!) ** 1.1;
  }
  const offsets = new Int32Array(o.mentees + 1);
  let mentor: Int32Array = new Int32Array(Math.ceil(o.mentees * o.mentors * Math.min(1, o.density * 1.05 + 0.01)) + 16);
  let score: Int32Array = new Int32Array(mentor.length);
  let e = 0;
  for (let i = 0; i < o.mentees; i++) {
    for (let j = 0; j < o.mentors; j++) {
      if (o.density < 1 && rand() >= o.density) continue;
      if (e === mentor.length) {
        mentor = grow(mentor);
        score = grow(score);
      }
      const fit = rand();
      const raw = o.popular === true ? 0.55 * appeal[j]! + 0.45 * fit * fit : fit;
      mentor[e] = j;
      score[e] = Math.min(10_000, Math.round((raw * 10_000) / step) * step);
      e++;
    }
    offsets[i + 1] = e;
  }
  const capacity = new Int32Array(o.mentors);
  for (let j = 0; j < o.mentors; j++) capacity[j] = o.minCapacity + Math.floor(rand() * (o.maxCapacity - o.minCapacity + 1));
  const pins: Pair[] = [];
  const bans: Pair[] = [];
  const pinRate = o.pinRate ?? 0;
  const banRate = o.banRate ?? 0;
  if (pinRate > 0 || banRate > 0) {
    const room = Int32Array.from(capacity);
    for (let i = 0; i < o.mentees; i++) {
      const start = offsets[i]!;
      const degree = offsets[i + 1]! - start;
      if (degree === 0) continue;
      if (rand() < pinRate) {
        const pick = mentor[start + Math.floor(rand() * degree)]!;
        if (room[pick]! > 0) {
          room[pick]!--;
          pins.push({ mentee: i, mentor: pick });
          continue;
        }
      }
      for (let t = start; t < start + degree; t++) if (rand() < banRate) bans.push({ mentee: i, mentor: mentor[t]! });
    }
  }
  return {
    graph: { menteeCount: o.mentees, mentorCount: o.mentors, offsets, mentor: mentor.slice(0, e), score: score.slice(0, e) },
    capacity,
    ...(pins.length > 0 ? { pins } : {}),
    ...(bans.length > 0 ? { bans } : {}),
  };
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}
