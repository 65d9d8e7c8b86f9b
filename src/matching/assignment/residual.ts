/**
 * Input validation, pins/bans, and the lexicographic weight.
 *
 * Pins are fixed BEFORE the solve: a pinned mentee is taken out of the problem and its mentor's
 * capacity is reduced by one. What remains (the "residual problem") is an ordinary capacitated
 * assignment over the unpinned mentees with residual capacities `cap'`; the optimality certificate
 * speaks about that residual problem. This is exactly right because the assignments that honour
 * the pins are, one for one, "the pins + a feasible residual assignment", and the pins contribute
 * the same matched count and score to each of them, so an optimal residual assignment plus the pins
 * is optimal among all pin-honouring assignments.
 */
import { MAX_SCORE, type AssignmentProblem, type CandidateGraph } from './types.js';

/** The caller handed the engine something it cannot solve; `issues` lists every problem found. */
export class AssignmentInputError extends Error {
  readonly issues: readonly string[];
  constructor(issues: readonly string[]) {
    super(`Invalid assignment problem: ${issues.slice(0, 5).join('; ')}${issues.length > 5 ? `; … ${issues.length - 5} more` : ''}`);
    this.name = 'AssignmentInputError';
    this.issues = issues;
  }
}

/**
 * The per-match bonus `B` such that maximising `Σ (B + score)` over matched pairs is the
 * lexicographic objective (matched count first, then total score).
 *
 * Claim: with `K` = the most residual pairs any feasible assignment can have (≤ min(unpinned
 * mentees, Σ residual capacity)) and `B = MAX_SCORE·(K − 1) + 1`, every assignment X with more
 * pairs than an assignment Y has larger weight.
 * Proof: |Y| < |X| ≤ K so |Y| ≤ K − 1, and scores lie in [0, MAX_SCORE], hence
 *   w(X) − w(Y) = B·(|X| − |Y|) + S(X) − S(Y) ≥ B − S(Y) ≥ B − MAX_SCORE·(K − 1) = 1 > 0.
 * Among assignments with equal |X|, w(X) − S(X) = B·|X| is constant, so w orders them by score.
 * So w's optimum is the lexicographic optimum. ∎
 *
 * A constant bonus is NOT enough: with `B = MAX_SCORE + 1`, a chain a₀–x₁, a₁–x₂, …, a_k–x_{k+1}
 * (score 0) against a₁–x₁, …, a_k–x_k (score MAX_SCORE) would let k perfect pairs beat k+1 pairs
 * for any k ≥ 2. The bonus must grow with the problem, hence the `K` above (tested).
 *
 * Exactness: every quantity the solver and the verifier add up is an integer bounded by the total
 * weight ≤ K·(B + MAX_SCORE) ≈ MAX_SCORE·K², which stays below 2⁵³ (so IEEE doubles are exact)
 * for K ≤ MAX_LEXICOGRAPHIC_PAIRS ≈ 9.4·10⁵ — far above 50,000 mentees.
 */
export function lexicographicBonus(maxPairs: number): number {
  return MAX_SCORE * Math.max(0, maxPairs - 1) + 1;
}

/** Largest K for which K·(lexicographicBonus(K) + MAX_SCORE) is a safe integer. */
export const MAX_LEXICOGRAPHIC_PAIRS = Math.floor(Math.sqrt(Number.MAX_SAFE_INTEGER / MAX_SCORE)) - 1;

/** Key of a (mentee, mentor) pair in a Set; exact because it stays far below 2⁵³. */
export function pairKey(mentee: number, mentor: number, mentorCount: number): number {
  return mentee * mentorCount + mentor;
}

/** Everything the solvers need about pins and bans, precomputed once. */
export interface Residual {
  readonly menteeCount: number;
  readonly mentorCount: number;
  /** `cap'_j` = capacity minus pins at `j`. */
  readonly capacity: Int32Array;
  /** Pinned mentor per mentee, −1 when not pinned. */
  readonly pinnedMentor: Int32Array;
  /** Score of the pinned pair per mentee, −1 when not pinned. */
  readonly pinnedScore: Int32Array;
  readonly pinnedCount: number;
  readonly pinnedScoreTotal: number;
  /**
   * 1 for every graph edge named by a ban. Read it only where `hasBan[mentee]` is 1: without bans
   * it is empty, so a big graph does not pay for a byte per edge.
   */
  readonly bannedEdge: Uint8Array;
  /** 1 for mentees with at least one banned graph edge. */
  readonly hasBan: Uint8Array;
  /** Ban keys (`pairKey`) — used for oracle pairs, which have no edge index. */
  readonly banKeys: ReadonlySet<number>;
  /** `K`: the most residual pairs any feasible assignment can have (upper bound). */
  readonly maxPairs: number;
  /** `B = lexicographicBonus(K)`. */
  readonly bonus: number;
}

/** Index of the edge (mentee → mentor) in the graph, or −1. O(degree). */
export function findEdge(graph: CandidateGraph, mentee: number, mentor: number): number {
  const { offsets, mentor: adj } = graph;
  const end = offsets[mentee + 1]!;
  for (let e = offsets[mentee]!; e < end; e++) if (adj[e] === mentor) return e;
  return -1;
}

/** Score of an allowed pair from the graph, else from the oracle; −1 when the pair is not allowed. */
export function allowedScore(problem: AssignmentProblem, mentee: number, mentor: number): number {
  const e = findEdge(problem.graph, mentee, mentor);
  if (e >= 0) return problem.graph.score[e]!;
  const { oracle } = problem;
  if (oracle?.pairScore !== undefined) return oracle.pairScore(mentee, mentor);
  let found = -1;
  oracle?.forEachEdge(mentee, (j, s) => {
    if (j === mentor) found = s;
  });
  return found;
}

function isIndex(x: number, size: number): boolean {
  return Number.isInteger(x) && x >= 0 && x < size;
}

/**
 * Every structural problem with the input, as plain messages (empty when the problem is valid).
 * O(edges + pins + bans). The service layer can call this to turn caller mistakes into userErrors.
 */
export function validateProblem(problem: AssignmentProblem): string[] {
  return validate(problem, true);
}

/**
 * Whether mentee i's mentors strictly ascend (how a scorer naturally emits them) and lie in range,
 * with scores in range: then the row cannot have duplicates either. One comparison chain per edge.
 */
export function rowIsWellFormed(graph: CandidateGraph, i: number): boolean {
  const { offsets, mentor, score, mentorCount: m } = graph;
  const end = offsets[i + 1]!;
  let previous = -1;
  for (let e = offsets[i]!; e < end; e++) {
    const j = mentor[e]!;
    if (j <= previous || j >= m || score[e]! >>> 0 > MAX_SCORE) return false;
    previous = j;
  }
  return true;
}

/** `validateProblem`, optionally without the per-edge checks (a caller that fuses them into its first pass). */
function validate(problem: AssignmentProblem, checkEdges: boolean): string[] {
  const issues: string[] = [];
  const { graph, capacity } = problem;
  const n = graph.menteeCount;
  const m = graph.mentorCount;
  if (!Number.isInteger(n) || n < 0) issues.push(`menteeCount must be a non-negative integer, got ${n}`);
  if (!Number.isInteger(m) || m < 0) issues.push(`mentorCount must be a non-negative integer, got ${m}`);
  if (issues.length > 0) return issues;
  const { offsets, mentor, score } = graph;
  if (offsets.length !== n + 1) issues.push(`offsets has length ${offsets.length}, expected menteeCount + 1 = ${n + 1}`);
  if (mentor.length !== score.length) issues.push(`mentor (${mentor.length}) and score (${score.length}) differ in length`);
  if (capacity.length !== m) issues.push(`capacity has length ${capacity.length}, expected mentorCount = ${m}`);
  if (graph.menteeCutoff != null && graph.menteeCutoff.length !== n) issues.push(`menteeCutoff has length ${graph.menteeCutoff.length}, expected ${n}`);
  if (graph.mentorCutoff != null && graph.mentorCutoff.length !== m) issues.push(`mentorCutoff has length ${graph.mentorCutoff.length}, expected ${m}`);
  if (graph.mentorOffset != null && graph.mentorOffset.length !== m) issues.push(`mentorOffset has length ${graph.mentorOffset.length}, expected ${m}`);
  if (graph.eligibleCount != null && graph.eligibleCount.length !== n) issues.push(`eligibleCount has length ${graph.eligibleCount.length}, expected ${n}`);
  if (issues.length > 0) return issues;
  if (offsets[0] !== 0) issues.push('offsets[0] must be 0');
  if (offsets[n] !== mentor.length) issues.push(`offsets[menteeCount] = ${offsets[n]} but there are ${mentor.length} edges`);
  for (let i = 0; i < n; i++) {
    if (offsets[i + 1]! < offsets[i]!) {
      issues.push(`offsets decrease at mentee ${i}`);
      return issues;
    }
  }
  if (issues.length > 0) return issues;
  for (let j = 0; j < m; j++) {
    if (capacity[j]! < 0) issues.push(`mentor ${j} has negative capacity ${capacity[j]}`);
  }
  if (!checkEdges) return validatePinsAndBans(problem, issues);
  // Fast path: a mentee whose mentor indices strictly ascend (how a scorer naturally emits them)
  // and lie in range, with scores in range, cannot have duplicates — one comparison chain per
  // edge, no random access. Any other mentee gets the detailed check, which also words the issues.
  let seen: Int32Array | undefined;
  for (let i = 0; i < n; i++) {
    if (rowIsWellFormed(graph, i)) continue;
    seen ??= new Int32Array(m).fill(-1);
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) {
      const j = mentor[e]!;
      const sc = score[e]!;
      if (j >>> 0 >= m) {
        issues.push(`edge ${e} of mentee ${i} names mentor ${j}, outside 0..${m - 1}`);
        continue;
      }
      if (sc >>> 0 > MAX_SCORE) issues.push(`edge ${i}→${j} has score ${sc}, outside 0..${MAX_SCORE}`);
      if (seen[j] === i) issues.push(`pair ${i}→${j} is listed twice`);
      seen[j] = i;
    }
    if (issues.length > 100) return issues;
  }
  return validatePinsAndBans(problem, issues);
}

function validatePinsAndBans(problem: AssignmentProblem, issues: string[]): string[] {
  const { graph, capacity } = problem;
  const n = graph.menteeCount;
  const m = graph.mentorCount;
  for (const ban of problem.bans ?? []) {
    if (!isIndex(ban.mentee, n) || !isIndex(ban.mentor, m)) issues.push(`ban ${ban.mentee}→${ban.mentor} is out of range`);
  }
  const pins = problem.pins ?? [];
  if (pins.length > 0) {
    const banKeys = new Set<number>();
    for (const ban of problem.bans ?? []) banKeys.add(pairKey(ban.mentee, ban.mentor, m));
    const pinnedTo = new Int32Array(n).fill(-1);
    const pinsAt = new Int32Array(m);
    for (const pin of pins) {
      const { mentee: i, mentor: j } = pin;
      if (!isIndex(i, n) || !isIndex(j, m)) {
        issues.push(`pin ${i}→${j} is out of range`);
        continue;
      }
      if (pinnedTo[i]! >= 0) issues.push(`mentee ${i} is pinned twice (to ${pinnedTo[i]} and ${j})`);
      pinnedTo[i] = j;
      pinsAt[j]!++;
      if (banKeys.has(pairKey(i, j, m))) issues.push(`pair ${i}→${j} is both pinned and banned`);
      if (allowedScore(problem, i, j) < 0) issues.push(`pin ${i}→${j} is not an allowed pair of the candidate graph`);
    }
    for (let j = 0; j < m; j++) {
      if (pinsAt[j]! > capacity[j]!) issues.push(`mentor ${j} has ${pinsAt[j]} pins but capacity ${capacity[j]}`);
    }
  }
  return issues;
}

/**
 * Validates (throwing `AssignmentInputError`) and fixes pins/bans. With `deferEdgeChecks` the
 * per-edge checks are left to the caller's first pass over the edges (`selectTwoSidedTopK` with
 * `checkEdges`), which must run `validateProblem` when that pass finds anything odd.
 */
export function prepareResidual(problem: AssignmentProblem, deferEdgeChecks = false): Residual {
  const issues = validate(problem, !deferEdgeChecks);
  if (issues.length > 0) throw new AssignmentInputError(issues);
  const { graph } = problem;
  const n = graph.menteeCount;
  const m = graph.mentorCount;
  const capacity = Int32Array.from(problem.capacity);
  const pinnedMentor = new Int32Array(n).fill(-1);
  const pinnedScore = new Int32Array(n).fill(-1);
  let pinnedScoreTotal = 0;
  const pins = problem.pins ?? [];
  for (const { mentee, mentor } of pins) {
    const s = allowedScore(problem, mentee, mentor);
    pinnedMentor[mentee] = mentor;
    pinnedScore[mentee] = s;
    pinnedScoreTotal += s;
    capacity[mentor]!--;
  }
  const bannedEdge = new Uint8Array((problem.bans ?? []).length > 0 ? graph.mentor.length : 0);
  const hasBan = new Uint8Array(n);
  const banKeys = new Set<number>();
  for (const { mentee, mentor } of problem.bans ?? []) {
    banKeys.add(pairKey(mentee, mentor, m));
    const e = findEdge(graph, mentee, mentor);
    if (e >= 0) {
      bannedEdge[e] = 1;
      hasBan[mentee] = 1;
    }
  }
  let capacitySum = 0;
  for (let j = 0; j < m; j++) capacitySum += capacity[j]!;
  const maxPairs = Math.min(n - pins.length, capacitySum);
  if (maxPairs > MAX_LEXICOGRAPHIC_PAIRS) {
    throw new AssignmentInputError([
      `up to ${maxPairs} pairs could be made; exact lexicographic weights are limited to ${MAX_LEXICOGRAPHIC_PAIRS}`,
    ]);
  }
  return {
    menteeCount: n,
    mentorCount: m,
    capacity,
    pinnedMentor,
    pinnedScore,
    pinnedCount: pins.length,
    pinnedScoreTotal,
    bannedEdge,
    hasBan,
    banKeys,
    maxPairs,
    bonus: lexicographicBonus(maxPairs),
  };
}
