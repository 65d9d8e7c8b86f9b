/**
 * Greedy baseline: honour the pins, then walk the allowed pairs from the highest score down and
 * take a pair whenever its mentee is still free and its mentor still has room. This is what a
 * spreadsheet-and-goodwill coordinator does; the exact solver is reported against it.
 * Ties in score are taken in graph order (mentee index, then the mentee's candidate order).
 * Uses the candidate graph only (not the oracle). O(E + MAX_SCORE) with a counting sort.
 */
import { prepareResidual } from './residual.js';
import { MAX_SCORE, type AssignmentOutcome, type AssignmentProblem } from './types.js';

export function solveGreedy(problem: AssignmentProblem): AssignmentOutcome {
  const residual = prepareResidual(problem);
  const { graph } = problem;
  const n = graph.menteeCount;
  const { offsets, mentor, score } = graph;
  const { pinnedMentor, bannedEdge, hasBan } = residual;
  const room = Int32Array.from(residual.capacity);

  // Counting sort of usable edge ids by descending score, stable in edge order.
  const bucketStart = new Int32Array(MAX_SCORE + 2);
  for (let i = 0; i < n; i++) {
    if (pinnedMentor[i]! >= 0) continue;
    const checkBans = hasBan[i] === 1;
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) {
      if (!(checkBans && bannedEdge[e] === 1)) bucketStart[MAX_SCORE - score[e]! + 1]!++;
    }
  }
  for (let b = 1; b < bucketStart.length; b++) bucketStart[b]! += bucketStart[b - 1]!;
  // The sorted copy carries mentee and mentor (the score is the run it sits in) so the walk reads memory
  // sequentially (indexing the graph by sorted edge id would miss the cache on every edge).
  const total = bucketStart[MAX_SCORE + 1]!;
  const sortedMentee = new Int32Array(total);
  const sortedMentor = new Int32Array(total);
  for (let i = 0; i < n; i++) {
    if (pinnedMentor[i]! >= 0) continue;
    const checkBans = hasBan[i] === 1;
    for (let e = offsets[i]!; e < offsets[i + 1]!; e++) {
      if (checkBans && bannedEdge[e] === 1) continue;
      const p = bucketStart[MAX_SCORE - score[e]!]!++;
      sortedMentee[p] = i;
      sortedMentor[p] = mentor[e]!;
    }
  }

  const mentorOf = Int32Array.from(pinnedMentor);
  const scoreOf = Int32Array.from(residual.pinnedScore);
  let matchedCount = residual.pinnedCount;
  let totalScore = residual.pinnedScoreTotal;
  // After the sort, bucketStart[MAX_SCORE − s] is the end of score s's run: walk runs high to low.
  let p = 0;
  for (let s = MAX_SCORE; s >= 0; s--) {
    const end = bucketStart[MAX_SCORE - s]!;
    for (; p < end; p++) {
      const i = sortedMentee[p]!;
      const j = sortedMentor[p]!;
      if (mentorOf[i]! >= 0 || room[j]! === 0) continue;
      mentorOf[i] = j;
      scoreOf[i] = s;
      room[j]!--;
      matchedCount++;
      totalScore += s;
    }
  }
  return { mentorOf, scoreOf, matchedCount, totalScore };
}
