/**
 * Exhaustive optimum for tiny problems (≤ ~8 mentees): tries every assignment that honours pins,
 * bans and capacities and keeps the lexicographic best (matched count, then total score).
 * Deliberately naive; shares nothing with the solver.
 */
import type { AssignmentProblem } from '../../../../src/matching/assignment/types.js';

export interface Optimum {
  readonly matchedCount: number;
  readonly totalScore: number;
}

export function bruteForceOptimum(problem: AssignmentProblem): Optimum {
  const { graph } = problem;
  const n = graph.menteeCount;
  const room = Array.from(problem.capacity);
  const banned = new Set((problem.bans ?? []).map((b) => `${b.mentee}:${b.mentor}`));
  const pinned = new Map((problem.pins ?? []).map((p) => [p.mentee, p.mentor] as const));
  const options: Array<Array<{ mentor: number; score: number }>> = [];
  for (let i = 0; i < n; i++) {
    const list: Array<{ mentor: number; score: number }> = [];
    for (let e = graph.offsets[i]!; e < graph.offsets[i + 1]!; e++) {
      const mentor = graph.mentor[e]!;
      if (!banned.has(`${i}:${mentor}`)) list.push({ mentor, score: graph.score[e]! });
    }
    const pin = pinned.get(i);
    options.push(pin === undefined ? list : list.filter((o) => o.mentor === pin));
  }
  let best: Optimum = { matchedCount: -1, totalScore: -1 };
  const go = (i: number, count: number, score: number): void => {
    if (i === n) {
      if (count > best.matchedCount || (count === best.matchedCount && score > best.totalScore)) best = { matchedCount: count, totalScore: score };
      return;
    }
    for (const o of options[i]!) {
      if (room[o.mentor]! === 0) continue;
      room[o.mentor]!--;
      go(i + 1, count + 1, score + o.score);
      room[o.mentor]!++;
    }
    if (!pinned.has(i)) go(i + 1, count, score);
  };
  go(0, 0, 0);
  return best;
}
