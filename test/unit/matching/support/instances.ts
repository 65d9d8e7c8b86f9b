/**
 * Test instances for the assignment engine: a builder from readable edge lists, a seeded PRNG, and
 * random / "popular mentor" generators. Nothing here imports the solver.
 */
import type { AssignmentProblem, CandidateGraph, EdgeOracle, Pair } from '../../../../src/matching/assignment/types.js';

export interface EdgeSpec {
  readonly mentee: number;
  readonly mentor: number;
  readonly score: number;
}

export interface InstanceSpec {
  readonly mentees: number;
  readonly mentors: number;
  readonly edges: readonly EdgeSpec[];
  readonly capacity: readonly number[];
  readonly pins?: readonly Pair[];
  readonly bans?: readonly Pair[];
}

/** CSR graph from an edge list (edges of a mentee keep their listed order). */
export function buildGraph(mentees: number, mentors: number, edges: readonly EdgeSpec[]): CandidateGraph {
  const offsets = new Int32Array(mentees + 1);
  for (const e of edges) offsets[e.mentee + 1]!++;
  for (let i = 0; i < mentees; i++) offsets[i + 1]! += offsets[i]!;
  const fill = offsets.slice(0, mentees);
  const mentor = new Int32Array(edges.length);
  const score = new Int32Array(edges.length);
  for (const e of edges) {
    const p = fill[e.mentee]!++;
    mentor[p] = e.mentor;
    score[p] = e.score;
  }
  return { menteeCount: mentees, mentorCount: mentors, offsets, mentor, score };
}

export function buildProblem(spec: InstanceSpec): AssignmentProblem {
  return {
    graph: buildGraph(spec.mentees, spec.mentors, spec.edges),
    capacity: Int32Array.from(spec.capacity),
    ...(spec.pins ? { pins: spec.pins } : {}),
    ...(spec.bans ? { bans: spec.bans } : {}),
  };
}

/** The edges of a problem's graph, as a list. */
export function edgesOf(graph: CandidateGraph): EdgeSpec[] {
  const out: EdgeSpec[] = [];
  for (let i = 0; i < graph.menteeCount; i++) {
    for (let e = graph.offsets[i]!; e < graph.offsets[i + 1]!; e++) out.push({ mentee: i, mentor: graph.mentor[e]!, score: graph.score[e]! });
  }
  return out;
}

/** An oracle that enumerates a graph's edges (to test oracle mode against a pruned graph). */
export function oracleOf(graph: CandidateGraph): EdgeOracle {
  return {
    forEachEdge(mentee, visit) {
      for (let e = graph.offsets[mentee]!; e < graph.offsets[mentee + 1]!; e++) visit(graph.mentor[e]!, graph.score[e]!);
    },
  };
}

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

export interface RandomOptions {
  readonly mentees: number;
  readonly mentors: number;
  /** Probability that a pair is allowed. */
  readonly density: number;
  readonly minCapacity: number;
  readonly maxCapacity: number;
  /** Zipf-like popularity: a few mentors score highly with almost everyone. */
  readonly popular?: boolean;
  /** Round scores to this step to force ties (1 = no rounding). */
  readonly scoreStep?: number;
  /** Fraction of mentees pinned to one of their allowed mentors (where capacity allows). */
  readonly pinRate?: number;
  /** Fraction of allowed pairs banned. */
  readonly banRate?: number;
}

export function randomProblem(rand: () => number, o: RandomOptions): AssignmentProblem {
  const step = o.scoreStep ?? 1;
  const appeal = new Float64Array(o.mentors);
  if (o.popular) {
    // Shuffle ranks so popular mentors are not just the low indices.
    const rank = Array.from({ length: o.mentors }, (_, j) => j);
    for (let j = rank.length - 1; j > 0; j--) {
      const r = Math.floor(rand() * (j + 1));
      [rank[j], rank[r]] = [rank[r]!, rank[j]!];
    }
    for (let j = 0; j < o.mentors; j++) appeal[j] = 1 / (1 + rank[j]!) ** 1.1;
  }
  const edges: EdgeSpec[] = [];
  for (let i = 0; i < o.mentees; i++) {
    for (let j = 0; j < o.mentors; j++) {
      if (rand() >= o.density) continue;
      const raw = o.popular ? 0.55 * appeal[j]! + 0.45 * rand() ** 2 : rand();
      const score = Math.min(10_000, Math.round((raw * 10_000) / step) * step);
      edges.push({ mentee: i, mentor: j, score });
    }
  }
  const capacity = Array.from({ length: o.mentors }, () => o.minCapacity + Math.floor(rand() * (o.maxCapacity - o.minCapacity + 1)));
  const pins: Pair[] = [];
  const bans: Pair[] = [];
  const room = capacity.slice();
  if ((o.pinRate ?? 0) > 0 || (o.banRate ?? 0) > 0) {
    const byMentee = new Map<number, EdgeSpec[]>();
    for (const e of edges) byMentee.set(e.mentee, [...(byMentee.get(e.mentee) ?? []), e]);
    for (const [mentee, list] of byMentee) {
      if (rand() < (o.pinRate ?? 0)) {
        const pick = list[Math.floor(rand() * list.length)]!;
        if (room[pick.mentor]! > 0) {
          room[pick.mentor]!--;
          pins.push({ mentee, mentor: pick.mentor });
          continue;
        }
      }
      for (const e of list) if (rand() < (o.banRate ?? 0)) bans.push({ mentee, mentor: e.mentor });
    }
  }
  return buildProblem({ mentees: o.mentees, mentors: o.mentors, edges, capacity, pins, bans });
}

/**
 * What a scorer that prunes does: keep each mentee's top-k and each mentor's top-(k·capacity)
 * pairs, and report cutoffs bounding every pair it left out (−1: that side dropped nothing).
 */
export function scorerPrunedGraph(full: AssignmentProblem, k: number): CandidateGraph {
  const { graph, capacity } = full;
  const all = edgesOf(graph);
  const keep = new Set<EdgeSpec>();
  const menteeCutoff = new Int32Array(graph.menteeCount).fill(-1);
  const mentorCutoff = new Int32Array(graph.mentorCount).fill(-1);
  const bySide = (key: 'mentee' | 'mentor', count: number, limit: (x: number) => number, cutoff: Int32Array): void => {
    for (let x = 0; x < count; x++) {
      const list = all.filter((e) => e[key] === x).sort((a, b) => b.score - a.score);
      const kept = list.slice(0, limit(x));
      kept.forEach((e) => keep.add(e));
      if (list.length > kept.length) cutoff[x] = kept.length > 0 ? kept[kept.length - 1]!.score : 10_000;
    }
  };
  bySide('mentee', graph.menteeCount, () => k, menteeCutoff);
  bySide('mentor', graph.mentorCount, (j) => k * capacity[j]!, mentorCutoff);
  const pruned = buildGraph(graph.menteeCount, graph.mentorCount, all.filter((e) => keep.has(e)));
  return { ...pruned, menteeCutoff, mentorCutoff };
}
