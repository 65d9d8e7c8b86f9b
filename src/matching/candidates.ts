/**
 * The candidate graph handed to the assignment solver: every allowed mentee–mentor edge in
 * compressed sparse rows, built by sweeping every mentee across every mentor (no allocation per pair;
 * only the edge arrays grow).
 *
 * Scores are integers in hundredths of a point (0..10,000 = round(score × 100)): exact arithmetic
 * lets the solver's optimality certificate be checked with equality, not tolerances.
 *
 * Mentees and mentors are renumbered locally (0..menteeCount-1, 0..mentorCount-1) in the order the
 * caller passed them, so the solver works on dense indices; `mentees`/`mentors` map back to people.
 * To use several cores, split the mentee list across workers and concatenate the rows.
 */
import { SCORE_SCALE, assembleCandidateGraph, offsetsFromPilot, pilotDepths, scanCandidates, type CandidateScan, type ScanOptions } from './candidate-scan.js';
import { type ScoringContext } from './context.js';
import { mentorView } from './mentor-view.js';
import { checkPerson, scoreMentorRangeInto, scoreMentorsInto, scorePair } from './scoring.js';

export { SCORE_SCALE };

export interface CandidateGraph {
  menteeCount: number;
  mentorCount: number;
  /** Person index of each local mentee / mentor. */
  mentees: Int32Array;
  mentors: Int32Array;
  /** Capacity left of each local mentor. */
  capacity: Int32Array;
  /** Edges of local mentee i are offsets[i]..offsets[i+1]-1, mentors ascending. */
  offsets: Int32Array;
  /** Local mentor index of each edge. */
  mentor: Int32Array;
  /** Score of each edge in hundredths of a point (round(score × SCORE_SCALE)). */
  score: Int32Array;
  /** Mentors per mentee that pass the hard rules and the minimum score, before any pruning. */
  eligibleCount: Int32Array;
  /** The K of a pruned graph, null for the complete one. */
  topK: number | null;
  /**
   * Pruned graphs only: a bound on every eligible edge that was dropped. An edge (i, j) missing from
   * the graph but eligible scores at most min(menteeCutoff[i] + mentorOffset[j], mentorCutoff[j])
   * (no offsets: min(menteeCutoff[i], mentorCutoff[j])); a bound below 0 means nothing was dropped
   * there (-1 on the mentor side, and on the mentee side without offsets). A solver proves its
   * pruned optimum exact by checking its dual prices cover these bounds — without scoring the
   * dropped pairs again.
   */
  menteeCutoff: Int32Array | null;
  mentorCutoff: Int32Array | null;
  /** Pruned graphs ranked with offsets only (see `CandidateGraphOptions.mentorOffset`), else null. */
  mentorOffset: Int32Array | null;
  stats: { pairs: number; blocked: number; belowMinScore: number; edges: number };
}

export interface CandidateGraphOptions {
  /** Minimum total 0–100 for an edge (default: the policy's minScore). */
  minScore?: number;
  /**
   * Keep only, per mentee, its K best mentors and, per mentor, its K × capacity best mentees (the
   * union of both). Two-sided on purpose: mentee-side top-K alone starves everyone but the fans of
   * a few popular mentors. A pruning for the solver, which must verify exactness (see cutoffs).
   */
  topK?: number;
  /**
   * With `topK`: how many best mentors each mentee keeps (default `topK`; at least `topK`). A
   * deeper mentee side costs memory (menteeCount × depth edges) and lets the solver certify its
   * optimum while scoring far fewer pairs again — the pairs its prices cannot clear by the bounds.
   */
  menteeDepth?: number;
  /**
   * With `topK`: rank each mentee's mentors by score − offset[j] (local mentor index, integer
   * hundredths) instead of by score. `'pilot'`: offsets estimated from every 16th mentee, the
   * score of each mentor's (topK × capacity)-th best mentee — roughly how dear a mentor will be,
   * so the mentee-side bound follows the solver's prices. Any offsets keep the bounds sound.
   */
  mentorOffset?: Int32Array | 'pilot';
  /**
   * With `topK`: scan the mentees in this many consecutive slices (default 1). The graph is the
   * same whatever the split — this is how a driver gives each slice to a thread — so tests hold the
   * split build to the whole one.
   */
  slices?: number;
}

/** Mentees between two pilot mentees (`mentorOffset: 'pilot'`). */
export const PILOT_EVERY = 16;

/**
 * A mentee-side depth for big programmes: about 1/40 of the mentors (at least `topK`, at most 256).
 * Measured on 50,000 × 10,000 with pilot offsets: depth 128 leaves ~5× more pairs to rescore than
 * 256 (the graph then holds 12.9 M edges, ~100 MB); the share of pairs a price check cannot clear
 * falls steeply with depth, and depth costs scan time and memory linearly.
 */
export function suggestedMenteeDepth(mentorCount: number, topK: number): number {
  return Math.max(topK, Math.min(256, Math.round(mentorCount / 40)));
}

/** Scores every mentee against every mentor; the complete graph, or a two-sided top-K pruning. */
export function buildCandidateGraph(
  ctx: ScoringContext,
  menteeIdxs: ArrayLike<number>,
  mentorIdxs: ArrayLike<number>,
  opts: CandidateGraphOptions = {},
): CandidateGraph {
  const mentees = localIndex(ctx, menteeIdxs, 'mentee');
  const mentors = localIndex(ctx, mentorIdxs, 'mentor');
  // Mentors who are not enrolled have slot -1 and capacity 0: every pair with them is blocked.
  const slots = Int32Array.from(mentors, (p) => ctx.mentorSlot[p]!);
  const capacity = Int32Array.from(mentors, (p) => ctx.people.capacity[p]!);
  const minScore = opts.minScore ?? ctx.policy.minScore;
  if (opts.topK === undefined) return completeGraph(ctx, mentees, mentors, slots, capacity, minScore);
  const k = opts.topK;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`topK must be a positive integer, got ${k}.`);
  const depth = opts.menteeDepth ?? k;
  if (!Number.isInteger(depth) || depth < k) throw new RangeError(`menteeDepth must be an integer ≥ topK, got ${depth}.`);
  const slices = opts.slices ?? 1;
  if (!Number.isInteger(slices) || slices < 1) throw new RangeError(`slices must be a positive integer, got ${slices}.`);
  const plan = prunedGraphPlan(capacity, k, depth, minScore);
  const scanSlices = (list: Int32Array, scanOpts: ScanOptions): CandidateScan[] =>
    sliceBounds(list.length, slices).map(([from, to]) => scanCandidates(ctx, list.subarray(from, to), from, slots, scanOpts));
  let offset: Int32Array | null = null;
  if (opts.mentorOffset === 'pilot') {
    offset = offsetsFromPilot(scanSlices(pilotSample(mentees), plan.pilot), mentors.length, plan.pilot.mentorDepth);
  } else if (opts.mentorOffset !== undefined) {
    if (opts.mentorOffset.length !== mentors.length) throw new RangeError(`mentorOffset has ${opts.mentorOffset.length} entries for ${mentors.length} mentors.`);
    offset = Int32Array.from(opts.mentorOffset);
  }
  return prunedGraphFromScans(mentees, mentors, capacity, k, offset, scanSlices(mentees, plan.scan(offset)));
}

/** [from, to) of `count` consecutive slices of n items, as even as possible (empty ones dropped). */
export function sliceBounds(n: number, count: number): [number, number][] {
  const bounds: [number, number][] = [];
  for (let t = 0; t < count; t++) {
    const from = Math.floor((t * n) / count);
    const to = Math.floor(((t + 1) * n) / count);
    if (to > from || (n === 0 && t === 0)) bounds.push([from, to]);
  }
  return bounds;
}

/** The scan options of a pruned graph, and of its pilot. Shared with drivers that split the mentees. */
export function prunedGraphPlan(
  capacity: Int32Array,
  topK: number,
  menteeDepth: number,
  minScore: number,
): { pilot: ScanOptions & { mentorDepth: Int32Array }; scan: (offset: Int32Array | null) => ScanOptions } {
  const mentorDepth = Int32Array.from(capacity, (c) => Math.max(0, topK * c));
  return {
    pilot: { minScore, menteeDepth: 0, mentorDepth: pilotDepths(capacity, topK, PILOT_EVERY), mentorOffset: null },
    scan: (offset) => ({ minScore, menteeDepth, mentorDepth, mentorOffset: offset }),
  };
}

/** Every PILOT_EVERY-th mentee (person indices), the pilot of `mentorOffset: 'pilot'`. */
export function pilotSample(mentees: Int32Array): Int32Array {
  const sample = new Int32Array(Math.ceil(mentees.length / PILOT_EVERY));
  for (let t = 0; t < sample.length; t++) sample[t] = mentees[t * PILOT_EVERY]!;
  return sample;
}

/** A pruned CandidateGraph from the scans of consecutive mentee slices (see candidate-scan.ts). */
export function prunedGraphFromScans(
  mentees: Int32Array,
  mentors: Int32Array,
  capacity: Int32Array,
  topK: number,
  mentorOffset: Int32Array | null,
  scans: readonly CandidateScan[],
): CandidateGraph {
  const mentorDepth = Int32Array.from(capacity, (c) => Math.max(0, topK * c));
  const g = assembleCandidateGraph(scans, mentors.length, mentorDepth);
  if (g.offsets.length !== mentees.length + 1) throw new RangeError(`the scans cover ${g.offsets.length - 1} mentees, expected ${mentees.length}.`);
  return {
    menteeCount: mentees.length,
    mentorCount: mentors.length,
    mentees,
    mentors,
    capacity,
    offsets: g.offsets,
    mentor: g.mentor,
    score: g.score,
    eligibleCount: g.eligibleCount,
    topK,
    menteeCutoff: g.menteeCutoff,
    mentorCutoff: g.mentorCutoff,
    mentorOffset,
    stats: { pairs: mentees.length * mentors.length, blocked: g.blocked, belowMinScore: g.belowMinScore, edges: g.mentor.length },
  };
}

/** Enumerates a mentee's allowed edges on demand; the shape exact solvers take as a full-graph oracle. */
export interface CandidateOracle {
  forEachEdge(mentee: number, visit: (mentor: number, score: number) => void): void;
  /** The integer score of one pair, or -1 when it is blocked or below the minimum. */
  pairScore(mentee: number, mentor: number): number;
  /**
   * A view over the local mentors `order` (distinct, in that order) that scores one mentee against
   * the mentors at positions from..to-1 only — what a certificate check asks for once it knows
   * which few pairs its bounds cannot clear. Building a view costs O(order × (record + skills)).
   */
  ordered(order: Int32Array): { forEachEdgeInRange(mentee: number, from: number, to: number, visit: (mentor: number, score: number) => void): void };
}

/**
 * Every allowed edge of a mentee, scored on demand — what a solver handed a pruned graph checks its
 * optimality certificate against, without the full graph ever being materialised. Same local
 * numbering, integer scores and minimum as `buildCandidateGraph` with the same lists; each call
 * is one sweep over the mentors (or over the requested range of an ordered view).
 */
export function candidateOracle(
  ctx: ScoringContext,
  menteeIdxs: ArrayLike<number>,
  mentorIdxs: ArrayLike<number>,
  opts: { minScore?: number } = {},
): CandidateOracle {
  const mentees = localIndex(ctx, menteeIdxs, 'mentee');
  const mentors = localIndex(ctx, mentorIdxs, 'mentor');
  const slots = Int32Array.from(mentors, (p) => ctx.mentorSlot[p]!);
  const minScore = opts.minScore ?? ctx.policy.minScore;
  const row = new Float64Array(ctx.mentors.length);
  const toInt = (score: number): number => (score >= 0 && score >= minScore ? Math.round(score * SCORE_SCALE) : -1);
  return {
    forEachEdge(mentee, visit) {
      scoreMentorsInto(ctx, mentees[mentee]!, row);
      for (let j = 0; j < slots.length; j++) {
        const slot = slots[j]!;
        const score = slot < 0 ? -1 : row[slot]!;
        if (score >= 0 && score >= minScore) visit(j, Math.round(score * SCORE_SCALE));
      }
    },
    pairScore(mentee, mentor) {
      if (!(mentor >= 0 && mentor < slots.length) || slots[mentor]! < 0) return -1;
      return toInt(scorePair(ctx, mentors[mentor]!, mentees[mentee]!));
    },
    ordered(order) {
      const viewSlots = new Int32Array(order.length);
      for (let t = 0; t < order.length; t++) {
        const j = order[t]!;
        if (!(j >= 0 && j < slots.length)) throw new RangeError(`mentor ${j} is outside 0..${slots.length - 1}.`);
        viewSlots[t] = slots[j]!;
      }
      const view = mentorView(ctx, viewSlots);
      const out = new Float64Array(order.length);
      return {
        forEachEdgeInRange(mentee, from, to, visit) {
          scoreMentorRangeInto(view, mentees[mentee]!, from, to, out);
          for (let t = from; t < to; t++) {
            const score = out[t - from]!;
            if (score >= 0 && score >= minScore) visit(order[t]!, Math.round(score * SCORE_SCALE));
          }
        },
      };
    },
  };
}

function completeGraph(
  ctx: ScoringContext,
  mentees: Int32Array,
  mentors: Int32Array,
  slots: Int32Array,
  capacity: Int32Array,
  minScore: number,
): CandidateGraph {
  const menteeCount = mentees.length;
  const mentorCount = mentors.length;
  const offsets = new Int32Array(menteeCount + 1);
  const eligibleCount = new Int32Array(menteeCount);
  let edgeMentor: Int32Array = new Int32Array(Math.min(menteeCount * mentorCount, 1 << 16) || 1);
  let edgeScore: Int32Array = new Int32Array(edgeMentor.length);
  let edges = 0;
  let blocked = 0;
  let belowMinScore = 0;
  const row = new Float64Array(ctx.mentors.length);
  for (let i = 0; i < menteeCount; i++) {
    scoreMentorsInto(ctx, mentees[i]!, row);
    for (let j = 0; j < mentorCount; j++) {
      const slot = slots[j]!;
      const score = slot < 0 ? -1 : row[slot]!;
      if (score < 0) {
        blocked++;
        continue;
      }
      if (score < minScore) {
        belowMinScore++;
        continue;
      }
      if (edges === edgeMentor.length) {
        edgeMentor = grow(edgeMentor);
        edgeScore = grow(edgeScore);
      }
      edgeMentor[edges] = j;
      edgeScore[edges] = Math.round(score * SCORE_SCALE);
      edges++;
    }
    offsets[i + 1] = edges;
    eligibleCount[i] = edges - offsets[i]!;
  }
  return {
    menteeCount,
    mentorCount,
    mentees,
    mentors,
    capacity,
    offsets,
    mentor: edgeMentor.slice(0, edges),
    score: edgeScore.slice(0, edges),
    eligibleCount,
    topK: null,
    menteeCutoff: null,
    mentorCutoff: null,
    mentorOffset: null,
    stats: { pairs: menteeCount * mentorCount, blocked, belowMinScore, edges },
  };
}

/** People as local indices: validated person indices, each listed once, in the order given. */
export function localIndex(ctx: ScoringContext, people: ArrayLike<number>, role: string): Int32Array {
  const local = new Int32Array(people.length);
  const seen = new Uint8Array(ctx.personCount);
  for (let i = 0; i < people.length; i++) {
    const p = people[i]!;
    checkPerson(ctx, p, role);
    if (seen[p]) throw new RangeError(`${role} ${p} is listed twice.`);
    seen[p] = 1;
    local[i] = p;
  }
  return local;
}

function grow(a: Int32Array): Int32Array {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}
