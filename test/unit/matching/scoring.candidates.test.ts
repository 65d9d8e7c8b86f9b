import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateProgramme } from '../../../bench/support/programme.js';
import {
  SCORE_SCALE,
  buildCandidateGraph,
  buildScoringContext,
  candidateOracle,
  defaultPolicy,
  scorePair,
  type CandidateGraph,
} from '../../../src/matching/index.js';
import { offer } from '../../../src/matching/top-k.js';

/** A small generated programme; a few mentors are made attractive to everyone. */
function programme(seed: number, minScore = 30) {
  const input = generateProgramme({ people: 80, mentees: 30, mentors: 12, skills: 20, seed, policy: { ...defaultPolicy('MENTORING'), minScore } });
  return buildScoringContext(input);
}

function edges(graph: CandidateGraph): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < graph.menteeCount; i++) {
    for (let e = graph.offsets[i]!; e < graph.offsets[i + 1]!; e++) out.set(`${i}:${graph.mentor[e]}`, graph.score[e]!);
  }
  return out;
}

/** Index order of the best `k` of `scores` (higher first, then lower index). */
function bestIndices(scores: number[], k: number): number[] {
  return scores
    .map((s, i) => [s, i] as const)
    .filter(([s]) => s >= 0)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, k)
    .map(([, i]) => i);
}

describe('buildCandidateGraph', () => {
  it('lists exactly the allowed pairs at or above the minimum score, in compressed rows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const ctx = programme(seed);
        const graph = buildCandidateGraph(ctx, ctx.mentees, ctx.mentors);
        expect(graph.offsets.length).toBe(graph.menteeCount + 1);
        expect(graph.offsets[graph.menteeCount]).toBe(graph.mentor.length);
        const { pairs, blocked, belowMinScore, edges: edgeCount } = graph.stats;
        expect(pairs).toBe(blocked + belowMinScore + edgeCount);
        for (let i = 0; i < graph.menteeCount; i++) {
          const row = Array.from(graph.mentor.subarray(graph.offsets[i]!, graph.offsets[i + 1]!));
          expect(row).toEqual([...row].sort((a, b) => a - b));
          expect(graph.eligibleCount[i]).toBe(row.length);
          for (let j = 0; j < graph.mentorCount; j++) {
            const score = scorePair(ctx, graph.mentors[j]!, graph.mentees[i]!);
            const at = row.indexOf(j);
            if (score >= ctx.policy.minScore) expect(graph.score[graph.offsets[i]! + at]).toBe(Math.round(score * SCORE_SCALE));
            else expect(at).toBe(-1);
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('numbers mentees and mentors in the order given, and keeps unenrolled mentors edgeless', () => {
    const ctx = programme(7, 0);
    const outsider = [...Array(ctx.personCount).keys()].find((p) => ctx.mentorSlot[p]! < 0 && !ctx.isMentee[p])!;
    const mentors = [ctx.mentors[3]!, outsider, ctx.mentors[0]!];
    const graph = buildCandidateGraph(ctx, ctx.mentees.slice(0, 5), mentors);
    expect([...graph.mentors]).toEqual(mentors);
    expect(graph.capacity[1]).toBe(0);
    expect([...graph.mentor]).not.toContain(1);
    expect(() => buildCandidateGraph(ctx, [ctx.mentees[0]!, ctx.mentees[0]!], mentors)).toThrow(/listed twice/);
  });

  it('prunes to each mentee’s best K and each mentor’s best K × capacity, and bounds what it dropped', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 4 }), (seed, k) => {
        const ctx = programme(seed);
        const full = buildCandidateGraph(ctx, ctx.mentees, ctx.mentors);
        const pruned = buildCandidateGraph(ctx, ctx.mentees, ctx.mentors, { topK: k });
        const all = edges(full);
        const kept = edges(pruned);
        for (const [key, score] of kept) expect(all.get(key)).toBe(score);
        expect([...pruned.eligibleCount]).toEqual([...full.eligibleCount]);

        const scoreOf = (i: number, j: number): number => all.get(`${i}:${j}`) ?? -1;
        for (let i = 0; i < full.menteeCount; i++) {
          const row = Array.from({ length: full.mentorCount }, (_, j) => scoreOf(i, j));
          for (const j of bestIndices(row, k)) expect(kept.has(`${i}:${j}`)).toBe(true);
        }
        for (let j = 0; j < full.mentorCount; j++) {
          const column = Array.from({ length: full.menteeCount }, (_, i) => scoreOf(i, j));
          for (const i of bestIndices(column, k * full.capacity[j]!)) expect(kept.has(`${i}:${j}`)).toBe(true);
        }
        // Every dropped edge is covered by the bounds a solver certifies against.
        for (const [key, score] of all) {
          if (kept.has(key)) continue;
          const [i, j] = key.split(':').map(Number) as [number, number];
          expect(pruned.menteeCutoff![i]).toBeGreaterThanOrEqual(score);
          expect(pruned.mentorCutoff![j]).toBeGreaterThanOrEqual(score);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('does not let a few popular mentors starve everyone else', () => {
    // With K = 1 every mentee keeps only a popular mentor; the mentor-side lists keep the rest reachable.
    const ctx = programme(11, 0);
    const full = buildCandidateGraph(ctx, ctx.mentees, ctx.mentors);
    const pruned = buildCandidateGraph(ctx, ctx.mentees, ctx.mentors, { topK: 1 });
    const perMentor = (g: CandidateGraph) => {
      const count = new Array<number>(g.mentorCount).fill(0);
      for (const j of g.mentor) count[j]!++;
      return count;
    };
    const before = perMentor(full);
    const after = perMentor(pruned);
    for (let j = 0; j < full.mentorCount; j++) expect(after[j]).toBeGreaterThanOrEqual(Math.min(before[j]!, full.capacity[j]!));
  });

  it('serves every allowed edge on demand, for certificates over the unpruned graph', () => {
    const ctx = programme(5);
    const full = buildCandidateGraph(ctx, ctx.mentees, ctx.mentors);
    const oracle = candidateOracle(ctx, ctx.mentees, ctx.mentors);
    const seen = new Map<string, number>();
    for (let i = 0; i < full.menteeCount; i++) oracle.forEachEdge(i, (j, score) => seen.set(`${i}:${j}`, score));
    expect(seen).toEqual(edges(full));
  });
});

describe('top-K heaps', () => {
  it('keep exactly the K best, higher score first and lower id on ties', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 60 }), fc.integer({ min: 0, max: 10 }), (scores, k) => {
        const heapScores = new Float64Array(k);
        const heapIds = new Int32Array(k);
        let size = 0;
        scores.forEach((s, id) => (size = offer(heapScores, heapIds, 0, size, k, s, id)));
        const kept = Array.from(heapIds.subarray(0, size)).sort((a, b) => a - b);
        expect(kept).toEqual(bestIndices(scores, k).sort((a, b) => a - b));
      }),
    );
  });
});
