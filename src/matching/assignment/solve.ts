/**
 * Exact solves: plain (`solveAssignment`) and pruned (`solveWithPruning`).
 *
 * Both run the same loop: solve on a subgraph, then check the dual certificate on EVERY allowed
 * edge of the full problem; edges that violate it (u_i + v_j < w_ij) are added to the subgraph and
 * the solve resumes warm from the current matching and duals. When the check passes, the duals are
 * feasible for the full problem and complementary slackness holds (it does not depend on which
 * edges are present), so the result is optimal for the full problem — pruning never costs
 * exactness, only (rarely) extra rounds. Each round adds at least one new edge, so it terminates.
 */
import { explainUnmatched } from './explain.js';
import { PrimalDualSolver } from './primal-dual.js';
import { selectAllUsable, selectTwoSidedTopK, type Selection } from './prune.js';
import { pairKey, prepareResidual, type Residual } from './residual.js';
import { MAX_SCORE, type AssignmentProblem, type AssignmentResult } from './types.js';
import { createEdgeBatch, mergeWorkGraph, pushEdge, workGraphFromEdges, type EdgeBatch, type WorkGraph } from './work-graph.js';

export interface PruningOptions {
  /** Candidates kept per mentee (and per unit of mentor capacity) in the starting subgraph. */
  readonly k: number;
  /** Most-violated edges pulled in per mentee per repair round; default `k`. */
  readonly widen?: number;
}

/**
 * Exact lexicographic optimum (matched count, then total score) over all allowed pairs, solving on
 * the whole candidate graph. With an oracle, the graph is the starting subgraph and oracle pairs
 * that the certificate needs are pulled in (up to 16 per mentee per round).
 */
export function solveAssignment(problem: AssignmentProblem): AssignmentResult {
  const residual = prepareResidual(problem);
  return solveRounds(problem, residual, selectAllUsable(problem.graph, residual), 16);
}

/**
 * The same optimum, computed on a two-sided top-k subgraph that is widened until the certificate
 * holds on every allowed pair. Use for large programmes; the result is exactly optimal.
 */
export function solveWithPruning(problem: AssignmentProblem, options: PruningOptions): AssignmentResult {
  const widen = options.widen ?? options.k;
  if (!Number.isInteger(widen) || widen < 1) throw new RangeError(`widen must be a positive integer, got ${widen}`);
  const residual = prepareResidual(problem);
  return solveRounds(problem, residual, selectTwoSidedTopK(problem.graph, residual, options.k), widen);
}

/** Keeps the `limit` most violated edges of one mentee (a min-heap on the violation amount). */
class ViolationCollector {
  private readonly amount: Float64Array;
  private readonly mentor: Int32Array;
  private readonly score: Int32Array;
  private size = 0;

  constructor(private readonly limit: number) {
    this.amount = new Float64Array(limit);
    this.mentor = new Int32Array(limit);
    this.score = new Int32Array(limit);
  }

  offer(amount: number, mentor: number, score: number): void {
    let k: number;
    if (this.size < this.limit) {
      k = this.size++;
      while (k > 0) {
        const p = (k - 1) >> 1;
        if (this.amount[p]! <= amount) break;
        this.move(p, k);
        k = p;
      }
    } else {
      if (amount <= this.amount[0]!) return;
      k = 0;
      const half = this.size >> 1;
      while (k < half) {
        let c = 2 * k + 1;
        if (c + 1 < this.size && this.amount[c + 1]! < this.amount[c]!) c++;
        if (this.amount[c]! >= amount) break;
        this.move(c, k);
        k = c;
      }
    }
    this.amount[k] = amount;
    this.mentor[k] = mentor;
    this.score[k] = score;
  }

  private move(from: number, to: number): void {
    this.amount[to] = this.amount[from]!;
    this.mentor[to] = this.mentor[from]!;
    this.score[to] = this.score[from]!;
  }

  /** Emits the kept edges for `mentee` and resets; returns how many. */
  flush(mentee: number, batch: EdgeBatch): number {
    const count = this.size;
    for (let t = 0; t < count; t++) pushEdge(batch, mentee, this.mentor[t]!, this.score[t]!);
    this.size = 0;
    return count;
  }
}

interface CheckOutcome {
  readonly batch: EdgeBatch;
  readonly dirty: Int32Array;
  readonly edgesTotal: number;
  readonly oracleRows: number;
}

/**
 * The scorer's cutoffs as a per-mentee test. A pair (i, j) the graph left out scores at most
 * min(mc_i, Mc_j), so all of them are covered iff no usable mentor j has v_j + a < mc_i and
 * v_j + a < Mc_j, with a = u_i − B. Sorting mentors by v turns "v_j < mc_i − a" into a prefix, and a
 * prefix maximum of Mc_j − v_j answers the second half: O(log m) per mentee.
 */
class CutoffTest {
  private readonly sortedV: Float64Array;
  private readonly prefixMax: Float64Array;

  constructor(
    private readonly menteeCutoff: Int32Array,
    mentorCutoff: Int32Array,
    capacity: Int32Array,
    v: Float64Array,
  ) {
    const ids: number[] = [];
    // Mentors that dropped nothing (−1) have no missing pairs; zero-capacity mentors are priced out.
    for (let j = 0; j < v.length; j++) if (mentorCutoff[j]! >= 0 && capacity[j]! > 0) ids.push(j);
    ids.sort((x, y) => v[x]! - v[y]!);
    this.sortedV = new Float64Array(ids.length);
    this.prefixMax = new Float64Array(ids.length);
    let max = -Infinity;
    for (let t = 0; t < ids.length; t++) {
      const j = ids[t]!;
      this.sortedV[t] = v[j]!;
      max = Math.max(max, mentorCutoff[j]! - v[j]!);
      this.prefixMax[t] = max;
    }
  }

  /** True when every pair of mentee i missing from the graph is dual-feasible. */
  covers(i: number, a: number): boolean {
    const mc = this.menteeCutoff[i]!;
    if (mc < 0) return true;
    const limit = mc - a;
    let lo = 0;
    let hi = this.sortedV.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sortedV[mid]! < limit) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 || this.prefixMax[lo - 1]! <= a;
  }
}

/**
 * Checks the dual certificate on every allowed pair of the full problem and collects the violated
 * edges (grouped by mentee, ascending). Per mentee:
 *  - graph edges: skipped wholesale when u_i ≥ B + (bound on its unselected scores), else its row
 *    is scanned (subgraph edges are feasible by the solver's invariant, and re-checked here);
 *  - with an oracle: pairs outside the graph are covered by the scorer's cutoffs when given and
 *    sufficient; otherwise the mentee's oracle row is enumerated (which covers its graph edges too).
 *
 * Zero-residual-capacity mentors are not in the subgraph at all. Their dual costs nothing
 * (cap'_j·v_j = 0), so they get v_j = B + MAX_SCORE, which covers every edge since u ≥ 0.
 */
function checkCertificate(
  problem: AssignmentProblem,
  residual: Residual,
  selection: Selection,
  work: WorkGraph,
  u: Float64Array,
  v: Float64Array,
  widen: number,
): CheckOutcome {
  const { graph, oracle } = problem;
  const n = residual.menteeCount;
  const m = residual.mentorCount;
  const B = residual.bonus;
  const { capacity, pinnedMentor, bannedEdge, hasBan, banKeys } = residual;
  const { offsets, mentor, score } = graph;
  const bound = selection.unselectedBound;
  const batch = createEdgeBatch();
  const dirty: number[] = [];
  const collector = new ViolationCollector(widen);
  let edgesTotal = selection.usableCount;
  let oracleRows = 0;
  // vb = v − B, so that the per-edge test is one add and one compare: u_i + vb_j − s < 0.
  const vb = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    if (capacity[j] === 0) v[j] = B + MAX_SCORE;
    vb[j] = v[j]! - B;
  }
  const cutoffs =
    oracle !== undefined && graph.menteeCutoff != null && graph.mentorCutoff != null
      ? new CutoffTest(graph.menteeCutoff, graph.mentorCutoff, capacity, v)
      : undefined;
  for (let i = 0; i < n; i++) {
    if (pinnedMentor[i]! >= 0) continue;
    const ui = u[i]!;
    let violated = false;
    if (oracle !== undefined && (cutoffs === undefined || !cutoffs.covers(i, ui - B))) {
      // This mentee's row is checked pair by pair, from the oracle; its graph edges are among them.
      oracleRows++;
      const checkBans = hasBan[i] === 1;
      for (let e = offsets[i]!; e < offsets[i + 1]!; e++) {
        if (capacity[mentor[e]!]! > 0 && !(checkBans && bannedEdge[e] === 1)) edgesTotal--;
      }
      oracle.forEachEdge(i, (j, s) => {
        if (capacity[j] === 0 || banKeys.has(pairKey(i, j, m))) return;
        edgesTotal++;
        const slack = ui + vb[j]! - s;
        if (slack >= 0) return;
        if (hasWorkEdge(work, i, j)) throw new Error(`assignment solver invariant broken: subgraph edge ${i}→${j} violates its dual`);
        collector.offer(-slack, j, s);
        violated = true;
      });
    } else if (bound[i]! >= 0 && ui < B + bound[i]!) {
      const end = offsets[i + 1]!;
      const checkBans = hasBan[i] === 1;
      for (let e = offsets[i]!; e < end; e++) {
        const j = mentor[e]!;
        const slack = ui + vb[j]! - score[e]!;
        if (slack >= 0 || (checkBans && bannedEdge[e] === 1)) continue;
        // A violated edge must be outside the subgraph (inside, the solver keeps every edge
        // feasible); checking scans the mentee's subgraph row, but only on the rare violations.
        if (hasWorkEdge(work, i, j)) throw new Error(`assignment solver invariant broken: subgraph edge ${i}→${j} violates its dual`);
        collector.offer(-slack, j, score[e]!);
        violated = true;
      }
    }
    if (violated) {
      collector.flush(i, batch);
      dirty.push(i);
    }
  }
  return { batch, dirty: Int32Array.from(dirty), edgesTotal, oracleRows };
}

function hasWorkEdge(work: WorkGraph, mentee: number, mentor: number): boolean {
  for (let e = work.offsets[mentee]!; e < work.offsets[mentee + 1]!; e++) if (work.mentor[e] === mentor) return true;
  return false;
}

/** Guard against a solver bug turning the repair loop infinite; each round adds ≥ 1 edge. */
const MAX_ROUNDS = 100_000;

function solveRounds(problem: AssignmentProblem, residual: Residual, selection: Selection, widen: number): AssignmentResult {
  const initialEdges = selection.edges;
  const n = residual.menteeCount;
  const m = residual.mentorCount;
  const B = residual.bonus;
  let work: WorkGraph = workGraphFromEdges(problem.graph, initialEdges);
  let solver = new PrimalDualSolver(work, residual.capacity, B);
  const roots: number[] = [];
  for (let i = 0; i < n; i++) if (residual.pinnedMentor[i]! < 0) roots.push(i);
  solver.solve(roots);

  const totals = { searches: 0, direct: 0, auction: 0, augmentations: 0, unmatchings: 0, mentorSearches: 0, heapPops: 0, edgeScans: 0 };
  const absorb = (s: PrimalDualSolver): void => {
    totals.searches += s.menteeSearches + s.mentorSearches;
    totals.direct += s.directAssignments;
    totals.auction += s.auctionSteps;
    totals.augmentations += s.augmentations;
    totals.unmatchings += s.unmatchings;
    totals.mentorSearches += s.mentorSearches;
    totals.heapPops += s.heapPops;
    totals.edgeScans += s.edgeScans;
  };
  let rounds = 1;
  let added = 0;
  let edgesTotal = 0;
  let oracleRows = 0;
  for (;;) {
    const check = checkCertificate(problem, residual, selection, work, solver.u, solver.v, widen);
    edgesTotal = check.edgesTotal;
    oracleRows += check.oracleRows;
    if (check.batch.length === 0) break;
    if (++rounds > MAX_ROUNDS) throw new Error('assignment solver: certificate repair did not converge');
    const { batch } = check;
    added += batch.length;
    work = mergeWorkGraph(work, batch);
    absorb(solver);
    solver = new PrimalDualSolver(work, residual.capacity, B, solver);
    solver.solve(check.dirty);
  }
  absorb(solver);

  // Assemble the answer: solver pairs + pins, scores from the subgraph.
  const mentorOf = new Int32Array(n);
  const scoreOf = new Int32Array(n).fill(-1);
  let matchedCount = residual.pinnedCount;
  let totalScore = residual.pinnedScoreTotal;
  let primalObjective = 0;
  for (let i = 0; i < n; i++) {
    const pinned = residual.pinnedMentor[i]!;
    if (pinned >= 0) {
      mentorOf[i] = pinned;
      scoreOf[i] = residual.pinnedScore[i]!;
      continue;
    }
    const j = solver.mentorOf[i]!;
    mentorOf[i] = j;
    if (j < 0) continue;
    for (let e = work.offsets[i]!; e < work.offsets[i + 1]!; e++) {
      if (work.mentor[e] === j) {
        scoreOf[i] = work.score[e]!;
        break;
      }
    }
    matchedCount++;
    totalScore += scoreOf[i]!;
    primalObjective += B + scoreOf[i]!;
  }
  let dualObjective = 0;
  for (let i = 0; i < n; i++) dualObjective += solver.u[i]!;
  for (let j = 0; j < m; j++) dualObjective += residual.capacity[j]! * solver.v[j]!;
  const outcome = { mentorOf, scoreOf, matchedCount, totalScore };
  return {
    ...outcome,
    pinnedCount: residual.pinnedCount,
    certificate: {
      matchBonus: B,
      menteeDual: solver.u,
      mentorDual: solver.v,
      dualObjective,
      primalObjective,
    },
    unmatched: explainUnmatched(problem, outcome),
    stats: {
      iterations: totals.searches,
      directAssignments: totals.direct,
      auctionSteps: totals.auction,
      augmentations: totals.augmentations,
      unmatchings: totals.unmatchings,
      mentorSearches: totals.mentorSearches,
      heapPops: totals.heapPops,
      edgeScans: totals.edgeScans,
      rounds,
      edgesUsed: work.mentor.length,
      edgesTotal,
      edgesAddedByRepair: added,
      oracleRows,
    },
  };
}
