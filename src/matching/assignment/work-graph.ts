/**
 * The subgraph a solve round works on: CSR over mentees, holding only usable edges (unpinned
 * mentee, not banned, mentor with residual capacity). It owns its arrays (rather than indexing the
 * candidate graph) because oracle pairs that the certificate pulls in have no index there.
 */
import type { CandidateGraph } from './types.js';

export interface WorkGraph {
  readonly menteeCount: number;
  readonly mentorCount: number;
  readonly offsets: Int32Array;
  readonly mentor: Int32Array;
  readonly score: Int32Array;
}

/** The edges of `graph` with the given ascending ids, in the same order. O(n + |ids|). */
export function workGraphFromEdges(graph: CandidateGraph, ids: Int32Array): WorkGraph {
  const n = graph.menteeCount;
  const { offsets: gOff, mentor: gAdj, score: gScore } = graph;
  const offsets = new Int32Array(n + 1);
  const mentor = new Int32Array(ids.length);
  const score = new Int32Array(ids.length);
  let i = 0;
  for (let t = 0; t < ids.length; t++) {
    const e = ids[t]!;
    while (gOff[i + 1]! <= e) offsets[++i] = t; // ids ascend, so the owning mentee only moves forward
    mentor[t] = gAdj[e]!;
    score[t] = gScore[e]!;
  }
  while (i < n) offsets[++i] = ids.length;
  return { menteeCount: n, mentorCount: graph.mentorCount, offsets, mentor, score };
}

/** Edges to add, grouped by mentee in non-decreasing mentee order (how the certificate check emits them). */
export interface EdgeBatch {
  mentee: Int32Array;
  mentor: Int32Array;
  score: Int32Array;
  length: number;
}

export function createEdgeBatch(initialCapacity = 1024): EdgeBatch {
  return {
    mentee: new Int32Array(initialCapacity),
    mentor: new Int32Array(initialCapacity),
    score: new Int32Array(initialCapacity),
    length: 0,
  };
}

export function pushEdge(batch: EdgeBatch, mentee: number, mentor: number, score: number): void {
  if (batch.length === batch.mentee.length) {
    const size = batch.length * 2;
    const grow = (a: Int32Array): Int32Array => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    batch.mentee = grow(batch.mentee);
    batch.mentor = grow(batch.mentor);
    batch.score = grow(batch.score);
  }
  batch.mentee[batch.length] = mentee;
  batch.mentor[batch.length] = mentor;
  batch.score[batch.length] = score;
  batch.length++;
}

/**
 * `work` plus `batch` (which must be sorted by mentee), in O(|work| + |batch| + n). The rows between
 * two mentees of the batch move as one block, so a batch touching few mentees copies in few calls.
 */
export function mergeWorkGraph(work: WorkGraph, batch: EdgeBatch): WorkGraph {
  const n = work.menteeCount;
  const offsets = new Int32Array(n + 1);
  const total = work.mentor.length + batch.length;
  const mentor = new Int32Array(total);
  const score = new Int32Array(total);
  let copied = 0; // work edges [0, copied) are in place, shifted by b
  let b = 0;
  let last = -1;
  while (b < batch.length) {
    const i = batch.mentee[b]!;
    if (i <= last || i >= n) throw new Error('mergeWorkGraph: batch is not sorted by mentee');
    last = i;
    const end = work.offsets[i + 1]!;
    mentor.set(work.mentor.subarray(copied, end), copied + b);
    score.set(work.score.subarray(copied, end), copied + b);
    copied = end;
    while (b < batch.length && batch.mentee[b] === i) {
      mentor[copied + b] = batch.mentor[b]!;
      score[copied + b] = batch.score[b]!;
      b++;
    }
  }
  mentor.set(work.mentor.subarray(copied), copied + b);
  score.set(work.score.subarray(copied), copied + b);
  // Row ends move by the batch edges of this and every earlier mentee.
  b = 0;
  for (let i = 0; i < n; i++) {
    while (b < batch.length && batch.mentee[b]! <= i) b++;
    offsets[i + 1] = work.offsets[i + 1]! + b;
  }
  return { menteeCount: n, mentorCount: work.mentorCount, offsets, mentor, score };
}
