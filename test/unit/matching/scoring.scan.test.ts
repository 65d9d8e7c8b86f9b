/**
 * The scorer side of big runs: deep, offset-ranked pruning (candidate-scan.ts), slices that can run
 * on separate threads, the pilot offsets, the ordered oracle and mentor views — and, end to end on
 * generated programmes, that a pruned, oracle-checked solve is exactly the complete graph's optimum.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateProgramme } from '../../../bench/support/programme.js';
import { buildCandidateGraph, buildScoringContext, candidateOracle, defaultPolicy, scorePair, type CandidateGraph } from '../../../src/matching/index.js';
import { SCORE_SCALE } from '../../../src/matching/candidate-scan.js';
import { sliceBounds, suggestedMenteeDepth } from '../../../src/matching/candidates.js';
import { mentorView } from '../../../src/matching/mentor-view.js';
import { scoreMentorRangeInto } from '../../../src/matching/scoring.js';
import { solveAssignment, solveWithPruning, verifyCertificate, type AssignmentProblem } from '../../../src/matching/assignment/index.js';
import { buildCandidateGraphParallel } from '../../../src/matching-runtime/parallel-candidates.js';
import { seededRandom } from './support/instances.js';

function programme(seed: number, size: { people: number; mentees: number; mentors: number } = { people: 90, mentees: 36, mentors: 14 }, minScore = 30) {
  const input = generateProgramme({ ...size, skills: 20, seed, policy: { ...defaultPolicy('MENTORING'), minScore } });
  return { input, ctx: buildScoringContext(input) };
}

function edges(graph: CandidateGraph): Map<string, number> {
  const out = new Map<string, number>();
  for (let i = 0; i < graph.menteeCount; i++) {
    for (let e = graph.offsets[i]!; e < graph.offsets[i + 1]!; e++) out.set(`${i}:${graph.mentor[e]}`, graph.score[e]!);
  }
  return out;
}

const sameGraph = (a: CandidateGraph, b: CandidateGraph): void => {
  for (const key of ['offsets', 'mentor', 'score', 'eligibleCount', 'menteeCutoff', 'mentorCutoff', 'mentorOffset', 'capacity'] as const) {
    expect(a[key] === null ? null : Array.from(a[key]!)).toEqual(b[key] === null ? null : Array.from(b[key]!));
  }
  expect(a.stats).toEqual(b.stats);
};

describe('deep, offset-ranked pruning', () => {
  it('keeps each mentee’s best by score − offset and each mentor’s best by score, and bounds every dropped pair', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 5 }), fc.boolean(), (seed, k, extra, pilot) => {
        const { ctx } = programme(seed);
        const full = buildCandidateGraph(ctx, ctx.mentees, ctx.mentors);
        const rand = seededRandom(seed);
        const offset = pilot ? 'pilot' : Int32Array.from(ctx.mentors, () => Math.floor(rand() * 6000) - 1000);
        const graph = buildCandidateGraph(ctx, ctx.mentees, ctx.mentors, { topK: k, menteeDepth: k + extra, mentorOffset: offset });
        const off = graph.mentorOffset!;
        if (offset !== 'pilot') expect(Array.from(off)).toEqual(Array.from(offset));
        const all = edges(full);
        const kept = edges(graph);
        for (const [key, score] of kept) expect(all.get(key)).toBe(score);
        expect(Array.from(graph.eligibleCount)).toEqual(Array.from(full.eligibleCount));
        for (let i = 0; i < full.menteeCount; i++) {
          const mine = [...all].filter(([key]) => key.startsWith(`${i}:`)).map(([key, s]) => ({ j: Number(key.split(':')[1]), rank: s - off[Number(key.split(':')[1])]! }));
          mine.sort((a, b) => b.rank - a.rank || a.j - b.j);
          for (const { j } of mine.slice(0, k + extra)) expect(kept.has(`${i}:${j}`)).toBe(true);
        }
        for (let j = 0; j < full.mentorCount; j++) {
          const theirs = [...all].filter(([key]) => key.endsWith(`:${j}`)).map(([key, s]) => ({ i: Number(key.split(':')[0]), s }));
          theirs.sort((a, b) => b.s - a.s || a.i - b.i);
          for (const { i } of theirs.slice(0, k * full.capacity[j]!)) expect(kept.has(`${i}:${j}`)).toBe(true);
        }
        // Every dropped pair is within the bound the solver and the verifier clear pairs with.
        for (const [key, score] of all) {
          if (kept.has(key)) continue;
          const [i, j] = key.split(':').map(Number) as [number, number];
          expect(score).toBeLessThanOrEqual(graph.menteeCutoff![i]! + off[j]!);
          expect(score).toBeLessThanOrEqual(graph.mentorCutoff![j]!);
        }
        // A mentee side that dropped nothing says so: its bound is below 0 with every offset.
        for (let i = 0; i < full.menteeCount; i++) {
          if (full.eligibleCount[i]! <= k + extra) for (let j = 0; j < full.mentorCount; j++) expect(graph.menteeCutoff![i]! + off[j]!).toBeLessThan(0);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('is the same graph however the mentees are split into slices (what the threads do)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 2, max: 7 }), fc.boolean(), (seed, slices, pilot) => {
        const { ctx } = programme(seed, { people: 160, mentees: 70, mentors: 20 });
        const opts = { topK: 2, menteeDepth: 5, ...(pilot ? { mentorOffset: 'pilot' as const } : {}) };
        sameGraph(buildCandidateGraph(ctx, ctx.mentees, ctx.mentors, { ...opts, slices }), buildCandidateGraph(ctx, ctx.mentees, ctx.mentors, opts));
      }),
      { numRuns: 25 },
    );
    expect(sliceBounds(10, 3)).toEqual([
      [0, 3],
      [3, 6],
      [6, 10],
    ]);
    expect(sliceBounds(2, 4)).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  it('the parallel driver builds the same graph (in-thread when no compiled worker is available)', async () => {
    const { input, ctx } = programme(3, { people: 160, mentees: 70, mentors: 20 });
    const opts = { topK: 2, menteeDepth: 6, mentorOffset: 'pilot' as const };
    const { graph } = await buildCandidateGraphParallel(input, ctx, ctx.mentees, ctx.mentors, { ...opts, threads: 2 });
    sameGraph(graph, buildCandidateGraph(ctx, ctx.mentees, ctx.mentors, opts));
  });

  it('suggests a mentee depth that grows with the mentors, within [topK, 256]', () => {
    expect(suggestedMenteeDepth(100, 12)).toBe(12);
    expect(suggestedMenteeDepth(1000, 12)).toBe(25);
    expect(suggestedMenteeDepth(10_000, 12)).toBe(250);
    expect(suggestedMenteeDepth(1_000_000, 12)).toBe(256);
  });
});

describe('candidate oracle and mentor views', () => {
  it('scores a pair, and any range of any mentor order, exactly as a whole row does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), (seed) => {
        const { ctx } = programme(seed);
        const outsider = [...Array(ctx.personCount).keys()].find((p) => ctx.mentorSlot[p]! < 0 && !ctx.isMentee[p])!;
        const mentors = [...ctx.mentors, outsider];
        const oracle = candidateOracle(ctx, ctx.mentees, mentors);
        const rand = seededRandom(seed);
        const order = Int32Array.from(mentors.keys()).sort(() => rand() - 0.5);
        const view = oracle.ordered(order);
        for (let i = 0; i < ctx.mentees.length; i++) {
          const row = new Map<number, number>();
          oracle.forEachEdge(i, (j, s) => row.set(j, s));
          for (let j = 0; j < mentors.length; j++) expect(oracle.pairScore(i, j)).toBe(row.get(j) ?? -1);
          const from = Math.floor(rand() * order.length);
          const to = from + Math.floor(rand() * (order.length - from + 1));
          const seen = new Map<number, number>();
          view.forEachEdgeInRange(i, from, to, (j, s) => seen.set(j, s));
          const expected = new Map([...row].filter(([j]) => order.subarray(from, to).includes(j)));
          expect(seen).toEqual(expected);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('a mentor view scores its positions as the original slots, blocked positions as −1', () => {
    const { ctx } = programme(9);
    const slots = Int32Array.from([3, -1, 0, 5, 5]);
    const view = mentorView(ctx, slots);
    const out = new Float64Array(slots.length);
    for (const mentee of ctx.mentees) {
      scoreMentorRangeInto(view, mentee, 0, slots.length, out);
      slots.forEach((slot, t) => expect(out[t]).toBe(slot < 0 ? -1 : scorePair(ctx, ctx.mentors[slot]!, mentee)));
    }
  });
});

describe('pruned, oracle-checked match runs on generated programmes', () => {
  it('find exactly the complete graph’s optimum, with a certificate both verifiers accept', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 8 }), fc.boolean(), (seed, k, extra, pilot) => {
        const { ctx } = programme(seed, { people: 220, mentees: 110, mentors: 24 });
        const complete = buildCandidateGraph(ctx, ctx.mentees, ctx.mentors);
        const graph = buildCandidateGraph(ctx, ctx.mentees, ctx.mentors, { topK: k, menteeDepth: k + extra, ...(pilot ? { mentorOffset: 'pilot' as const } : {}) });
        const problem: AssignmentProblem = { graph, capacity: graph.capacity, oracle: candidateOracle(ctx, ctx.mentees, ctx.mentors) };
        const result = solveWithPruning(problem, { k });
        const exact = solveAssignment({ graph: complete, capacity: complete.capacity });
        expect([result.matchedCount, result.totalScore]).toEqual([exact.matchedCount, exact.totalScore]);
        expect(verifyCertificate(problem, result, { trustScorerCutoffs: true }).violations).toEqual([]);
        expect(verifyCertificate({ graph: complete, capacity: complete.capacity }, result).violations).toEqual([]);
        expect(result.scoreOf.every((s, i) => s < 0 || s === Math.round(scorePair(ctx, ctx.mentors[result.mentorOf[i]!]!, ctx.mentees[i]!) * SCORE_SCALE))).toBe(true);
      }),
      { numRuns: 25 },
    );
  });
});
