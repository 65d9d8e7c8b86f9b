/**
 * Test instances for the assignment engine: a builder from readable edge lists, oracles, and what
 * pruning scorers hand over. The seeded PRNG and the random / "popular mentor" generator are the
 * benchmarks' own (bench/support/random.ts), so tests and benchmarks share one set of instances.
 * Nothing here imports the solver.
 */
import type { AssignmentProblem, CandidateGraph, EdgeOracle, Pair } from '../../../../src/matching/assignment/types.js';

export { randomProblem, seededRandom, type RandomProblemOptions } from '../../../../bench/support/random.js';

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

/**
 * An oracle over a full graph with every optional capability: pair look-ups and ordered ranges.
 * `scored` counts the pairs it was asked to score (ranges count every position visited).
 */
export function orderedOracleOf(graph: CandidateGraph): EdgeOracle & { scored: number } {
  const score = new Map<number, number>();
  for (let i = 0; i < graph.menteeCount; i++) {
    for (let e = graph.offsets[i]!; e < graph.offsets[i + 1]!; e++) score.set(i * graph.mentorCount + graph.mentor[e]!, graph.score[e]!);
  }
  const oracle = {
    scored: 0,
    forEachEdge(mentee: number, visit: (mentor: number, score: number) => void): void {
      oracle.scored += graph.mentorCount;
      for (let e = graph.offsets[mentee]!; e < graph.offsets[mentee + 1]!; e++) visit(graph.mentor[e]!, graph.score[e]!);
    },
    pairScore(mentee: number, mentor: number): number {
      oracle.scored++;
      return score.get(mentee * graph.mentorCount + mentor) ?? -1;
    },
    ordered(order: Int32Array) {
      const seen = new Set<number>();
      for (const j of order) {
        if (seen.has(j)) throw new Error(`mentor ${j} is twice in an order`);
        seen.add(j);
      }
      return {
        forEachEdgeInRange(mentee: number, from: number, to: number, visit: (mentor: number, score: number) => void): void {
          if (!(from >= 0 && from <= to && to <= order.length)) throw new Error(`range ${from}..${to} outside 0..${order.length}`);
          oracle.scored += to - from;
          for (let t = from; t < to; t++) {
            const s = score.get(mentee * graph.mentorCount + order[t]!);
            if (s !== undefined) visit(order[t]!, s);
          }
        },
      };
    },
  };
  return oracle;
}

/**
 * What the deep, offset-ranked scorer does (candidate-scan.ts), written independently: each mentee
 * keeps its `depth` best mentors by score − offset[j] (ties: lower mentor), each mentor its
 * k·capacity best mentees by score (ties: lower mentee); the cutoffs are the best rank / score
 * dropped (mentee side: −1 − max offset when nothing was; mentor side: −1). Also eligibleCount.
 */
export function offsetPrunedGraph(full: AssignmentProblem, k: number, depth: number, offset: Int32Array): CandidateGraph {
  const { graph, capacity } = full;
  const all = edgesOf(graph);
  const keep = new Set<EdgeSpec>();
  const maxOffset = Math.max(0, ...offset);
  const menteeCutoff = new Int32Array(graph.menteeCount).fill(-1 - maxOffset);
  const mentorCutoff = new Int32Array(graph.mentorCount).fill(-1);
  const eligibleCount = new Int32Array(graph.menteeCount);
  for (let i = 0; i < graph.menteeCount; i++) {
    const list = all.filter((e) => e.mentee === i).sort((a, b) => b.score - offset[b.mentor]! - (a.score - offset[a.mentor]!) || a.mentor - b.mentor);
    eligibleCount[i] = list.length;
    list.slice(0, depth).forEach((e) => keep.add(e));
    if (list.length > depth) menteeCutoff[i] = Math.max(...list.slice(depth).map((e) => e.score - offset[e.mentor]!));
  }
  for (let j = 0; j < graph.mentorCount; j++) {
    const list = all.filter((e) => e.mentor === j).sort((a, b) => b.score - a.score || a.mentee - b.mentee);
    const limit = k * capacity[j]!;
    list.slice(0, limit).forEach((e) => keep.add(e));
    if (list.length > limit) mentorCutoff[j] = list[limit]!.score;
  }
  const pruned = buildGraph(graph.menteeCount, graph.mentorCount, all.filter((e) => keep.has(e)));
  return { ...pruned, menteeCutoff, mentorCutoff, mentorOffset: Int32Array.from(offset), eligibleCount };
}
