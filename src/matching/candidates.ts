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
import { type ScoringContext } from './context.js';
import { checkPerson, scoreMentorsInto } from './scoring.js';
import { offer } from './top-k.js';

/** Factor between a 0–100 score and the graph's integer scores. */
export const SCORE_SCALE = 100;

/** Pruned rows sort as one number per edge, mentor·PACK + score; scores stay below 2^14. */
const PACK = 1 << 14;

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
   * the graph but eligible scores at most min(menteeCutoff[i], mentorCutoff[j]); -1 means nothing
   * was dropped on that side. A solver proves its pruned optimum exact by checking its dual prices
   * cover these bounds — without scoring the dropped pairs again.
   */
  menteeCutoff: Int32Array | null;
  mentorCutoff: Int32Array | null;
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
  if (!Number.isInteger(opts.topK) || opts.topK < 1) throw new RangeError(`topK must be a positive integer, got ${opts.topK}.`);
  return prunedGraph(ctx, mentees, mentors, slots, capacity, minScore, opts.topK);
}

/** Enumerates a mentee's allowed edges on demand; the shape exact solvers take as a full-graph oracle. */
export interface CandidateOracle {
  forEachEdge(mentee: number, visit: (mentor: number, score: number) => void): void;
}

/**
 * Every allowed edge of a mentee, scored on demand — what a solver handed a pruned graph checks its
 * optimality certificate against, without the full graph ever being materialised. Same local
 * numbering, integer scores and minimum as `buildCandidateGraph` with the same lists; each call
 * is one sweep over the mentors.
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
  return {
    forEachEdge(mentee, visit) {
      scoreMentorsInto(ctx, mentees[mentee]!, row);
      for (let j = 0; j < slots.length; j++) {
        const slot = slots[j]!;
        const score = slot < 0 ? -1 : row[slot]!;
        if (score >= 0 && score >= minScore) visit(j, Math.round(score * SCORE_SCALE));
      }
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
    stats: { pairs: menteeCount * mentorCount, blocked, belowMinScore, edges },
  };
}

function prunedGraph(
  ctx: ScoringContext,
  mentees: Int32Array,
  mentors: Int32Array,
  slots: Int32Array,
  capacity: Int32Array,
  minScore: number,
  k: number,
): CandidateGraph {
  const menteeCount = mentees.length;
  const mentorCount = mentors.length;

  // One heap per mentee (reused) and one per mentor, all in shared typed arrays.
  const menteeKeep = Math.min(k, mentorCount);
  const menteeHeapScore = new Float64Array(menteeKeep);
  const menteeHeapMentor = new Int32Array(menteeKeep);
  const mentorHeapStart = new Int32Array(mentorCount + 1);
  for (let j = 0; j < mentorCount; j++) {
    mentorHeapStart[j + 1] = mentorHeapStart[j]! + Math.min(k * capacity[j]!, menteeCount);
  }
  const mentorHeapScore = new Float64Array(mentorHeapStart[mentorCount]!);
  const mentorHeapMentee = new Int32Array(mentorHeapScore.length);
  const mentorHeapSize = new Int32Array(mentorCount);
  const mentorEligible = new Int32Array(mentorCount);

  // Kept edges, unordered; at most menteeCount·K from mentee heaps plus every mentor-heap entry.
  const keptCapacity = menteeCount * menteeKeep + mentorHeapScore.length;
  const keptMentee = new Int32Array(keptCapacity);
  const keptMentor = new Int32Array(keptCapacity);
  const keptScore = new Int32Array(keptCapacity);
  let kept = 0;

  const eligibleCount = new Int32Array(menteeCount);
  const menteeCutoff = new Int32Array(menteeCount).fill(-1);
  let blocked = 0;
  let belowMinScore = 0;
  const row = new Float64Array(ctx.mentors.length);
  for (let i = 0; i < menteeCount; i++) {
    scoreMentorsInto(ctx, mentees[i]!, row);
    let size = 0;
    let eligible = 0;
    for (let j = 0; j < mentorCount; j++) {
      const slot = slots[j]!;
      const raw = slot < 0 ? -1 : row[slot]!;
      if (raw < 0) {
        blocked++;
        continue;
      }
      if (raw < minScore) {
        belowMinScore++;
        continue;
      }
      const score = Math.round(raw * SCORE_SCALE);
      eligible++;
      mentorEligible[j]!++;
      size = offer(menteeHeapScore, menteeHeapMentor, 0, size, menteeKeep, score, j);
      const base = mentorHeapStart[j]!;
      mentorHeapSize[j] = offer(mentorHeapScore, mentorHeapMentee, base, mentorHeapSize[j]!, mentorHeapStart[j + 1]! - base, score, i);
    }
    eligibleCount[i] = eligible;
    if (eligible > size) menteeCutoff[i] = menteeHeapScore[0]!;
    for (let h = 0; h < size; h++) {
      keptMentee[kept] = i;
      keptMentor[kept] = menteeHeapMentor[h]!;
      keptScore[kept] = menteeHeapScore[h]!;
      kept++;
    }
  }
  const mentorCutoff = new Int32Array(mentorCount).fill(-1);
  for (let j = 0; j < mentorCount; j++) {
    const base = mentorHeapStart[j]!;
    const size = mentorHeapSize[j]!;
    if (mentorEligible[j]! > size) mentorCutoff[j] = size > 0 ? mentorHeapScore[base]! : 100 * SCORE_SCALE;
    for (let h = base; h < base + size; h++) {
      keptMentee[kept] = mentorHeapMentee[h]!;
      keptMentor[kept] = j;
      keptScore[kept] = mentorHeapScore[h]!;
      kept++;
    }
  }

  // Bucket by mentee, then sort each row by mentor and drop the edges both sides kept.
  const offsets = new Int32Array(menteeCount + 1);
  for (let e = 0; e < kept; e++) offsets[keptMentee[e]! + 1]!++;
  for (let i = 0; i < menteeCount; i++) offsets[i + 1]! += offsets[i]!;
  const packed = new Float64Array(kept);
  const fill = offsets.slice(0, menteeCount);
  for (let e = 0; e < kept; e++) packed[fill[keptMentee[e]!]!++] = keptMentor[e]! * PACK + keptScore[e]!;
  const edgeMentor = new Int32Array(kept);
  const edgeScore = new Int32Array(kept);
  let edges = 0;
  for (let i = 0; i < menteeCount; i++) {
    const row = packed.subarray(offsets[i]!, offsets[i + 1]!).sort();
    offsets[i] = edges;
    let last = -1;
    for (let r = 0; r < row.length; r++) {
      const key = row[r]!;
      const j = Math.floor(key / PACK);
      if (j === last) continue;
      last = j;
      edgeMentor[edges] = j;
      edgeScore[edges] = key - j * PACK;
      edges++;
    }
  }
  offsets[menteeCount] = edges;

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
    topK: k,
    menteeCutoff,
    mentorCutoff,
    stats: { pairs: menteeCount * mentorCount, blocked, belowMinScore, edges },
  };
}


function localIndex(ctx: ScoringContext, people: ArrayLike<number>, role: string): Int32Array {
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
