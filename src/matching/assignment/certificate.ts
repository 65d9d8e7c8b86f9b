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
import { MAX_SCORE, type AssignmentProblem, type AssignmentResult } from './types.js';

export interface CertificateCheck {
  readonly ok: boolean;
  readonly violations: string[];
}

const MAX_MESSAGES = 50;

export function verifyCertificate(problem: AssignmentProblem, result: AssignmentResult): CertificateCheck {
  const violations: string[] = [];
  let suppressed = 0;
  const fail = (message: string): void => {
    if (violations.length < MAX_MESSAGES) violations.push(message);
    else suppressed++;
  };
  const done = (): CertificateCheck => {
    if (suppressed > 0) violations.push(`… and ${suppressed} more violations`);
    return { ok: violations.length === 0, violations };
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
    let s = -1;
    oracle?.forEachEdge(i, (jj, ss) => {
      if (jj === j) s = ss;
    });
    return s;
  };

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
    const s = allowed(i, j);
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
  for (let i = 0; i < n; i++) {
    if (pinnedTo[i]! >= 0) continue;
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) checkEdge(i, adj[e]!, score[e]!);
    oracle?.forEachEdge(i, (j, s) => checkEdge(i, j, s));
  }

  // Complementary slackness (diagnostics; (3) below is the actual proof).
  for (let i = 0; i < n; i++) {
    if (pinnedTo[i]! >= 0) continue;
    const j = mentorOf[i]!;
    if (j >= 0 && j < m) {
      const s = allowed(i, j);
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
