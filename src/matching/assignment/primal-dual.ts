/**
 * Exact primal-dual solver for capacitated bipartite b-matching (the Hungarian method on a sparse
 * graph, one Dijkstra per mentee, with capacities kept as "slots" per mentor).
 *
 * Weights: `w_ij = B + score_ij` with `B` from `lexicographicBonus`, so maximising Σw is the
 * lexicographic objective (matched count, then score). All numbers are integers < 2⁵³.
 *
 * Invariants kept after every step (they are the LP optimality conditions, see types.ts):
 *   (F) dual feasibility   u_i + v_j ≥ w_ij on every work edge, u ≥ 0, v ≥ 0
 *                          (for mentees not yet processed as roots: not required yet);
 *   (T) tightness          u_i + v_j = w_ij on every matched pair;
 *   (U) unmatched mentees that have been processed have u_i = 0;
 *   (V) mentors with spare capacity have v_j = 0 (cold solve: always; after a warm start the
 *       mentors that lost a mentee are repaired last, by mentor-rooted searches).
 * When every mentee has been processed and every mentor repaired, (F,T,U,V) are complementary
 * slackness, so Σu + Σcap·v = Σw over the matching: the matching is optimal (weak duality).
 *
 * Processing a root mentee, cheapest first:
 *   1. its dual is set lazily to u = max(0, max_j w_ij − v_j) — the least value keeping (F);
 *      u = 0 means every mentor already prices it out, and it stays unmatched;
 *   2. if that best mentor has room: take it (tight by construction);
 *   3. if the best mentor has a single place and beats the runner-up strictly: an auction step
 *      (Jonker–Volgenant's "augmenting row reduction") — outbid the holder, see `menteeSearch`;
 *   4. otherwise a shortest-path search, below.
 *
 * A mentee-rooted search grows a shortest-path tree in reduced costs `r = u + v − w ≥ 0`:
 * mentee → mentor over a non-matched edge (cost r), full mentor → each of its mentees (cost 0,
 * the matched edges are tight). It ends at the cheapest of two kinds of terminal:
 *   - a mentor with spare capacity, at distance d_j: augment, the root gets matched;
 *   - any mentee i in the tree, at d_i + u_i: lowering u_i to 0 frees i, the root takes its place
 *     by shifting the path (this is how a mentee "gives up" when no augmenting path is worth it;
 *     with the lexicographic B it only happens when no augmenting path exists at all).
 * With D the cheapest terminal, tree mentees get u −= D − d and tree mentors v += D − d; the
 * standard argument (d_j ≤ d_i + r_ij) shows (F) and (T) survive and the path becomes tight.
 * The tree is closed under "mentor ⇒ all its mentees" and "mentee ⇒ its mentor", which is what
 * keeps matched edges tight when duals move.
 *
 * A mentor-rooted search is the mirror image (mentor → mentee over a non-matched edge, mentee →
 * its mentor), used only to repair (V) after a warm start: it ends at an unmatched mentee (the
 * root gains a mentee) or at a tree mentor whose v reaches 0, and moves duals the other way.
 *
 * Everything is in preallocated typed arrays; a search touches only what it labels, and relaxed
 * labels that cannot beat the best terminal found so far are never pushed on the heap.
 */
import type { WorkGraph } from './work-graph.js';

export interface WarmStart {
  readonly mentorOf: Int32Array;
  readonly u: Float64Array;
  readonly v: Float64Array;
}

export class PrimalDualSolver {
  /** Mentor of each mentee in the work problem, −1 when unmatched. */
  readonly mentorOf: Int32Array;
  /** Mentee duals u. */
  readonly u: Float64Array;
  /** Mentor duals v. */
  readonly v: Float64Array;

  menteeSearches = 0;
  mentorSearches = 0;
  directAssignments = 0;
  auctionSteps = 0;
  augmentations = 0;
  unmatchings = 0;
  heapPops = 0;
  edgeScans = 0;

  private readonly g: WorkGraph;
  private readonly capacity: Int32Array;
  private readonly bonus: number;
  /** Mentees of mentor j live in slots[slotStart[j] .. slotStart[j] + load[j]). */
  private readonly load: Int32Array;
  private readonly slotStart: Int32Array;
  private readonly slots: Int32Array;
  private readonly slotPos: Int32Array;
  // Search scratch, indexed by mentor. Stamps make resetting O(1).
  private readonly dist: Float64Array;
  private readonly labelled: Int32Array;
  private readonly settled: Int32Array;
  private readonly pred: Int32Array;
  private readonly predMentor: Int32Array;
  private readonly heap: Int32Array;
  private readonly heapPos: Int32Array;
  private heapSize = 0;
  private auctionBudget = 0;
  private readonly displaced: number[] = [];
  private readonly settledList: Int32Array;
  private settledCount = 0;
  private stamp = 0;
  // Best terminal of the current search.
  private best = 0;
  private termMentor = -1;
  private termMentee = -1;
  private termVia = -1;
  // Mentor-side CSR of the work graph, built on the first mentor-rooted search.
  private tOffsets: Int32Array | undefined;
  private tMentee: Int32Array | undefined;
  private tScore: Int32Array | undefined;

  constructor(graph: WorkGraph, capacity: Int32Array, bonus: number, warm?: WarmStart) {
    const n = graph.menteeCount;
    const m = graph.mentorCount;
    this.g = graph;
    this.capacity = capacity;
    this.bonus = bonus;
    // A mentor can never hold more mentees than it has edges, so size its slots by
    // min(capacity, degree): capacities like 10⁹ ("unlimited") then cost nothing.
    const degree = new Int32Array(m);
    for (let e = 0; e < graph.mentor.length; e++) degree[graph.mentor[e]!]!++;
    this.slotStart = new Int32Array(m + 1);
    for (let j = 0; j < m; j++) this.slotStart[j + 1] = this.slotStart[j]! + Math.min(capacity[j]!, degree[j]!);
    this.slots = new Int32Array(this.slotStart[m]!);
    this.load = new Int32Array(m);
    this.slotPos = new Int32Array(n).fill(-1);
    this.dist = new Float64Array(m);
    this.labelled = new Int32Array(m);
    this.settled = new Int32Array(m);
    this.pred = new Int32Array(m);
    this.predMentor = new Int32Array(m);
    this.heap = new Int32Array(m);
    this.heapPos = new Int32Array(m).fill(-1);
    this.settledList = new Int32Array(m);
    if (warm === undefined) {
      this.mentorOf = new Int32Array(n).fill(-1);
      this.u = new Float64Array(n);
      this.v = new Float64Array(m);
    } else {
      // The previous round's pairs are edges of this (larger) graph, so they fit their slots.
      this.mentorOf = new Int32Array(n).fill(-1);
      this.u = Float64Array.from(warm.u);
      this.v = Float64Array.from(warm.v);
      for (let i = 0; i < n; i++) {
        const j = warm.mentorOf[i]!;
        if (j >= 0) this.assign(i, j);
      }
    }
  }

  /**
   * Processes `roots` (mentees whose duals are not yet feasible, e.g. all of them on a cold
   * start, or those with violated new edges on a warm start). A root that is matched is first
   * unmatched; if its mentor is left with spare capacity and a positive price, that mentor is
   * repaired after all mentee roots. On return (F,T,U,V) hold for the whole work graph.
   */
  solve(roots: ArrayLike<number>): void {
    const mentorRoots: number[] = [];
    for (let k = 0; k < roots.length; k++) {
      const i = roots[k]!;
      const j = this.mentorOf[i]!;
      if (j >= 0) {
        this.unassign(i);
        if (this.v[j]! > 0) mentorRoots.push(j);
      }
    }
    // Auction steps (see `menteeSearch`) are capped so that price wars cannot run long; past the
    // cap every root gets a full search, which needs no cap.
    this.auctionBudget = 2 * roots.length;
    for (let k = 0; k < roots.length; k++) this.menteeSearch(roots[k]!);
    // Mentees displaced by auction steps are roots again.
    for (let k = 0; k < this.displaced.length; k++) this.menteeSearch(this.displaced[k]!);
    this.displaced.length = 0;
    // Mentee searches never create a new (V) violation: they raise v only on full mentors, and a
    // mentor never loses a mentee except to gain another. So repairing mentors last is final.
    for (const j of mentorRoots) {
      while (this.load[j]! < this.capacity[j]! && this.v[j]! > 0) this.mentorSearch(j);
    }
  }

  private assign(i: number, j: number): void {
    const p = this.slotStart[j]! + this.load[j]!;
    this.slots[p] = i;
    this.slotPos[i] = p;
    this.load[j]!++;
    this.mentorOf[i] = j;
  }

  private unassign(i: number): void {
    const j = this.mentorOf[i]!;
    const p = this.slotPos[i]!;
    const last = this.slotStart[j]! + this.load[j]! - 1;
    const moved = this.slots[last]!;
    this.slots[p] = moved;
    this.slotPos[moved] = p;
    this.load[j]!--;
    this.slotPos[i] = -1;
    this.mentorOf[i] = -1;
  }

  private menteeSearch(root: number): void {
    const { offsets, mentor: adj, score } = this.g;
    const u = this.u;
    const v = this.v;
    const cap = this.capacity;
    const load = this.load;
    const B = this.bonus;
    // Lazy root dual: the smallest u_root that makes all of its edges feasible under the current
    // prices (prices only rise during mentee searches, so this never exceeds an earlier value).
    // `second` is the best value among the other mentors, floored at 0.
    let top = 0;
    let second = 0;
    let topMentor = -1;
    const start = offsets[root]!;
    const end = offsets[root + 1]!;
    for (let e = start; e < end; e++) {
      const j = adj[e]!;
      const value = B + score[e]! - v[j]!;
      if (value > top) {
        second = top;
        top = value;
        topMentor = j;
      } else {
        if (value > second) second = value;
        // Among equally good mentors prefer one with room: then no search is needed.
        if (value === top && topMentor >= 0 && load[topMentor]! >= cap[topMentor]! && load[j]! < cap[j]!) topMentor = j;
      }
    }
    this.edgeScans += end - start;
    u[root] = top;
    // u = 0: every mentor of this mentee is already priced at or above what it offers, so (U) holds
    // with the mentee unmatched.
    if (top === 0) return;
    if (load[topMentor]! < cap[topMentor]!) {
      this.assign(root, topMentor);
      this.directAssignments++;
      return;
    }
    // Auction step (the "augmenting row reduction" of Jonker–Volgenant): the best mentor is full
    // with a single place and strictly preferred. Take the place and raise its price by the margin
    // over the second best, so the root is tight there with u = second (feasible: no other mentor
    // offers more). The previous holder is freed and becomes a root again; prices only rose, so
    // every other edge stays feasible and (V) is untouched. Far cheaper than a search.
    if (cap[topMentor] === 1 && top > second && this.auctionBudget > 0) {
      this.auctionBudget--;
      this.auctionSteps++;
      const holder = this.slots[this.slotStart[topMentor]!]!;
      v[topMentor]! += top - second;
      u[root] = second;
      this.unassign(holder);
      this.assign(root, topMentor);
      this.displaced.push(holder);
      return;
    }

    this.menteeSearches++;
    const stamp = ++this.stamp;
    const dist = this.dist;
    const settled = this.settled;
    const heap = this.heap;
    const slots = this.slots;
    const slotStart = this.slotStart;
    this.best = top; // terminal "root gives up" at d_root + u_root = 0 + top
    this.termMentor = -1;
    this.termMentee = root;
    this.heapSize = 0;
    this.settledCount = 0;
    this.scanMentee(root, 0, stamp);
    while (this.heapSize > 0) {
      const j = heap[0]!;
      const dj = dist[j]!;
      if (dj >= this.best) break;
      this.popMin();
      this.heapPops++;
      settled[j] = stamp;
      this.settledList[this.settledCount++] = j;
      const s1 = slotStart[j]! + load[j]!;
      for (let s = slotStart[j]!; s < s1; s++) {
        const i = slots[s]!;
        const giveUp = dj + u[i]!;
        if (giveUp < this.best) {
          this.best = giveUp;
          this.termMentor = -1;
          this.termMentee = i;
        }
        this.scanMentee(i, dj, stamp);
      }
    }
    const D = this.best;
    // Dual update on the tree (mentors settled before D, their mentees, the root).
    for (let k = 0; k < this.settledCount; k++) {
      const j = this.settledList[k]!;
      const delta = D - dist[j]!;
      v[j]! += delta;
      const s1 = slotStart[j]! + load[j]!;
      for (let s = slotStart[j]!; s < s1; s++) u[slots[s]!]! -= delta;
    }
    u[root]! -= D;
    for (let k = 0; k < this.heapSize; k++) this.heapPos[heap[k]!] = -1;
    this.heapSize = 0;

    // Flip the path. Walking back from the terminal, each mentee leaves its old mentor (making room)
    // before the next mentee on the path moves in, so slots never overflow.
    let j: number;
    let i: number;
    if (this.termMentor >= 0) {
      this.augmentations++;
      j = this.termMentor;
      i = this.termVia;
    } else {
      this.unmatchings++;
      const k = this.termMentee;
      if (k === root) return; // the root stays unmatched, now with u = 0
      j = this.mentorOf[k]!;
      this.unassign(k);
      i = this.pred[j]!;
    }
    for (;;) {
      const old = this.mentorOf[i]!;
      if (old >= 0) this.unassign(i);
      this.assign(i, j);
      if (old < 0) break; // reached the root
      j = old;
      i = this.pred[j]!;
    }
  }

  /** Relaxes the non-matched edges of tree mentee `i` at distance `di`. */
  private scanMentee(i: number, di: number, stamp: number): void {
    const { offsets, mentor: adj, score } = this.g;
    const v = this.v;
    const cap = this.capacity;
    const load = this.load;
    const dist = this.dist;
    const labelled = this.labelled;
    const settled = this.settled;
    const pred = this.pred;
    const base = di + this.u[i]! - this.bonus;
    const own = this.mentorOf[i]!;
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    let best = this.best; // kept in a local: the loop is the solver's hottest
    for (let e = start; e < end; e++) {
      const j = adj[e]!;
      const nd = base + v[j]! - score[e]!;
      // Labels that cannot beat the best terminal are dropped: such a mentor is not in the tree,
      // and d_i + r_ij ≥ D is exactly what the dual update needs for its edges.
      if (nd >= best || j === own || settled[j] === stamp) continue;
      if (load[j]! < cap[j]!) {
        best = nd;
        this.termMentor = j;
        this.termVia = i;
      } else if (labelled[j] !== stamp) {
        labelled[j] = stamp;
        dist[j] = nd;
        pred[j] = i;
        this.push(j);
      } else if (nd < dist[j]!) {
        dist[j] = nd;
        pred[j] = i;
        this.siftUp(this.heapPos[j]!, j);
      }
    }
    this.best = best;
    this.edgeScans += end - start;
  }

  private buildTransposed(): void {
    const { offsets, mentor: adj, score, menteeCount: n, mentorCount: m } = this.g;
    const tOffsets = new Int32Array(m + 1);
    for (let e = 0; e < adj.length; e++) tOffsets[adj[e]! + 1]!++;
    for (let j = 0; j < m; j++) tOffsets[j + 1]! += tOffsets[j]!;
    const fill = tOffsets.slice(0, m);
    const tMentee = new Int32Array(adj.length);
    const tScore = new Int32Array(adj.length);
    for (let i = 0; i < n; i++) {
      for (let e = offsets[i]!; e < offsets[i + 1]!; e++) {
        const p = fill[adj[e]!]!++;
        tMentee[p] = i;
        tScore[p] = score[e]!;
      }
    }
    this.tOffsets = tOffsets;
    this.tMentee = tMentee;
    this.tScore = tScore;
  }

  /** Repairs (V) at mentor `root` (spare capacity, v > 0): one search, see the file comment. */
  private mentorSearch(root: number): void {
    if (this.tOffsets === undefined) this.buildTransposed();
    this.mentorSearches++;
    const u = this.u;
    const v = this.v;
    const dist = this.dist;
    const heap = this.heap;
    const slots = this.slots;
    const slotStart = this.slotStart;
    const load = this.load;
    const stamp = ++this.stamp;
    this.best = v[root]!; // terminal "root's price falls to 0"
    this.termMentor = root;
    this.termMentee = -1;
    this.heapSize = 0;
    this.settledCount = 0;
    dist[root] = 0;
    this.labelled[root] = stamp;
    this.settled[root] = stamp;
    this.settledList[this.settledCount++] = root;
    this.scanMentor(root, 0, stamp);
    while (this.heapSize > 0) {
      const j = heap[0]!;
      const dj = dist[j]!;
      if (dj >= this.best) break;
      this.popMin();
      this.heapPops++;
      this.settled[j] = stamp;
      this.settledList[this.settledCount++] = j;
      const priceOut = dj + v[j]!;
      if (priceOut < this.best) {
        this.best = priceOut;
        this.termMentor = j;
        this.termMentee = -1;
      }
      this.scanMentor(j, dj, stamp);
    }
    const D = this.best;
    for (let k = 0; k < this.settledCount; k++) {
      const j = this.settledList[k]!;
      const delta = D - dist[j]!;
      v[j]! -= delta;
      const s1 = slotStart[j]! + load[j]!;
      for (let s = slotStart[j]!; s < s1; s++) u[slots[s]!]! += delta;
    }
    for (let k = 0; k < this.heapSize; k++) this.heapPos[heap[k]!] = -1;
    this.heapSize = 0;

    // Moves along the path: each tree mentor x ≠ root hands pred[x] to predMentor[x]; an unmatched
    // terminal mentee joins the mentor it was reached from. Applied root-first so that every mentee
    // moves into a mentor that has just made room (the root has room to begin with).
    const moveMentee: number[] = [];
    const moveTo: number[] = [];
    let x: number;
    if (this.termMentee >= 0) {
      this.augmentations++;
      moveMentee.push(this.termMentee);
      moveTo.push(this.termVia);
      x = this.termVia;
    } else {
      this.unmatchings++;
      x = this.termMentor;
    }
    while (x !== root) {
      moveMentee.push(this.pred[x]!);
      moveTo.push(this.predMentor[x]!);
      x = this.predMentor[x]!;
    }
    for (let k = moveMentee.length - 1; k >= 0; k--) {
      const i = moveMentee[k]!;
      if (this.mentorOf[i]! >= 0) this.unassign(i);
      this.assign(i, moveTo[k]!);
    }
  }

  /** Relaxes the non-matched edges into tree mentor `j` at distance `dj` (mentor-rooted search). */
  private scanMentor(j: number, dj: number, stamp: number): void {
    const tOffsets = this.tOffsets!;
    const tMentee = this.tMentee!;
    const tScore = this.tScore!;
    const u = this.u;
    const mentorOf = this.mentorOf;
    const dist = this.dist;
    const labelled = this.labelled;
    const settled = this.settled;
    const base = dj + this.v[j]! - this.bonus;
    const start = tOffsets[j]!;
    const end = tOffsets[j + 1]!;
    this.edgeScans += end - start;
    for (let t = start; t < end; t++) {
      const i = tMentee[t]!;
      const mi = mentorOf[i]!;
      if (mi === j) continue;
      const nd = base + u[i]! - tScore[t]!;
      if (nd >= this.best) continue;
      if (mi < 0) {
        this.best = nd;
        this.termMentee = i;
        this.termMentor = -1;
        this.termVia = j;
      } else if (settled[mi] === stamp) {
        continue;
      } else if (labelled[mi] !== stamp) {
        labelled[mi] = stamp;
        dist[mi] = nd;
        this.pred[mi] = i;
        this.predMentor[mi] = j;
        this.push(mi);
      } else if (nd < dist[mi]!) {
        dist[mi] = nd;
        this.pred[mi] = i;
        this.predMentor[mi] = j;
        this.siftUp(this.heapPos[mi]!, mi);
      }
    }
  }

  // Indexed binary min-heap of mentors keyed by dist.
  private push(j: number): void {
    this.siftUp(this.heapSize++, j);
  }

  private siftUp(k: number, j: number): void {
    const heap = this.heap;
    const pos = this.heapPos;
    const dist = this.dist;
    const d = dist[j]!;
    while (k > 0) {
      const p = (k - 1) >> 1;
      const q = heap[p]!;
      if (dist[q]! <= d) break;
      heap[k] = q;
      pos[q] = k;
      k = p;
    }
    heap[k] = j;
    pos[j] = k;
  }

  private popMin(): void {
    const heap = this.heap;
    const pos = this.heapPos;
    const dist = this.dist;
    pos[heap[0]!] = -1;
    const size = --this.heapSize;
    if (size === 0) return;
    const j = heap[size]!;
    const d = dist[j]!;
    let k = 0;
    const half = size >> 1;
    while (k < half) {
      let c = 2 * k + 1;
      const r = c + 1;
      if (r < size && dist[heap[r]!]! < dist[heap[c]!]!) c = r;
      const q = heap[c]!;
      if (dist[q]! >= d) break;
      heap[k] = q;
      pos[q] = k;
      k = c;
    }
    heap[k] = j;
    pos[j] = k;
  }
}
