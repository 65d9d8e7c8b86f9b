/**
 * Independent verification of an exact result. Shares no code with the solver: it re-derives the
 * residual problem from the raw input and checks the proof from first principles.
 *
 * What "ok" proves. Let cap'_j = capacity_j − pins at j, w_ij = B + score_ij over the allowed,
 * non-banned pairs of unpinned mentees (the residual problem, see residual.ts for why pins are
 * handled this way). The checks establish
 *   (1) the assignment is feasible: ≤ 1 mentor per mentee, ≤ capacity per mentor (pins counted),
 *       only allowed non-banned pairs, every pin made, reported count/score/pair scores correct;
 *   (2) the duals are feasible: u, v ≥ 0 and u_i + v_j ≥ w_ij on EVERY allowed pair — the graph's
 *       edges and, when the problem has an oracle, every oracle pair;
 *   (3) Σ_i u_i + Σ_j cap'_j·v_j = Σ_{pairs made} w_ij  (all exact integers below 2⁵³).
 * For any feasible residual assignment x, Σ w·x ≤ Σ x_ij (u_i + v_j) ≤ Σ u_i + Σ cap'_j v_j by (2)
 * and the capacity constraints, so by (3) no assignment beats ours on w (weak duality); and
 *   (4) B ≥ MAX_SCORE·(K − 1) + 1 with K = min(unpinned mentees, Σ cap'),
 * makes "best on w" the same as "most mentees matched, then highest total score".
 * Complementary-slackness failures are also reported one by one, because they say WHERE (3) fails.
 */
import { MAX_SCORE, type AssignmentProblem, type AssignmentResult, type OrderedEdgeOracle } from './types.js';

export interface CertificateCheck {
  readonly ok: boolean;
  readonly violations: string[];
  /** With an oracle: the pairs scored through it to check dual feasibility (absent without one). */
  readonly oraclePairs?: number;
}

export interface VerifyOptions {
  /**
   * Trust the SCORER's bounds on the pairs it left out of the graph (`menteeCutoff`, `mentorCutoff`,
   * `mentorOffset`: a missing pair (i, j) scores at most min(menteeCutoff[i] + mentorOffset[j],
   * mentorCutoff[j])) instead of scoring every oracle pair again. The bounds come from the pass that
   * built the graph, not from the solver, so the check stays independent of the solver; pairs the
   * bounds cannot clear are still scored through the oracle (only those, with an ordered oracle).
   * Default false: every oracle pair is enumerated.
   */
  readonly trustScorerCutoffs?: boolean;
}

const MAX_MESSAGES = 50;

export function verifyCertificate(problem: AssignmentProblem, result: AssignmentResult, options: VerifyOptions = {}): CertificateCheck {
  const violations: string[] = [];
  let suppressed = 0;
  const fail = (message: string): void => {
    if (violations.length < MAX_MESSAGES) violations.push(message);
    else suppressed++;
  };
  let oraclePairs = 0;
  const done = (): CertificateCheck => {
    if (suppressed > 0) violations.push(`… and ${suppressed} more violations`);
    const ok = violations.length === 0;
    return problem.oracle === undefined ? { ok, violations } : { ok, violations, oraclePairs };
  };

  const { graph, capacity, oracle } = problem;
  const n = graph.menteeCount;
  const m = graph.mentorCount;
  const { offsets, mentor: adj, score } = graph;
  const { mentorOf, scoreOf, certificate } = result;
  const { menteeDual: u, mentorDual: v, matchBonus: B } = certificate;
  if (mentorOf.length !== n || scoreOf.length !== n || u.length !== n) fail(`per-mentee arrays must have length ${n}`);
  if (v.length !== m || capacity.length !== m) fail(`per-mentor arrays must have length ${m}`);
  if (violations.length > 0) return done();

  const banned = new Set<string>();
  for (const b of problem.bans ?? []) banned.add(`${b.mentee}:${b.mentor}`);
  const isBanned = (i: number, j: number): boolean => banned.size > 0 && banned.has(`${i}:${j}`);
  /** Score of an allowed pair, −1 if the pair is not allowed. */
  const allowed = (i: number, j: number): number => {
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) if (adj[e] === j) return score[e]!;
    if (oracle?.pairScore !== undefined) return oracle.pairScore(i, j);
    let s = -1;
    oracle?.forEachEdge(i, (jj, ss) => {
      if (jj === j) s = ss;
    });
    return s;
  };
  // The matched pairs' scores, looked up once (outside the graph each look-up may score the pair).
  const matchedScore = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    const j = mentorOf[i]!;
    if (Number.isInteger(j) && j >= 0 && j < m) matchedScore[i] = allowed(i, j);
  }

  // (1) Primal feasibility.
  const pinnedTo = new Int32Array(n).fill(-1);
  const residualCap = new Float64Array(m);
  for (let j = 0; j < m; j++) residualCap[j] = capacity[j]!;
  for (const pin of problem.pins ?? []) {
    if (mentorOf[pin.mentee] !== pin.mentor) fail(`pin ${pin.mentee}→${pin.mentor} is not honoured (mentee has ${mentorOf[pin.mentee]})`);
    if (pinnedTo[pin.mentee]! >= 0) fail(`mentee ${pin.mentee} is pinned twice`);
    pinnedTo[pin.mentee] = pin.mentor;
    residualCap[pin.mentor]!--;
  }
  const load = new Int32Array(m);
  let matched = 0;
  let total = 0;
  let primal = 0;
  for (let i = 0; i < n; i++) {
    const j = mentorOf[i]!;
    if (j === -1) {
      if (scoreOf[i] !== -1) fail(`unmatched mentee ${i} has score ${scoreOf[i]}, expected −1`);
      continue;
    }
    if (!Number.isInteger(j) || j < 0 || j >= m) {
      fail(`mentee ${i} has mentor ${j}, outside −1..${m - 1}`);
      continue;
    }
    const s = matchedScore[i]!;
    if (s < 0) fail(`pair ${i}→${j} is not an allowed pair`);
    if (isBanned(i, j)) fail(`pair ${i}→${j} is banned`);
    if (s >= 0 && scoreOf[i] !== s) fail(`pair ${i}→${j} reports score ${scoreOf[i]}, the graph says ${s}`);
    load[j]!++;
    matched++;
    total += s;
    if (pinnedTo[i]! < 0) primal += B + s;
  }
  for (let j = 0; j < m; j++) if (load[j]! > capacity[j]!) fail(`mentor ${j} has ${load[j]} mentees but capacity ${capacity[j]}`);
  if (matched !== result.matchedCount) fail(`matchedCount is ${result.matchedCount}, the assignment has ${matched}`);
  if (total !== result.totalScore) fail(`totalScore is ${result.totalScore}, the assignment sums to ${total}`);

  // (4) The bonus makes the weighted optimum the lexicographic one, and all sums are exact.
  let unpinned = 0;
  for (let i = 0; i < n; i++) if (pinnedTo[i]! < 0) unpinned++;
  let capSum = 0;
  for (let j = 0; j < m; j++) capSum += Math.max(0, residualCap[j]!);
  const K = Math.min(unpinned, capSum);
  if (!Number.isSafeInteger(B) || B < MAX_SCORE * Math.max(0, K - 1) + 1) {
    fail(`matchBonus ${B} is below ${MAX_SCORE * Math.max(0, K - 1) + 1}, so it does not encode "more matches first" for up to ${K} pairs`);
  }
  if (K * (B + MAX_SCORE) > Number.MAX_SAFE_INTEGER) fail('weights are too large for exact arithmetic');

  // (2) Dual feasibility, on every allowed pair.
  const exactNonNegative = (x: number): boolean => Number.isSafeInteger(x) && x >= 0;
  for (let i = 0; i < n; i++) {
    if (!exactNonNegative(u[i]!)) fail(`u[${i}] = ${u[i]} is not a non-negative integer`);
    if (pinnedTo[i]! >= 0 && u[i] !== 0) fail(`pinned mentee ${i} has u = ${u[i]}; pinned mentees are outside the residual problem (u = 0)`);
  }
  for (let j = 0; j < m; j++) if (!exactNonNegative(v[j]!)) fail(`v[${j}] = ${v[j]} is not a non-negative integer`);
  const checkEdge = (i: number, j: number, s: number): void => {
    if (isBanned(i, j)) return;
    if (u[i]! + v[j]! < B + s) fail(`dual infeasible on ${i}→${j}: u + v = ${u[i]! + v[j]!} < w = ${B + s}`);
  };
  const bounds = options.trustScorerCutoffs === true && oracle !== undefined ? ScorerBounds.from(problem, v) : null;
  for (let i = 0; i < n; i++) {
    if (pinnedTo[i]! >= 0) continue;
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) checkEdge(i, adj[e]!, score[e]!);
    if (oracle === undefined) continue;
    if (bounds === null) {
      oracle.forEachEdge(i, (j, s) => checkEdge(i, j, s));
      oraclePairs += m;
      continue;
    }
    // Pairs outside the graph: those the scorer's bounds clear need no score; the others are scored.
    const range = bounds.uncleared(i, u[i]! - B);
    if (range === null) continue;
    oraclePairs += range.to - range.from;
    if (range.view !== null) range.view.forEachEdgeInRange(i, range.from, range.to, (j, s) => checkEdge(i, j, s));
    else oracle.forEachEdge(i, (j, s) => checkEdge(i, j, s));
  }

  // Complementary slackness (diagnostics; (3) below is the actual proof).
  for (let i = 0; i < n; i++) {
    if (pinnedTo[i]! >= 0) continue;
    const j = mentorOf[i]!;
    if (j >= 0 && j < m) {
      const s = matchedScore[i]!;
      if (s >= 0 && u[i]! + v[j]! !== B + s) fail(`matched pair ${i}→${j} is not tight: u + v = ${u[i]! + v[j]!}, w = ${B + s}`);
    } else if (j === -1 && u[i] !== 0) {
      fail(`unmatched mentee ${i} has u = ${u[i]} > 0`);
    }
  }
  for (let j = 0; j < m; j++) {
    if (v[j]! > 0 && residualCap[j]! > 0 && load[j]! < capacity[j]!) fail(`mentor ${j} has room (${load[j]}/${capacity[j]}) but v = ${v[j]} > 0`);
  }

  // (3) Objective equality.
  let dual = 0;
  for (let i = 0; i < n; i++) if (pinnedTo[i]! < 0) dual += u[i]!;
  for (let j = 0; j < m; j++) dual += Math.max(0, residualCap[j]!) * v[j]!;
  if (!Number.isSafeInteger(dual) || !Number.isSafeInteger(primal)) fail('objective sums are not exact integers');
  if (dual !== primal) fail(`dual objective ${dual} ≠ primal objective ${primal}: the assignment is not proven optimal`);
  if (certificate.dualObjective !== dual) fail(`certificate claims dual objective ${certificate.dualObjective}, recomputed ${dual}`);
  if (certificate.primalObjective !== primal) fail(`certificate claims primal objective ${certificate.primalObjective}, recomputed ${primal}`);
  return done();
}

/**
 * The scorer's bounds on missing pairs, arranged for the dual check (written apart from the
 * solver's version on purpose). A missing pair (i, j) scores at most
 * b_ij = min(menteeCutoff[i] + offset_j, mentorCutoff[j]) and needs u_i + v_j ≥ B + b_ij, i.e. with
 * a = u_i − B: v_j − offset_j ≥ menteeCutoff[i] − a, or v_j − mentorCutoff[j] ≥ −a. Mentors are
 * sorted by v − offset; the ones failing the first test form a prefix, and within it everything
 * before the first mentor that also fails the second is cleared. The rest is scored.
 */
class ScorerBounds {
  private constructor(
    private readonly menteeCutoff: Int32Array,
    private readonly sortedKey: Float64Array,
    /** Running maximum of mentorCutoff[j] − v_j along the order. */
    private readonly runningMax: Float64Array,
    private readonly view: OrderedEdgeOracle | null,
    private readonly offsetMax: number,
    private readonly mentorCount: number,
  ) {}

  static from(problem: AssignmentProblem, v: Float64Array): ScorerBounds | null {
    const { menteeCutoff, mentorCutoff, mentorOffset } = problem.graph;
    if (menteeCutoff == null || mentorCutoff == null) return null;
    const m = problem.graph.mentorCount;
    const offset = (j: number): number => (mentorOffset == null ? 0 : mentorOffset[j]!);
    let offsetMax = mentorOffset == null ? 0 : -Infinity;
    const kept: number[] = [];
    for (let j = 0; j < m; j++) {
      offsetMax = Math.max(offsetMax, offset(j));
      // A mentor-side bound below 0 means no pair of this mentor is missing.
      if (mentorCutoff[j]! >= 0) kept.push(j);
    }
    kept.sort((x, y) => v[x]! - offset(x) - (v[y]! - offset(y)) || x - y);
    const order = Int32Array.from(kept);
    const sortedKey = Float64Array.from(kept, (j) => v[j]! - offset(j));
    const runningMax = new Float64Array(kept.length);
    let max = -Infinity;
    kept.forEach((j, t) => {
      max = Math.max(max, mentorCutoff[j]! - v[j]!);
      runningMax[t] = max;
    });
    const view = problem.oracle?.ordered?.(order) ?? null;
    return new ScorerBounds(menteeCutoff, sortedKey, runningMax, view, offsetMax, m);
  }

  /**
   * The positions of the order that must be scored for mentee i (a = u_i − B), or null when the
   * bounds clear every missing pair. Without an ordered oracle the whole row is scored.
   */
  uncleared(i: number, a: number): { from: number; to: number; view: OrderedEdgeOracle | null } | null {
    const mc = this.menteeCutoff[i]!;
    if (mc + this.offsetMax < 0) return null; // every mentee-side bound < 0: nothing is missing
    const end = countBelow(this.sortedKey, this.sortedKey.length, mc - a);
    if (end === 0 || this.runningMax[end - 1]! <= a) return null;
    // runningMax only grows: the mentors before the first one above a are cleared by their own bound.
    const first = countAtMost(this.runningMax, end, a);
    return this.view === null ? { from: 0, to: this.mentorCount, view: null } : { from: first, to: end, view: this.view };
  }
}

/** How many of the ascending values `sorted[0 .. length)` are below `limit`. */
function countBelow(sorted: Float64Array, length: number, limit: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of the ascending values `sorted[0 .. length)` are at most `limit`. */
function countAtMost(sorted: Float64Array, length: number, limit: number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
