/**
 * Pruned candidate graphs, in two steps so that several threads can share the scoring:
 *
 *   scanCandidates   one slice of the mentees against every mentor: each mentee's best mentors
 *                    (its row, kept whole), each mentor's best mentees among the slice, counts;
 *   assembleCandidateGraph   the slices' rows concatenated, the mentors' lists merged (the best L
 *                    of a union are the best L of the slices' best L), bounds on what was dropped.
 *
 * Both are pure and allocation-light: a scan keeps bounded buffers per mentee and per mentor and
 * nothing per pair. Its output is plain typed arrays, so it crosses a thread boundary by transfer.
 *
 * Rankings are total orders, so the result does not depend on how the mentees were split:
 * a mentor ranks mentees by score, then lower local index; a mentee ranks mentors by
 * `score − mentorOffset[j]`, then lower local index.
 *
 * Why a mentee keeps a ranking by `score − offset` and how deep: the solver proves its pruned
 * optimum exact by checking u_i + v_j ≥ B + score on every pair, and clears a dropped pair with the
 * bound min(menteeCutoff[i] + offset_j, mentorCutoff[j]) — scoring it again only when that bound is
 * not enough. Prices v_j differ a lot between mentors, so a bound that knows roughly which mentors
 * are dear (the offset, an estimate of each mentor's price from a small pilot sample) clears far
 * more pairs than a plain "this mentee's K-th best score" does.
 */
import type { ScoringContext } from './context.js';
import { scoreMentorsInto } from './scoring.js';

/** Factor between a 0–100 score and the graph's integer scores. */
export const SCORE_SCALE = 100;
const MAX_INT_SCORE = 100 * SCORE_SCALE;

/** Mentor-side entries pack (score, mentee) into one double: score·2^24 + (2^24 − 1 − mentee). */
const MENTEE_BITS = 24;
const KEY_SCALE = 2 ** MENTEE_BITS;
const KEY_MASK = KEY_SCALE - 1;
/** Local mentees a scan can number (the packing above). */
export const MAX_SCAN_MENTEES = KEY_SCALE;

export interface ScanOptions {
  /** Minimum total 0–100 for a pair to be allowed. */
  readonly minScore: number;
  /** How many best mentors each mentee keeps (0: none — its cutoff then bounds nothing useful). */
  readonly menteeDepth: number;
  /** Per local mentor, how many best mentees it keeps (0: none). */
  readonly mentorDepth: Int32Array;
  /** Per local mentor, subtracted from the score when a mentee ranks its mentors; null = none. */
  readonly mentorOffset: Int32Array | null;
}

/** One slice's share of a pruned graph. All arrays are fresh and owned (transferable). */
export interface CandidateScan {
  /** Local index of the slice's first mentee; the slice is menteeBase .. menteeBase + menteeCount − 1. */
  readonly menteeBase: number;
  readonly menteeCount: number;
  /** Each mentee's kept mentors, ascending, CSR over the slice's mentees. */
  readonly rowOffsets: Int32Array;
  readonly rowMentor: Int32Array;
  readonly rowScore: Int32Array;
  /** Per mentee: every allowed pair it did not keep has score − offset_j ≤ this. */
  readonly menteeCutoff: Int32Array;
  /** Per mentee: allowed pairs (hard rules and minimum score passed). */
  readonly eligibleCount: Int32Array;
  /** Per local mentor: its kept entries of this slice are mentorKey[mentorStart[j] .. mentorStart[j + 1]). */
  readonly mentorStart: Int32Array;
  /** Packed (score, mentee), see MENTEE_BITS; unordered within a mentor. */
  readonly mentorKey: Float64Array;
  /** Per local mentor: allowed pairs with this slice's mentees. */
  readonly mentorEligible: Int32Array;
  readonly blocked: number;
  readonly belowMinScore: number;
}

/**
 * Scores `mentees` (person indices; local indices menteeBase, menteeBase + 1, …) against the local
 * mentors whose context slots are `slots` (−1: not enrolled, every pair blocked), keeping what
 * `opts` asks for. One pass; per pair, a comparison with each side's running cut-off decides.
 */
export function scanCandidates(ctx: ScoringContext, mentees: Int32Array, menteeBase: number, slots: Int32Array, opts: ScanOptions): CandidateScan {
  const n = mentees.length;
  const m = slots.length;
  if (menteeBase + n > MAX_SCAN_MENTEES) throw new RangeError(`at most ${MAX_SCAN_MENTEES} mentees can be scanned, got ${menteeBase + n}.`);
  const { minScore, mentorDepth, mentorOffset } = opts;
  const depth = Math.min(opts.menteeDepth, m);
  const noneDropped = mentorOffset === null ? -1 : -1 - maxOf(mentorOffset);

  // Mentor heaps: min-heaps of packed keys, so the root is the worst entry kept.
  const heapStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) heapStart[j + 1] = heapStart[j]! + Math.min(Math.max(0, mentorDepth[j]!), n);
  const heap = new Float64Array(heapStart[m]!);
  const heapSize = new Int32Array(m);
  // The score of the root once a heap is full; −1 admits everything; quota 0 never admits. A score
  // equal to the root's loses (the root's mentee came first), so one integer comparison decides.
  const topScore = new Int32Array(m).fill(-1);
  for (let j = 0; j < m; j++) if (heapStart[j + 1] === heapStart[j]) topScore[j] = MAX_INT_SCORE + 1;
  const mentorEligible = new Int32Array(m);

  // Mentee buffer: candidates above the running threshold, in mentor order; compacted to the best
  // `depth` whenever it holds 4·depth, which raises the threshold. (Compactions are what a deep
  // mentee side costs; measured at depth 250: 4·depth scans ~6% faster than 2·depth.)
  const bufferSize = Math.max(4 * depth, 1);
  const bufMentor = new Int32Array(bufferSize);
  const bufScore = new Int32Array(bufferSize);
  const bufRank = new Int32Array(bufferSize);
  const scratch = new Int32Array(bufferSize);

  const rowOffsets = new Int32Array(n + 1);
  const rowMentor = new Int32Array(n * depth);
  const rowScore = new Int32Array(n * depth);
  const menteeCutoff = new Int32Array(n);
  const eligibleCount = new Int32Array(n);
  let blocked = 0;
  let belowMinScore = 0;
  let kept = 0;
  const row = new Float64Array(ctx.mentors.length);
  // Usually the local mentors are the context's, in slot order: then the row is read directly.
  let identity = m === row.length;
  for (let j = 0; j < m && identity; j++) identity = slots[j] === j;
  const local = identity ? row : new Float64Array(m);
  // Mentor-side candidates of the current row, inserted after the row: each mentor appears once
  // per row, so deferring changes nothing, and it keeps calls out of the hot loop (V8 reloads
  // every typed array after a call it does not inline).
  const pendingMentor = new Int32Array(m);
  const pendingScore = new Int32Array(m);
  for (let a = 0; a < n; a++) {
    scoreMentorsInto(ctx, mentees[a]!, row);
    if (!identity) for (let j = 0; j < m; j++) local[j] = slots[j]! < 0 ? -1 : row[slots[j]!]!;
    let len = 0;
    // Without a mentee side everything is dropped at once (and the cutoff is the row's best rank).
    let threshold = depth === 0 ? Infinity : -Infinity;
    // The best rank dropped so far: the cutoff. Tighter than the threshold (the worst rank kept),
    // and the bounds are judged at the margin, so the difference shows in what must be rescored.
    let maxDropped = -Infinity;
    let eligible = 0;
    let pending = 0;
    let j = 0;
    while (j < m) {
      // Runs to the end of the row, or until the mentee buffer is full (then compacts and resumes).
      for (; j < m; j++) {
        const raw = local[j]!;
        if (raw < 0) {
          blocked++;
          continue;
        }
        if (raw < minScore) {
          belowMinScore++;
          continue;
        }
        const s = Math.round(raw * SCORE_SCALE);
        eligible++;
        mentorEligible[j]!++;
        if (s > topScore[j]!) {
          pendingMentor[pending] = j;
          pendingScore[pending] = s;
          pending++;
        }
        const rank = mentorOffset === null ? s : s - mentorOffset[j]!;
        if (rank <= threshold) {
          // Dropped: below an earlier compaction's threshold (always, without a mentee side).
          if (rank > maxDropped) maxDropped = rank;
          continue;
        }
        bufMentor[len] = j;
        bufScore[len] = s;
        bufRank[len] = rank;
        if (++len === bufferSize) {
          j++;
          break;
        }
      }
      if (len === bufferSize) {
        threshold = compact(bufMentor, bufScore, bufRank, scratch, len, depth);
        maxDropped = Math.max(maxDropped, droppedMax);
        len = depth;
      }
    }
    if (len > depth) {
      compact(bufMentor, bufScore, bufRank, scratch, len, depth);
      maxDropped = Math.max(maxDropped, droppedMax);
      len = depth;
    }
    const tie = KEY_MASK - (menteeBase + a);
    for (let p = 0; p < pending; p++) {
      const jj = pendingMentor[p]!;
      const key = pendingScore[p]! * KEY_SCALE + tie;
      const base = heapStart[jj]!;
      const size = heapSize[jj]!;
      const quota = heapStart[jj + 1]! - base;
      if (size < quota) {
        heapPush(heap, base, size, key);
        heapSize[jj] = size + 1;
        if (size + 1 === quota) topScore[jj] = scoreOf(heap[base]!);
      } else {
        heapReplaceTop(heap, base, size, key);
        topScore[jj] = scoreOf(heap[base]!);
      }
    }
    eligibleCount[a] = eligible;
    menteeCutoff[a] = maxDropped === -Infinity ? noneDropped : maxDropped;
    rowMentor.set(bufMentor.subarray(0, len), kept);
    rowScore.set(bufScore.subarray(0, len), kept);
    kept += len;
    rowOffsets[a + 1] = kept;
  }

  const mentorStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++) mentorStart[j + 1] = mentorStart[j]! + heapSize[j]!;
  const mentorKey = new Float64Array(mentorStart[m]!);
  for (let j = 0; j < m; j++) mentorKey.set(heap.subarray(heapStart[j]!, heapStart[j]! + heapSize[j]!), mentorStart[j]!);
  return {
    menteeBase,
    menteeCount: n,
    rowOffsets,
    rowMentor: rowMentor.slice(0, kept),
    rowScore: rowScore.slice(0, kept),
    menteeCutoff,
    eligibleCount,
    mentorStart,
    mentorKey,
    mentorEligible,
    blocked,
    belowMinScore,
  };
}

/** What `assembleCandidateGraph` produces; `buildCandidateGraph` adds the people and stats. */
export interface AssembledGraph {
  readonly offsets: Int32Array;
  readonly mentor: Int32Array;
  readonly score: Int32Array;
  readonly eligibleCount: Int32Array;
  readonly menteeCutoff: Int32Array;
  readonly mentorCutoff: Int32Array;
  readonly blocked: number;
  readonly belowMinScore: number;
}

/**
 * The pruned graph of all mentees from the scans of consecutive slices (in order, covering
 * 0 .. n − 1): each mentee's row ∪ each mentor's `mentorDepth` best mentees over all slices, rows
 * ascending by mentor. mentorCutoff[j] bounds every allowed pair of j left out (−1: none).
 */
export function assembleCandidateGraph(scans: readonly CandidateScan[], mentorCount: number, mentorDepth: Int32Array): AssembledGraph {
  const m = mentorCount;
  let n = 0;
  for (const scan of scans) {
    if (scan.menteeBase !== n) throw new RangeError(`scans must cover consecutive mentees: expected a slice at ${n}, got ${scan.menteeBase}.`);
    if (scan.mentorStart.length !== m + 1) throw new RangeError('every scan must cover the same mentors.');
    n += scan.menteeCount;
  }
  const { keys: mentorKeys, start: mentorStart, cutoff: mentorCutoff } = mergeMentorLists(scans, m, mentorDepth);

  // Mentor-side entries bucketed by mentee; mentors ascend within each bucket (stable fill).
  const extraStart = new Int32Array(n + 1);
  for (let e = 0; e < mentorKeys.length; e++) extraStart[menteeOf(mentorKeys[e]!) + 1]!++;
  for (let i = 0; i < n; i++) extraStart[i + 1]! += extraStart[i]!;
  const extraMentor = new Int32Array(mentorKeys.length);
  const extraScore = new Int32Array(mentorKeys.length);
  const fill = extraStart.slice(0, n);
  for (let j = 0; j < m; j++) {
    for (let e = mentorStart[j]!; e < mentorStart[j + 1]!; e++) {
      const key = mentorKeys[e]!;
      const p = fill[menteeOf(key)]!++;
      extraMentor[p] = j;
      extraScore[p] = scoreOf(key);
    }
  }

  // Merge each mentee's two ascending lists, dropping the pairs both sides kept.
  let rows = 0;
  for (const scan of scans) rows += scan.rowMentor.length;
  const offsets = new Int32Array(n + 1);
  const mentor = new Int32Array(rows + mentorKeys.length);
  const score = new Int32Array(rows + mentorKeys.length);
  const eligibleCount = new Int32Array(n);
  const menteeCutoff = new Int32Array(n);
  let blocked = 0;
  let belowMinScore = 0;
  let edges = 0;
  for (const scan of scans) {
    eligibleCount.set(scan.eligibleCount, scan.menteeBase);
    menteeCutoff.set(scan.menteeCutoff, scan.menteeBase);
    blocked += scan.blocked;
    belowMinScore += scan.belowMinScore;
    const { rowOffsets, rowMentor, rowScore } = scan;
    for (let a = 0; a < scan.menteeCount; a++) {
      const i = scan.menteeBase + a;
      let p = rowOffsets[a]!;
      const pEnd = rowOffsets[a + 1]!;
      let q = extraStart[i]!;
      const qEnd = extraStart[i + 1]!;
      while (p < pEnd || q < qEnd) {
        const jp = p < pEnd ? rowMentor[p]! : m;
        const jq = q < qEnd ? extraMentor[q]! : m;
        if (jp <= jq) {
          mentor[edges] = jp;
          score[edges] = rowScore[p]!;
          p++;
          if (jq === jp) q++;
        } else {
          mentor[edges] = jq;
          score[edges] = extraScore[q]!;
          q++;
        }
        edges++;
      }
      offsets[i + 1] = edges;
    }
  }
  return {
    offsets,
    mentor: mentor.slice(0, edges),
    score: score.slice(0, edges),
    eligibleCount,
    menteeCutoff,
    mentorCutoff,
    blocked,
    belowMinScore,
  };
}

/**
 * Per mentor, the best `depth[j]` entries of the union of the scans' lists (which are each slice's
 * best, so these are the best overall), and the bound on the rest: the worst score kept when
 * anything allowed was left out, −1 when nothing was.
 */
function mergeMentorLists(scans: readonly CandidateScan[], m: number, depth: Int32Array): { keys: Float64Array; start: Int32Array; cutoff: Int32Array } {
  const start = new Int32Array(m + 1);
  const cutoff = new Int32Array(m).fill(-1);
  let total = 0;
  for (const scan of scans) total += scan.mentorKey.length;
  const keys = new Float64Array(total);
  let out = 0;
  let union = new Float64Array(64);
  for (let j = 0; j < m; j++) {
    let count = 0;
    let eligible = 0;
    for (const scan of scans) {
      eligible += scan.mentorEligible[j]!;
      const from = scan.mentorStart[j]!;
      const to = scan.mentorStart[j + 1]!;
      if (count + to - from > union.length) {
        const bigger = new Float64Array(2 * (count + to - from));
        bigger.set(union.subarray(0, count));
        union = bigger;
      }
      union.set(scan.mentorKey.subarray(from, to), count);
      count += to - from;
    }
    const list = union.subarray(0, count).sort(); // ascending: the best are at the end
    const keep = Math.min(count, Math.max(0, depth[j]!));
    keys.set(list.subarray(count - keep, count), out);
    out += keep;
    start[j + 1] = out;
    if (eligible > keep) cutoff[j] = keep > 0 ? scoreOf(list[count - keep]!) : MAX_INT_SCORE;
  }
  return { keys: keys.slice(0, out), start, cutoff };
}

/**
 * Mentor offsets (`ScanOptions.mentorOffset`) from a pilot: scans of every `every`-th mentee with
 * `pilotDepths(...)` as mentor depths. A mentor's offset is the score of its `depth`-th best pilot
 * mentee — a rough guide to how dear the mentor will be. 0 for a mentor with fewer pilot mentees.
 */
export function offsetsFromPilot(scans: readonly CandidateScan[], mentorCount: number, depth: Int32Array): Int32Array {
  const { keys, start } = mergeMentorLists(scans, mentorCount, depth);
  const offset = new Int32Array(mentorCount);
  for (let j = 0; j < mentorCount; j++) {
    // Lists are ascending, so the first entry kept is the depth-th best.
    if (depth[j]! > 0 && start[j + 1]! - start[j]! >= depth[j]!) offset[j] = scoreOf(keys[start[j]!]!);
  }
  return offset;
}

/**
 * Mentor depths for a pilot over every `every`-th mentee: the sample's stand-in for a mentor's
 * (topK × capacity)-th best mentee, two ranks deeper. A price is set at the margin, below the very
 * best scores, and a sample's top one or two are its noisiest; offsets that overshoot a mentor's
 * price are what makes the solver rescore pairs (measured on 50k × 10k: 4× fewer pairs than rank
 * topK·capacity/every itself, and better than deeper ranks).
 */
export function pilotDepths(capacity: Int32Array, topK: number, every: number): Int32Array {
  return Int32Array.from(capacity, (c) => (c > 0 ? Math.round((topK * c) / every) + 2 : 0));
}

function scoreOf(key: number): number {
  return Math.floor(key / KEY_SCALE);
}

function menteeOf(key: number): number {
  return KEY_MASK - (key - Math.floor(key / KEY_SCALE) * KEY_SCALE);
}

function maxOf(a: Int32Array): number {
  let max = 0;
  for (let j = 0; j < a.length; j++) if (a[j]! > max) max = a[j]!;
  return max;
}

function heapPush(heap: Float64Array, base: number, size: number, key: number): void {
  let k = size;
  while (k > 0) {
    const p = (k - 1) >> 1;
    const pk = heap[base + p]!;
    if (pk <= key) break;
    heap[base + k] = pk;
    k = p;
  }
  heap[base + k] = key;
}

function heapReplaceTop(heap: Float64Array, base: number, size: number, key: number): void {
  let k = 0;
  const half = size >> 1;
  while (k < half) {
    let c = 2 * k + 1;
    if (c + 1 < size && heap[base + c + 1]! < heap[base + c]!) c++;
    const ck = heap[base + c]!;
    if (ck >= key) break;
    heap[base + k] = ck;
    k = c;
  }
  heap[base + k] = key;
}

/** The best rank the last `compact` dropped. */
let droppedMax = -Infinity;

/**
 * Keeps the best `depth` of the first `len` buffered candidates — higher rank, then earlier (lower
 * mentor index) — in their buffer order, and returns the rank threshold: every candidate dropped
 * now or later ranks at most this. Sets `droppedMax`.
 */
function compact(mentor: Int32Array, score: Int32Array, rank: Int32Array, scratch: Int32Array, len: number, depth: number): number {
  scratch.set(rank.subarray(0, len));
  const x = kthLargest(scratch, len, depth);
  let above = 0;
  for (let t = 0; t < len; t++) if (rank[t]! > x) above++;
  let ties = depth - above; // entries equal to x that still fit, earliest first
  let w = 0;
  droppedMax = -Infinity;
  for (let t = 0; t < len; t++) {
    const r = rank[t]!;
    if (r > x || (r === x && ties-- > 0)) {
      mentor[w] = mentor[t]!;
      score[w] = score[t]!;
      rank[w] = r;
      w++;
    } else if (r > droppedMax) {
      droppedMax = r;
    }
  }
  return x;
}

/** The k-th largest (1-based) of a[0 .. len), reordering a (quickselect, median of three). */
function kthLargest(a: Int32Array, len: number, k: number): number {
  let lo = 0;
  let hi = len - 1;
  const target = k - 1; // index in descending order
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    // Median of three, descending.
    if (a[mid]! > a[lo]!) swap(a, mid, lo);
    if (a[hi]! > a[lo]!) swap(a, hi, lo);
    if (a[hi]! > a[mid]!) swap(a, hi, mid);
    const pivot = a[mid]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! > pivot) i++;
      while (a[j]! < pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return a[target]!;
  }
  return a[target]!;
}

function swap(a: Int32Array, i: number, j: number): void {
  const t = a[i]!;
  a[i] = a[j]!;
  a[j] = t;
}
