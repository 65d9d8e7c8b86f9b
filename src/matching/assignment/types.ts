/**
 * Plain-data types of the capacitated assignment engine.
 *
 * Objective (lexicographic, everywhere in this folder): an assignment is better than another if it
 * matches MORE mentees; among assignments matching the same number of mentees, the one with the
 * larger total score is better. Pins are forced and bans are forbidden before either criterion is
 * applied, i.e. we optimise over the assignments that honour every pin and break no ban.
 */

/** Scores are integers in hundredths of a point: 0..10000 is 0.00..100.00 points. */
export const MAX_SCORE = 10_000;

/**
 * Sparse candidate graph produced by the scorer, in CSR form over mentees: the allowed mentors of
 * mentee `i` are `mentor[offsets[i] .. offsets[i+1])` with scores at the same positions. Only pairs
 * that pass the hard rules and the programme's minimum score are present; a pair is listed once.
 */
export interface CandidateGraph {
  readonly menteeCount: number;
  readonly mentorCount: number;
  /** Length `menteeCount + 1`, non-decreasing, `offsets[0] = 0`, `offsets[menteeCount] = edge count`. */
  readonly offsets: Int32Array;
  /** Mentor index of each candidate edge. */
  readonly mentor: Int32Array;
  /** Integer score of each candidate edge, `0..MAX_SCORE`. */
  readonly score: Int32Array;
  /**
   * Optional, for a graph the scorer pruned (meaningful with an `oracle`): bounds on the allowed
   * pairs it left out. A missing pair (i, j) scores at most
   *     min(menteeCutoff[i] + mentorOffset[j], mentorCutoff[j])      (mentorOffset absent: 0).
   * A bound below 0 means no pair is missing there (scores are ≥ 0): −1 on the mentor side, and
   * −1 on the mentee side without offsets, say "this side dropped nothing". With them, the
   * certificate check proves most pairs feasible without scoring them again.
   *
   * `mentorOffset` lets the scorer rank a mentee's mentors by `score − offset_j` rather than by
   * score (e.g. offset = an estimate of the mentor's price): then the mentee-side bound follows the
   * duals far more closely and the check needs to score far fewer pairs. Any offsets are sound.
   */
  readonly menteeCutoff?: Int32Array | null;
  readonly mentorCutoff?: Int32Array | null;
  readonly mentorOffset?: Int32Array | null;
  /**
   * Optional: the number of allowed pairs of each mentee before pruning (the scorer counts them).
   * With an oracle it spares enumerating rows just to count (unmatched reasons, `edgesTotal`).
   */
  readonly eligibleCount?: Int32Array | null;
}

/** One mentee–mentor pair, by index. */
export interface Pair {
  readonly mentee: number;
  readonly mentor: number;
}

/**
 * Enumerates EVERY allowed pair of a mentee (hard rules and minimum score applied, coordinator bans
 * not necessarily — the engine applies bans itself). Use it when the full pair set is too large to
 * materialise (50,000 × 10,000 is 5·10⁸ pairs): the scorer hands over a pruned `graph` plus this
 * oracle, and the pruned solve pulls in exactly the pairs the optimality certificate needs and
 * verifies duals against all of them. The graph must be a subset of the oracle with equal scores.
 * Cost: each certificate check enumerates every pair once (the solve itself stays on the subgraph).
 */
export interface EdgeOracle {
  forEachEdge(mentee: number, visit: (mentor: number, score: number) => void): void;
  /**
   * Optional: the score of one pair, or −1 when it is not allowed. Saves enumerating a whole row
   * to look up a single pair (pins, pairs the solver pulled in, verification of the matching).
   */
  pairScore?(mentee: number, mentor: number): number;
  /**
   * Optional, the fast path for big problems: fixes an order of some mentors (local indices,
   * distinct) and returns a view that enumerates, for one mentee, the allowed pairs with the
   * mentors at positions `from .. to − 1` of that order — exactly those, each once, same scores as
   * `forEachEdge`. The certificate check orders mentors by price, so the pairs the scorer's cutoffs
   * cannot clear are a short range per mentee: it scores those instead of the whole row.
   */
  ordered?(order: Int32Array): OrderedEdgeOracle;
}

export interface OrderedEdgeOracle {
  forEachEdgeInRange(mentee: number, from: number, to: number, visit: (mentor: number, score: number) => void): void;
}

export interface AssignmentProblem {
  readonly graph: CandidateGraph;
  /** Per mentor, how many mentees they take (≥ 0). Length `mentorCount`. */
  readonly capacity: Int32Array;
  /** Pairs that must be made. The caller has checked the hard rules; a pin uses one capacity unit. */
  readonly pins?: readonly Pair[];
  /** Pairs that must never be made. Banning a pair that is not a candidate is harmless. */
  readonly bans?: readonly Pair[];
  /** Optional full-pair oracle; when present, "allowed pairs" means the oracle's pairs. */
  readonly oracle?: EdgeOracle;
}

/** What every assignment (exact or baseline) reports. */
export interface AssignmentOutcome {
  /** Mentor of each mentee, or −1 when unmatched. Pinned mentees carry their pinned mentor. */
  readonly mentorOf: Int32Array;
  /** Score of each mentee's pair, or −1 when unmatched. */
  readonly scoreOf: Int32Array;
  /** Number of matched mentees, pins included. */
  readonly matchedCount: number;
  /** Sum of the scores of all pairs made, pins included (hundredths of a point). */
  readonly totalScore: number;
}

/**
 * LP duals proving optimality of the assignment for the residual problem (pins fixed and removed,
 * their capacity subtracted), with per-edge weight `w = matchBonus + score`.
 *
 * The LP is `max Σ w·x` s.t. `Σ_j x_ij ≤ 1` (mentee), `Σ_i x_ij ≤ cap'_j` (mentor), `x ≥ 0`; its
 * dual is `min Σ u_i + Σ cap'_j·v_j` s.t. `u_i + v_j ≥ w_ij` on every allowed edge, `u, v ≥ 0`.
 * Weak duality: any feasible assignment has weight ≤ any feasible dual objective, so a feasible
 * assignment whose weight EQUALS a feasible dual objective is optimal. See `verifyCertificate`.
 */
export interface OptimalityCertificate {
  /**
   * The per-match bonus `B` added to every score so that maximising `B·matched + totalScore` is the
   * lexicographic objective. See `lexicographicBonus` for the proof of why it is large enough.
   */
  readonly matchBonus: number;
  /** `u_i` per mentee (0 for pinned mentees, which are outside the residual problem). */
  readonly menteeDual: Float64Array;
  /** `v_j` per mentor. */
  readonly mentorDual: Float64Array;
  /** `Σ u_i + Σ cap'_j·v_j` as computed by the solver (the verifier recomputes it). */
  readonly dualObjective: number;
  /** `Σ (B + score)` over the non-pinned pairs made (the verifier recomputes it). */
  readonly primalObjective: number;
}

/** Machine-independent work counters (no clocks in the pure engine). */
export interface SolverStats {
  /** Shortest-path searches run (mentee-rooted + mentor-rooted); the solver's "iterations". */
  readonly iterations: number;
  /** Mentees settled without a search: their best edge was tight and its mentor had room. */
  readonly directAssignments: number;
  /** Mentees settled by outbidding the holder of a one-place mentor (no search; see primal-dual.ts). */
  readonly auctionSteps: number;
  /** Searches that ended by adding a pair (the matched count grew or a mentor gained a mentee). */
  readonly augmentations: number;
  /** Searches that ended by leaving a mentee unmatched (its dual fell to zero). */
  readonly unmatchings: number;
  /** Searches rooted at a mentor whose dual price had to fall (only after warm starts). */
  readonly mentorSearches: number;
  readonly heapPops: number;
  readonly edgeScans: number;
  /** Solve rounds: 1 without pruning; pruned solves add one per certificate repair. */
  readonly rounds: number;
  /** Edges in the candidate subgraph the final round solved on. */
  readonly edgesUsed: number;
  /**
   * Allowed edges of the full problem (after bans, pins and zero-capacity mentors are removed).
   * With an oracle: the graph's `eligibleCount` summed over unpinned mentees when the scorer gave
   * it (bans and capacities not subtracted), else only the usable graph edges (a lower bound).
   */
  readonly edgesTotal: number;
  /** Mentee rows enumerated through the oracle (whole or a range), summed over certificate checks. */
  readonly oracleRows: number;
  /** Pairs scored through the oracle (mentor positions visited), summed over certificate checks. */
  readonly oraclePairs: number;
  /** Certificate checks that consulted the oracle (they run only once the subgraph is settled). */
  readonly oracleChecks: number;
  /** Edges pulled into the subgraph because the certificate failed on them, summed over rounds. */
  readonly edgesAddedByRepair: number;
}

export type UnmatchedReasonCode =
  /** No allowed pair at all: every mentor fails a hard rule or the minimum score. */
  | 'NO_ELIGIBLE_MENTOR'
  /** There were allowed pairs, but a coordinator banned every one of them. */
  | 'BANNED_FROM_ALL'
  /** Every eligible mentor has capacity zero. */
  | 'ELIGIBLE_MENTORS_HAVE_NO_CAPACITY'
  /** Every eligible mentor is full, and the optimum proves no reshuffle can add this mentee too. */
  | 'ALL_ELIGIBLE_MENTORS_FULL';

export interface UnmatchedMentee {
  readonly mentee: number;
  readonly code: UnmatchedReasonCode;
  /** Plain-language explanation for coordinators. */
  readonly message: string;
  /** Allowed, non-banned mentors of this mentee. */
  readonly eligibleMentors: number;
  /** Allowed mentors removed by coordinator bans. */
  readonly bannedMentors: number;
}

/** Result of an exact solve. */
export interface AssignmentResult extends AssignmentOutcome {
  readonly pinnedCount: number;
  readonly certificate: OptimalityCertificate;
  readonly unmatched: readonly UnmatchedMentee[];
  readonly stats: SolverStats;
}
