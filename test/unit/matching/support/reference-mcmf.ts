/**
 * An independent exact method: textbook min-cost max-flow by successive shortest paths with
 * SPFA (queue-based Bellman-Ford), on the network
 *   source → mentee (cap 1, cost 0) → mentor (cap 1, cost −score) → sink (cap = residual capacity).
 * Successive shortest paths yields, for every flow value, the cheapest flow of that value; run to
 * maximum flow it is therefore "maximum matched count, then maximum total score" — without any
 * big-M weights, which is what makes it a good cross-check of the solver's lexicographic bonus.
 * Pins: fixed first (mentee removed, one capacity unit used). Bans: edges left out.
 * Written from scratch for the tests; shares no code with src/matching/assignment.
 */
import type { AssignmentProblem } from '../../../../src/matching/assignment/types.js';
import type { Optimum } from './brute-force.js';

export function referenceOptimum(problem: AssignmentProblem): Optimum & { mentorOf: Int32Array } {
  const { graph } = problem;
  const n = graph.menteeCount;
  const m = graph.mentorCount;
  const banned = new Set((problem.bans ?? []).map((b) => `${b.mentee}:${b.mentor}`));
  const pinnedTo = new Map((problem.pins ?? []).map((p) => [p.mentee, p.mentor] as const));
  const mentorOf = new Int32Array(n).fill(-1);
  const room = Array.from(problem.capacity);
  let matched = 0;
  let total = 0;
  for (const [mentee, mentor] of pinnedTo) {
    room[mentor]!--;
    mentorOf[mentee] = mentor;
    matched++;
    for (let e = graph.offsets[mentee]!; e < graph.offsets[mentee + 1]!; e++) if (graph.mentor[e] === mentor) total += graph.score[e]!;
  }

  const source = n + m;
  const sink = n + m + 1;
  const nodes = n + m + 2;
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const next: number[] = [];
  const head = new Array<number>(nodes).fill(-1);
  /** Arc a→b and its residual twin b→a at index ^ 1. */
  const addArc = (a: number, b: number, c: number, w: number): void => {
    for (const [from, into, capacity, price] of [
      [a, b, c, w],
      [b, a, 0, -w],
    ] as const) {
      to.push(into);
      cap.push(capacity);
      cost.push(price);
      next.push(head[from]!);
      head[from] = to.length - 1;
    }
  };
  for (let i = 0; i < n; i++) {
    if (pinnedTo.has(i)) continue;
    addArc(source, i, 1, 0);
    for (let e = graph.offsets[i]!; e < graph.offsets[i + 1]!; e++) {
      const j = graph.mentor[e]!;
      if (!banned.has(`${i}:${j}`)) addArc(i, n + j, 1, -graph.score[e]!);
    }
  }
  for (let j = 0; j < m; j++) if (room[j]! > 0) addArc(n + j, sink, room[j]!, 0);

  const dist = new Array<number>(nodes);
  const inQueue = new Array<boolean>(nodes);
  const via = new Array<number>(nodes);
  for (;;) {
    dist.fill(Infinity);
    inQueue.fill(false);
    via.fill(-1);
    dist[source] = 0;
    const queue = [source];
    inQueue[source] = true;
    for (let q = 0; q < queue.length; q++) {
      const a = queue[q]!;
      inQueue[a] = false;
      for (let arc = head[a]!; arc !== -1; arc = next[arc]!) {
        if (cap[arc]! === 0) continue;
        const b = to[arc]!;
        const d = dist[a]! + cost[arc]!;
        if (d < dist[b]!) {
          dist[b] = d;
          via[b] = arc;
          if (!inQueue[b]) {
            inQueue[b] = true;
            queue.push(b);
          }
        }
      }
    }
    if (dist[sink] === Infinity) break;
    for (let b = sink; b !== source; b = to[via[b]! ^ 1]!) {
      cap[via[b]!]!--;
      cap[via[b]! ^ 1]!++;
    }
    matched++;
    total -= dist[sink]!;
  }
  for (let i = 0; i < n; i++) {
    if (pinnedTo.has(i)) continue;
    for (let arc = head[i]!; arc !== -1; arc = next[arc]!) {
      if (arc % 2 === 0 && to[arc]! >= n && to[arc]! < n + m && cap[arc] === 0) mentorOf[i] = to[arc]! - n;
    }
  }
  return { matchedCount: matched, totalScore: total, mentorOf };
}
