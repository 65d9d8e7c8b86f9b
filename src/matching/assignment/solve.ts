/**
 * Exact solves: plain (`solveAssignment`) and pruned (`solveWithPruning`).
 *
 * Both run the same loop: solve on a subgraph, then check the dual certificate on EVERY allowed
 * edge of the full problem; edges that violate it (u_i + v_j < w_ij) are added to the subgraph and
 * the solve resumes warm from the current matching and duals. When the check passes, the duals are
 * feasible for the full problem and complementary slackness holds (it does not depend on which
 * edges are present), so the result is optimal for the full problem — pruning never costs
 * exactness, only (rarely) extra rounds. Each round adds at least one new edge, so it terminates.
 *
 * With an oracle (pairs not in memory, scored on demand), a round first checks the candidate
 * graph's own edges, and consults the oracle only when those all pass: prices early on are far
 * from final (a mentor with few candidates in the subgraph looks cheap), and judging the oracle's
 * pairs against them would score huge parts of the problem again for edges the graph already has.
 */
import { explainUnmatched } from './explain.js';
import { PrimalDualSolver } from './primal-dual.js';
import { selectAllUsable, selectTwoSidedTopK, type Selection } from './prune.js';
import { AssignmentInputError, pairKey, prepareResidual, validateProblem, type Residual } from './residual.js';
import { MAX_SCORE, type AssignmentProblem, type AssignmentResult, type EdgeOracle, type OrderedEdgeOracle } from './types.js';
import { createEdgeBatch, mergeWorkGraph, pushEdge, workGraphFromEdges, type EdgeBatch, type WorkGraph } from './work-graph.js';

export interface PruningOptions {
  /** Candidates kept per mentee (and per unit of mentor capacity) in the starting subgraph. */
  readonly k: number;
  /** Most-violated graph edges pulled in per mentee per repair round; default `k`. */
  readonly widen?: number;
  /**
   * Most-violated oracle pairs pulled in per mentee per oracle check; default 4 × `widen`. Oracle
   * pairs cost a scoring pass to find, so each check takes more of them than a graph check does.
   */
  readonly oracleWiden?: number;
}

/**
 * Exact lexicographic optimum (matched count, then total score) over all allowed pairs, solving on
 * the whole candidate graph. With an oracle, the graph is the starting subgraph and oracle pairs
 * that the certificate needs are pulled in (up to 64 per mentee per oracle check).
 */
export function solveAssignment(problem: AssignmentProblem): AssignmentResult {
  const residual = prepareResidual(problem);
  return solveRounds(problem, residual, selectAllUsable(problem.graph, residual), 16, 64);
}

/**
 * The same optimum, computed on a two-sided top-k subgraph that is widened until the certificate
 * holds on every allowed pair. Use for large programmes; the result is exactly optimal.
 */
export function solveWithPruning(problem: AssignmentProblem, options: PruningOptions): AssignmentResult {
  const widen = options.widen ?? options.k;
  const oracleWiden = options.oracleWiden ?? 4 * widen;
  for (const [name, value] of [['widen', widen], ['oracleWiden', oracleWiden]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  // The selection reads every edge anyway: it does the per-edge input checks in the same pass (on
  // a dense graph a second pass over the edges costs about as much as the selection itself).
  const residual = prepareResidual(problem, true);
  const selection = selectTwoSidedTopK(problem.graph, residual, options.k, problem.graph.mentorOffset ?? null, true);
  if (selection.edgesValid === false) {
    const issues = validateProblem(problem);
    if (issues.length > 0) throw new AssignmentInputError(issues);
  }
  return solveRounds(problem, residual, selection, widen, oracleWiden);
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
  /** Oracle rows enumerated (whole or in part) and mentor positions visited. */
  readonly oracleRows: number;
  readonly oraclePairs: number;
}

/**
 * The scorer's cutoffs as a per-mentee test. A pair (i, j) the graph left out scores at most
 * min(mc_i + o_j, Mc_j) (o = the scorer's mentor offsets, 0 without), so with a = u_i − B it is
 * dual-feasible when v_j − o_j ≥ mc_i − a or Mc_j − v_j ≤ a. Sorting the mentors by w = v − o turns
 * the failures of the first condition into a prefix of that order, and a prefix maximum of
 * Mc_j − v_j tells whether any of them also fails the second: O(log m) per mentee. When some do,
 * `range` returns the positions from the first such mentor to the end of the prefix — the only
 * mentors whose pairs with i must be scored (an ordered oracle scores just those).
 */
class CutoffTest {
  /** Usable mentors that dropped something, by ascending w. */
  readonly order: Int32Array;
  private readonly sortedW: Float64Array;
  private readonly prefixMax: Float64Array;
  private readonly maxOffset: number;
  from = 0;
  to = 0;

  constructor(
    private readonly menteeCutoff: Int32Array,
    mentorCutoff: Int32Array,
    offset: Int32Array | null,
    capacity: Int32Array,
    v: Float64Array,
    /** Restrict the test to these mentors (1 = included); all when omitted. */
    include?: Uint8Array,
  ) {
    const m = v.length;
    const w = new Float64Array(m);
    let count = 0;
    let maxOffset = offset === null ? 0 : -Infinity;
    // Mentors that dropped nothing (cutoff −1) have no missing pairs; zero-capacity mentors are priced out.
    const ids = new Int32Array(m);
    for (let j = 0; j < m; j++) {
      if (offset !== null) maxOffset = Math.max(maxOffset, offset[j]!);
      if (mentorCutoff[j]! < 0 || capacity[j]! <= 0 || (include !== undefined && include[j] !== 1)) continue;
      w[j] = v[j]! - (offset === null ? 0 : offset[j]!);
      ids[count++] = j;
    }
    this.maxOffset = maxOffset;
    this.order = ids.slice(0, count).sort((x, y) => w[x]! - w[y]! || x - y);
    this.sortedW = new Float64Array(count);
    this.prefixMax = new Float64Array(count);
    let max = -Infinity;
    for (let t = 0; t < count; t++) {
      const j = this.order[t]!;
      this.sortedW[t] = w[j]!;
      max = Math.max(max, mentorCutoff[j]! - v[j]!);
      this.prefixMax[t] = max;
    }
  }

  /**
   * Sets `from`/`to` to the positions of `order` whose pairs with mentee i the cutoffs cannot
   * prove dual-feasible (a = u_i − B); returns false when there are none.
   */
  range(i: number, a: number): boolean {
    const mc = this.menteeCutoff[i]!;
    // Every mentee-side bound is below 0: nothing of this mentee's row is missing.
    if (mc + this.maxOffset < 0) return false;
    const limit = mc - a;
    let lo = 0;
    let hi = this.sortedW.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.sortedW[mid]! < limit) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0 || this.prefixMax[lo - 1]! <= a) return false;
    // prefixMax is non-decreasing: the first position where it exceeds a is the first failure.
    let f = 0;
    hi = lo - 1;
    while (f < hi) {
      const mid = (f + hi) >> 1;
      if (this.prefixMax[mid]! > a) hi = mid;
      else f = mid + 1;
    }
    this.from = f;
    this.to = lo;
    return true;
  }
}

/**
 * The per-edge test is one add and one compare when prices are shifted by B: u_i + vb_j − s < 0.
 * Zero-residual-capacity mentors are not in the subgraph at all; their dual costs nothing
 * (cap'_j·v_j = 0), so they get v_j = B + MAX_SCORE, which covers every edge since u ≥ 0.
 */
function shiftedPrices(residual: Residual, v: Float64Array): Float64Array {
  const B = residual.bonus;
  const vb = new Float64Array(v.length);
  for (let j = 0; j < v.length; j++) {
    if (residual.capacity[j] === 0) v[j] = B + MAX_SCORE;
    vb[j] = v[j]! - B;
  }
  return vb;
}

/**
 * Checks the dual certificate on the candidate graph's edges outside the subgraph and collects the
 * violated ones (grouped by mentee, ascending). A mentee is skipped wholesale when
 * u_i ≥ B + (bound on its unselected scores); else its graph row is scanned (subgraph edges are
 * feasible by the solver's invariant).
 */
function checkGraph(
  problem: AssignmentProblem,
  residual: Residual,
  selection: Selection,
  work: WorkGraph,
  u: Float64Array,
  v: Float64Array,
  vb: Float64Array,
  widen: number,
): CheckOutcome {
  const n = residual.menteeCount;
  const B = residual.bonus;
  const { pinnedMentor, bannedEdge, hasBan } = residual;
  const { offsets, mentor, score } = problem.graph;
  const bound = selection.unselectedBound;
  const batch = createEdgeBatch();
  const dirty: number[] = [];
  const collector = new ViolationCollector(widen);
  // Rows the mentee-side bound alone cannot clear get the two-sided test (built on first need):
  // a left-out pair (i, j) scores at most min(bound_i, mentorBound_j), the scorer-cutoff test with
  // the selection's own bounds. On dense graphs it spares re-reading most of the rows.
  const mentorBound = selection.mentorBound;
  let twoSided: CutoffTest | undefined;
  for (let i = 0; i < n; i++) {
    if (pinnedMentor[i]! >= 0) continue;
    const ui = u[i]!;
    if (bound[i]! < 0 || ui >= B + bound[i]!) continue;
    if (mentorBound !== undefined) {
      twoSided ??= new CutoffTest(bound, mentorBound, null, residual.capacity, v);
      if (!twoSided.range(i, ui - B)) continue;
    }
    const end = offsets[i + 1]!;
    const checkBans = hasBan[i] === 1;
    let violated = false;
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
    if (violated) {
      collector.flush(i, batch);
      dirty.push(i);
    }
  }
  return { batch, dirty: Int32Array.from(dirty), oracleRows: 0, oraclePairs: 0 };
}

/**
 * What an oracle check proved, for the next one. After a check at duals (u°, v°), every pair
 * (i, j) of a `verified` mentee that is neither in the candidate graph nor in the subgraph has
 * s_ij ≤ u°_i + v°_j − B: it was scored and found feasible, cleared by the cutoffs (which bound
 * it by something feasible), or — if violated — pulled into the subgraph (all of them: a mentee
 * with more violations than were pulled is not verified). Later, with duals (u, v), such a pair is
 * still feasible when (u_i − u°_i) + (v_j − v°_j) ≥ 0. So a verified mentee whose u did not fall
 * needs a second look only at mentors whose price fell since: the same cutoff test, run over just
 * those mentors, picks the few pairs to score.
 */
interface OracleMemory {
  readonly u: Float64Array;
  readonly v: Float64Array;
  readonly verified: Uint8Array;
}

/**
 * Checks the dual certificate on the oracle's pairs outside the candidate graph (run only once
 * the graph's own edges all pass, so every graph pair is known feasible). Per mentee, the scorer's
 * cutoffs clear most pairs; the rest are scored through the oracle — just the mentors the cutoffs
 * could not clear when the oracle is ordered, else the mentee's whole row. With `memory` from the
 * previous check, mentees it verified are re-checked only where duals moved against them.
 */
function checkOracle(
  problem: AssignmentProblem,
  oracle: EdgeOracle,
  residual: Residual,
  work: WorkGraph,
  u: Float64Array,
  v: Float64Array,
  vb: Float64Array,
  widen: number,
  memory: OracleMemory | null,
): CheckOutcome & { readonly memory: OracleMemory } {
  const { graph } = problem;
  const n = residual.menteeCount;
  const m = residual.mentorCount;
  const B = residual.bonus;
  const { capacity, pinnedMentor, banKeys } = residual;
  const batch = createEdgeBatch();
  const dirty: number[] = [];
  const collector = new ViolationCollector(widen);
  const { menteeCutoff, mentorCutoff } = graph;
  const offset = graph.mentorOffset ?? null;
  const cutoffs = menteeCutoff != null && mentorCutoff != null ? new CutoffTest(menteeCutoff, mentorCutoff, offset, capacity, v) : undefined;
  const view = cutoffs !== undefined && oracle.ordered !== undefined ? oracle.ordered(cutoffs.order) : undefined;
  // The same test over the mentors whose price fell since the last check, for verified mentees.
  let again: CutoffTest | undefined;
  let againView: OrderedEdgeOracle | undefined;
  if (memory !== null && view !== undefined) {
    const fell = new Uint8Array(m);
    for (let j = 0; j < m; j++) if (v[j]! < memory.v[j]!) fell[j] = 1;
    again = new CutoffTest(menteeCutoff!, mentorCutoff!, offset, capacity, v, fell);
    againView = oracle.ordered!(again.order);
  }
  const hasBans = banKeys.size > 0;
  const verified = new Uint8Array(n);
  let oracleRows = 0;
  let oraclePairs = 0;
  let i = 0;
  let ui = 0;
  let violations = 0;
  const visit = (j: number, s: number): void => {
    const slack = ui + vb[j]! - s;
    if (slack >= 0 || capacity[j] === 0 || (hasBans && banKeys.has(pairKey(i, j, m)))) return;
    if (hasWorkEdge(work, i, j)) throw new Error(`assignment solver invariant broken: subgraph edge ${i}→${j} violates its dual`);
    collector.offer(-slack, j, s);
    violations++;
  };
  for (i = 0; i < n; i++) {
    if (pinnedMentor[i]! >= 0) continue;
    ui = u[i]!;
    violations = 0;
    const recheck = again !== undefined && memory!.verified[i] === 1 && ui >= memory!.u[i]!;
    const test = recheck ? again : cutoffs;
    // Without cutoffs every pair of the mentee is scored.
    if (test !== undefined && !test.range(i, ui - B)) {
      verified[i] = 1;
      continue;
    }
    oracleRows++;
    if (test !== undefined && view !== undefined) {
      oraclePairs += test.to - test.from;
      (recheck ? againView! : view).forEachEdgeInRange(i, test.from, test.to, visit);
    } else {
      oraclePairs += m;
      oracle.forEachEdge(i, visit);
    }
    if (violations > 0) {
      collector.flush(i, batch);
      dirty.push(i);
    }
    if (violations <= widen) verified[i] = 1;
  }
  return { batch, dirty: Int32Array.from(dirty), oracleRows, oraclePairs, memory: { u: Float64Array.from(u), v: Float64Array.from(v), verified } };
}

function hasWorkEdge(work: WorkGraph, mentee: number, mentor: number): boolean {
  for (let e = work.offsets[mentee]!; e < work.offsets[mentee + 1]!; e++) if (work.mentor[e] === mentor) return true;
  return false;
}

/** Guard against a solver bug turning the repair loop infinite; each round adds ≥ 1 edge. */
const MAX_ROUNDS = 100_000;

/** `SolverStats.edgesTotal`: exact without an oracle; with one, from the scorer's counts if given. */
function countAllowedEdges(problem: AssignmentProblem, residual: Residual, selection: Selection): number {
  const eligible = problem.graph.eligibleCount;
  if (problem.oracle === undefined || eligible == null) return selection.usableCount;
  let total = 0;
  for (let i = 0; i < residual.menteeCount; i++) if (residual.pinnedMentor[i]! < 0) total += eligible[i]!;
  return total;
}

function solveRounds(problem: AssignmentProblem, residual: Residual, selection: Selection, widen: number, oracleWiden: number): AssignmentResult {
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
  let oracleRows = 0;
  let oraclePairs = 0;
  let oracleChecks = 0;
  const { oracle } = problem;
  let memory: OracleMemory | null = null;
  for (;;) {
    // The candidate graph first (cheap: its rows are in memory); the oracle only once the graph
    // is settled, so that the pairs it must score are judged against near-final prices.
    const vb = shiftedPrices(residual, solver.v);
    let check = checkGraph(problem, residual, selection, work, solver.u, solver.v, vb, widen);
    if (check.batch.length === 0 && oracle !== undefined) {
      const oracleCheck = checkOracle(problem, oracle, residual, work, solver.u, solver.v, vb, oracleWiden, memory);
      memory = oracleCheck.memory;
      check = oracleCheck;
      oracleChecks++;
      oracleRows += check.oracleRows;
      oraclePairs += check.oraclePairs;
    }
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
      edgesTotal: countAllowedEdges(problem, residual, selection),
      edgesAddedByRepair: added,
      oracleRows,
      oraclePairs,
      oracleChecks,
    },
  };
}
