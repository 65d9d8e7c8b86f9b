/**
 * Two-sided top-k candidate selection — the starting subgraph of a pruned solve.
 *
 * Keeping only each mentee's top-k mentors is wrong exactly when it matters: with popular mentors
 * (a few mentors everyone scores highly) every mentee's top-k is the same handful of people, their
 * capacity runs out, and everyone else is left with no edge to the mentors who would actually take
 * them. Adding each mentor's top-(k·capacity) mentees gives every mentor enough candidates to fill
 * up, from the mentees who value them most. Neither side is a proof of anything: exactness comes
 * from checking the dual certificate on every edge afterwards and pulling in whatever fails
 * (see solve.ts). A good starting subgraph just makes that repair loop short.
 */
import { MAX_SCORE, type CandidateGraph } from './types.js';
import { rowIsWellFormed, type Residual } from './residual.js';

/** The starting subgraph of a solve, plus what the certificate check needs to know about it. */
export interface Selection {
  /** Ascending ids of the selected graph edges (all usable). */
  readonly edges: Int32Array;
  /**
   * Per mentee, an upper bound on the score of its usable graph edges that were NOT selected, or −1
   * when all were selected. The certificate check skips a whole mentee when u_i ≥ B + bound_i,
   * because then u_i + v_j ≥ w_ij on every unselected edge (v ≥ 0).
   */
  readonly unselectedBound: Int32Array;
  /**
   * Optional, per mentor: an upper bound on the score of its usable graph edges that were NOT
   * selected, or −1 when all were. With both bounds the check clears whole rows by a sorted-price
   * test (a left-out pair scores at most min(unselectedBound_i, mentorBound_j)).
   */
  readonly mentorBound?: Int32Array;
  /** Usable edges in the graph: unpinned mentee, not banned, mentor with residual capacity. */
  readonly usableCount: number;
  /**
   * With `checkEdges`: false when some row failed the fused per-edge input test (see
   * `selectTwoSidedTopK`); the caller must then run the full validation. Absent otherwise.
   */
  readonly edgesValid?: boolean;
}

/** Every usable edge (the unpruned solve). */
export function selectAllUsable(graph: CandidateGraph, residual: Residual): Selection {
  const n = graph.menteeCount;
  const { offsets, mentor } = graph;
  const { pinnedMentor, bannedEdge, hasBan, capacity } = residual;
  const ids = new Int32Array(mentor.length);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (pinnedMentor[i]! >= 0) continue;
    const end = offsets[i + 1]!;
    const checkBans = hasBan[i] === 1;
    for (let e = offsets[i]!; e < end; e++) {
      if (capacity[mentor[e]!]! > 0 && !(checkBans && bannedEdge[e] === 1)) ids[count++] = e;
    }
  }
  return { edges: ids.subarray(0, count), unselectedBound: new Int32Array(n).fill(-1), usableCount: count };
}

/**
 * Bounded min-heaps on score, stored as parallel (score, edge) arrays in `[base, base + size)`.
 * An edge enters a full heap only with a strictly higher score than the top, so among equal
 * scores the earliest edges are kept (deterministic).
 */
function heapPush(hs: Int32Array, he: Int32Array, base: number, size: number, s: number, e: number): void {
  let k = size;
  while (k > 0) {
    const p = (k - 1) >> 1;
    const ps = hs[base + p]!;
    if (ps <= s) break;
    hs[base + k] = ps;
    he[base + k] = he[base + p]!;
    k = p;
  }
  hs[base + k] = s;
  he[base + k] = e;
}

function heapReplaceTop(hs: Int32Array, he: Int32Array, base: number, size: number, s: number, e: number): void {
  let k = 0;
  const half = size >> 1;
  while (k < half) {
    let c = 2 * k + 1;
    if (c + 1 < size && hs[base + c + 1]! < hs[base + c]!) c++;
    const cs = hs[base + c]!;
    if (cs >= s) break;
    hs[base + k] = cs;
    he[base + k] = he[base + c]!;
    k = c;
  }
  hs[base + k] = s;
  he[base + k] = e;
}

/**
 * The skip loops of `selectTwoSidedTopK`, kept tiny so that they compile to tight code (two copies
 * on purpose: one loop testing `offset === null` per edge measured ~10% slower on a dense graph): from edge
 * `e`, the first edge either side wants (or `end`). They also do the fused input test:
 * (j − previous − 1) | (MAX_SCORE − s) | s is negative exactly when the mentors stop ascending or a
 * score leaves 0..MAX_SCORE — one OR per edge, no branch — accumulated into `scanInvalid`.
 */
let scanInvalid = 0;

function nextPlain(mentor: Int32Array, score: Int32Array, mentorTop: Int32Array, e: number, start: number, end: number, top: number): number {
  let previous = e > start ? mentor[e - 1]! : -1;
  let invalid = 0;
  for (; e < end; e++) {
    const j = mentor[e]!;
    const s = score[e]!;
    invalid |= (j - previous - 1) | (MAX_SCORE - s) | s;
    previous = j;
    if (s > top || s > mentorTop[j]!) break;
  }
  scanInvalid |= invalid;
  return e;
}

function nextRanked(mentor: Int32Array, score: Int32Array, offset: Int32Array, mentorTop: Int32Array, e: number, start: number, end: number, top: number): number {
  let previous = e > start ? mentor[e - 1]! : -1;
  let invalid = 0;
  for (; e < end; e++) {
    const j = mentor[e]!;
    const s = score[e]!;
    invalid |= (j - previous - 1) | (MAX_SCORE - s) | s;
    previous = j;
    if (s - offset[j]! > top || s > mentorTop[j]!) break;
  }
  scanInvalid |= invalid;
  return e;
}

/**
 * A mentor heap that starts at −1 takes ~k·ln(n/k) pushes on a dense graph. For one-place mentors
 * (quota ≤ k) it starts instead just below the second-best score among every (2k)-th row: about 4k
 * of the mentor's n edges beat that, so the heap still fills with the mentor's best in the common
 * case, and when it does not, what it left out scored at most the floor (its final top bounds them).
 */
function seedMentorFloors(graph: CandidateGraph, residual: Residual, quota: Int32Array, k: number, floor: Int32Array): void {
  const n = graph.menteeCount;
  const m = graph.mentorCount;
  const stride = 2 * k;
  if (n < 8 * stride) return;
  const { offsets, mentor, score } = graph;
  const { pinnedMentor, hasBan, bannedEdge } = residual;
  const best = new Int32Array(m).fill(-1);
  const second = new Int32Array(m).fill(-1);
  for (let i = k; i < n; i += stride) {
    if (pinnedMentor[i]! >= 0) continue;
    const checkBans = hasBan[i] === 1;
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) {
      const j = mentor[e]!;
      const s = score[e]!;
      // Unvalidated input: an index out of range is skipped here and reported by the main pass.
      if (j >>> 0 >= m || s <= second[j]! || (checkBans && bannedEdge[e] === 1)) continue;
      if (s > best[j]!) {
        second[j] = best[j]!;
        best[j] = s;
      } else {
        second[j] = s;
      }
    }
  }
  for (let j = 0; j < m; j++) if (quota[j]! > 0 && quota[j]! <= k && second[j]! > 0) floor[j] = Math.min(second[j]!, MAX_SCORE) - 1;
}

/** Offers (r, e) to a mentee heap of `size` < k or = k entries (callers check r > top); returns the new size. */
function offerToRow(hs: Int32Array, he: Int32Array, size: number, k: number, r: number, e: number): number {
  if (size < k) {
    heapPush(hs, he, 0, size, r, e);
    return size + 1;
  }
  heapReplaceTop(hs, he, 0, size, r, e);
  return size;
}

/**
 * Each mentee's top-k usable edges ∪ each mentor's top-(k·cap'_j) usable edges, by score (ties by
 * edge order) — the mentee side by score − offset[j] when the scorer ranked by offsets (then what
 * the subgraph starts with matches what the scorer thought a mentee's realistic options were).
 * One pass feeds both sides' bounded heaps; the tops are cached, so the common case — an edge
 * neither side wants — costs two comparisons and nothing else. (Measured against a
 * histogram-per-row variant and a hybrid: this is the fastest on dense and on popular graphs.)
 * The union is radix-sorted, so finishing is O(S) for S selected edges.
 *
 * With `checkEdges` the same pass also does the per-edge input validation that `validateProblem`
 * would do in a pass of its own (mentors strictly ascending and in range, scores in range; on a
 * dense graph a pass over the edges costs as much as the selection) and reports `edgesValid:
 * false` when a row fails it — possibly only because its mentors are unsorted, which is allowed:
 * the caller then runs the full validation, which words the issues.
 */
export function selectTwoSidedTopK(graph: CandidateGraph, residual: Residual, k: number, offset: Int32Array | null = null, checkEdges = false): Selection {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
  const n = graph.menteeCount;
  const m = graph.mentorCount;
  const { offsets, mentor, score } = graph;
  const { pinnedMentor, bannedEdge, hasBan, capacity } = residual;

  // Mentor heaps hold k·cap'_j entries, capped by the number of mentees; a heap that never fills
  // simply keeps every candidate. Quota 0 = mentor not usable. Capacities so large ("unlimited")
  // that the heaps would outgrow the graph are capped by the mentor's degree instead.
  const quota = new Int32Array(m);
  let quotaTotal = 0;
  for (let j = 0; j < m; j++) {
    quota[j] = capacity[j]! <= 0 ? 0 : Math.min(k * capacity[j]!, n);
    quotaTotal += quota[j]!;
  }
  if (quotaTotal > mentor.length) {
    const degree = new Int32Array(m);
    for (let e = 0; e < mentor.length; e++) degree[mentor[e]!]!++;
    quotaTotal = 0;
    for (let j = 0; j < m; j++) {
      quota[j] = Math.min(quota[j]!, degree[j]!);
      quotaTotal += quota[j]!;
    }
  }
  const base = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) base[j + 1] = base[j]! + quota[j]!;
  const mentorTop = new Int32Array(m).fill(-1); // heap top once full; until then its floor (−1 admits everything)
  seedMentorFloors(graph, residual, quota, k, mentorTop);
  const mentorScore = new Int32Array(quotaTotal);
  const mentorEdge = new Int32Array(quotaTotal);
  const mentorSize = new Int32Array(m);

  const menteeScore = new Int32Array(k);
  const menteeEdge = new Int32Array(k);
  const unselectedBound = new Int32Array(n).fill(-1);
  const picked = new Int32Array(Math.min(mentor.length, n * k) + quotaTotal);
  let count = 0;
  let usableCount = 0;
  let edgesValid = true;
  // Ranked by plain score, a row's heap starts at the previous full row's k-th best score instead
  // of −1: rows of one programme look alike, so most rows push about k edges instead of
  // ~k·ln(m/k). A row that keeps fewer than ⌈k/2⌉ that way is read again from −1; the bound of a
  // row that keeps fewer than k is the starting threshold (everything left out scored at most that).
  let hint = -1;
  const enough = (k + 1) >> 1;
  for (let i = 0; i < n; i++) {
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    if (pinnedMentor[i]! >= 0) {
      if (checkEdges && !rowIsWellFormed(graph, i)) edgesValid = false;
      continue;
    }
    const checkBans = hasBan[i] === 1;
    usableCount += end - start;
    let size = 0;
    // Heap top once full; until then the hint, or everything when ranked by offset (ranks can be negative).
    const floor = offset === null ? hint : -Infinity;
    let top = floor;
    scanInvalid = 0;
    const next = (from: number): number =>
      offset === null ? nextPlain(mentor, score, mentorTop, from, start, end, top) : nextRanked(mentor, score, offset, mentorTop, from, start, end, top);
    for (let e = next(start); e < end; e = next(e + 1)) {
      const j = mentor[e]!;
      const s = score[e]!;
      const r = offset === null ? s : s - offset[j]!; // the mentee side's ranking
      const mt = mentorTop[j]!;
      if (quota[j] === 0) {
        usableCount--; // zero-capacity mentor: its top stays −1, so all its edges get here
        continue;
      }
      if (checkBans && bannedEdge[e] === 1) continue; // counted below
      if (r > top) {
        size = offerToRow(menteeScore, menteeEdge, size, k, r, e);
        if (size === k) top = menteeScore[0]!;
      }
      if (s > mt) {
        const b = base[j]!;
        const sz = mentorSize[j]!;
        if (sz < quota[j]!) {
          heapPush(mentorScore, mentorEdge, b, sz, s, e);
          mentorSize[j] = sz + 1;
          if (sz + 1 === quota[j]) mentorTop[j] = mentorScore[b]!;
        } else {
          heapReplaceTop(mentorScore, mentorEdge, b, sz, s, e);
          mentorTop[j] = mentorScore[b]!;
        }
      }
    }
    // Everything the mentee side left out scored ≤ its final top (an upper bound: the mentor side
    // may still have taken some of it). Ranked with offsets, the top bounds ranks, not scores:
    // then the bound is the best score the mentee side left out, found in one more pass.
    if (scanInvalid < 0 || (end > start && mentor[end - 1]! >= m)) edgesValid = false;
    if (size < enough && floor >= 0) {
      // The previous row's threshold was too high for this one: its mentee side again, from −1.
      size = 0;
      top = -1;
      for (let e = start; e < end; e++) {
        const s = score[e]!;
        if (s <= top || quota[mentor[e]!] === 0 || (checkBans && bannedEdge[e] === 1)) continue;
        size = offerToRow(menteeScore, menteeEdge, size, k, s, e);
        if (size === k) top = menteeScore[0]!;
      }
    }
    if (size === k) {
      unselectedBound[i] = offset === null ? top : bestLeftOut(menteeEdge, size, score, start, end);
      if (offset === null) hint = top;
    } else if (top >= 0) {
      unselectedBound[i] = top; // started from the hint and never filled: nothing above it was left out
    }
    for (let t = 0; t < size; t++) picked[count++] = menteeEdge[t]!;
    if (checkBans) {
      for (let e = start; e < end; e++) if (bannedEdge[e] === 1 && quota[mentor[e]!]! > 0) usableCount--;
    }
  }
  for (let j = 0; j < m; j++) {
    const b = base[j]!;
    for (let t = b; t < b + mentorSize[j]!; t++) picked[count++] = mentorEdge[t]!;
  }
  const sorted = radixSort(picked, count);
  let unique = 0;
  for (let t = 0; t < count; t++) if (t === 0 || sorted[t] !== sorted[t - 1]) sorted[unique++] = sorted[t]!;
  // A mentor's heap that filled dropped only edges scoring at most its final top; one that never
  // filled (top −1) took every usable edge it was offered.
  const selection = { edges: sorted.slice(0, unique), unselectedBound, mentorBound: mentorTop, usableCount };
  return checkEdges ? { ...selection, edgesValid } : selection;
}

/** The best score among edges start..end-1 other than the `size` edges listed in `kept`. */
function bestLeftOut(kept: Int32Array, size: number, score: Int32Array, start: number, end: number): number {
  let best = -1;
  for (let e = start; e < end; e++) {
    if (score[e]! <= best) continue;
    let isKept = false;
    for (let t = 0; t < size && !isKept; t++) isKept = kept[t] === e;
    if (!isKept) best = score[e]!;
  }
  return best;
}

/** `a[0..count)` sorted ascending (LSD radix sort, 3 × 11 bits; values are edge ids ≥ 0). */
function radixSort(a: Int32Array, count: number): Int32Array {
  let src: Int32Array = a.subarray(0, count);
  let dst: Int32Array = new Int32Array(count);
  const buckets = new Int32Array(2048);
  for (let shift = 0; shift < 33; shift += 11) {
    buckets.fill(0);
    for (let t = 0; t < count; t++) buckets[(src[t]! >>> shift) & 2047]!++;
    let sum = 0;
    for (let b = 0; b < 2048; b++) {
      const c = buckets[b]!;
      buckets[b] = sum;
      sum += c;
    }
    for (let t = 0; t < count; t++) {
      const x = src[t]!;
      dst[buckets[(x >>> shift) & 2047]!++] = x;
    }
    const swap = src;
    src = dst;
    dst = swap;
  }
  return src;
}
