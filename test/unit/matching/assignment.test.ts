/**
 * How the matching engine behaves, scenario by scenario. Scores are in hundredths of a point
 * (9000 = 90 points).
 */
import { describe, expect, it } from 'vitest';
import {
  AssignmentInputError,
  compareToBaseline,
  lexicographicBonus,
  solveAssignment,
  solveGreedy,
  solveWithPruning,
  summarise,
  validateProblem,
  verifyCertificate,
  type AssignmentProblem,
  type AssignmentResult,
} from '../../../src/matching/assignment/index.js';
import { buildProblem, type EdgeSpec } from './support/instances.js';

function solveCertified(problem: AssignmentProblem): AssignmentResult {
  const result = solveAssignment(problem);
  expect(verifyCertificate(problem, result).violations).toEqual([]);
  return result;
}

const pairsOf = (r: { mentorOf: Int32Array }): Array<[number, number]> =>
  Array.from(r.mentorOf, (j, i) => [i, j] as [number, number]).filter(([, j]) => j >= 0);

describe('objective: more mentees matched first, then higher total score', () => {
  it('prefers two matched mentees to one better-scoring pair', () => {
    // Ana fits Xavier perfectly (100) and Yara poorly (0); Ben fits only Xavier (90).
    // One pair Ana–Xavier scores 100 > 0 + 90, but matches only one mentee.
    const problem = buildProblem({
      mentees: 2,
      mentors: 2,
      edges: [
        { mentee: 0, mentor: 0, score: 10_000 },
        { mentee: 0, mentor: 1, score: 0 },
        { mentee: 1, mentor: 0, score: 9000 },
      ],
      capacity: [1, 1],
    });
    const result = solveCertified(problem);
    expect(pairsOf(result)).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(result.matchedCount).toBe(2);
    expect(result.totalScore).toBe(9000);
  });

  it('gives up any amount of score for one more match, even along a long chain', () => {
    // Mentees a1..ak each fit mentor x_t perfectly; the only way to also match a0 is to shift
    // everyone one mentor along to zero-score pairs: k+1 matches at score 0 beat k at 100 each.
    const k = 25;
    const edges: EdgeSpec[] = [{ mentee: 0, mentor: 0, score: 0 }];
    for (let t = 1; t <= k; t++) {
      edges.push({ mentee: t, mentor: t - 1, score: 10_000 }, { mentee: t, mentor: t, score: 0 });
    }
    const problem = buildProblem({ mentees: k + 1, mentors: k + 1, edges, capacity: new Array<number>(k + 1).fill(1) });
    const result = solveCertified(problem);
    expect(result.matchedCount).toBe(k + 1);
    expect(result.totalScore).toBe(0);
    // This is why the bonus per match must grow with the problem: a constant one would lose here.
    expect(result.certificate.matchBonus).toBe(lexicographicBonus(k + 1));
    expect(result.certificate.matchBonus).toBeGreaterThan(10_000 * k);
  });

  it('among equally many matches, maximises the total score (not each mentee greedily)', () => {
    // Greedy gives Ana her best (Xavier, 90) and leaves Ben with Yara (10): 100 in total.
    // The optimum swaps them: Ana–Yara 80 + Ben–Xavier 85 = 165.
    const problem = buildProblem({
      mentees: 2,
      mentors: 2,
      edges: [
        { mentee: 0, mentor: 0, score: 9000 },
        { mentee: 0, mentor: 1, score: 8000 },
        { mentee: 1, mentor: 0, score: 8500 },
        { mentee: 1, mentor: 1, score: 1000 },
      ],
      capacity: [1, 1],
    });
    const greedy = solveGreedy(problem);
    const exact = solveCertified(problem);
    expect(greedy.totalScore).toBe(10_000);
    expect(exact.totalScore).toBe(16_500);
    expect(compareToBaseline(exact, greedy, problem)).toEqual({
      extraMatched: 0,
      scoreGain: 65,
      scoreGainPercent: 65,
      worstOffChange: 70,
    });
  });
});

describe('capacity, pins and bans', () => {
  it('fills a mentor up to capacity and no further', () => {
    const edges: EdgeSpec[] = [0, 1, 2, 3].map((i) => ({ mentee: i, mentor: 0, score: 9000 - i }));
    const result = solveCertified(buildProblem({ mentees: 4, mentors: 1, edges, capacity: [3] }));
    expect(result.matchedCount).toBe(3);
    expect(Array.from(result.mentorOf)).toEqual([0, 0, 0, -1]); // the three best-fitting
  });

  it('honours a pin even when it is not what the optimum would choose, and the pin uses capacity', () => {
    // Unpinned, Ana–Xavier and Ben–Yara is optimal. Pinning Ben to Xavier (capacity 1) forces Ana
    // to Yara.
    const base = {
      mentees: 2,
      mentors: 2,
      edges: [
        { mentee: 0, mentor: 0, score: 9000 },
        { mentee: 0, mentor: 1, score: 2000 },
        { mentee: 1, mentor: 0, score: 3000 },
        { mentee: 1, mentor: 1, score: 8000 },
      ],
      capacity: [1, 1],
    };
    expect(pairsOf(solveCertified(buildProblem(base)))).toEqual([
      [0, 0],
      [1, 1],
    ]);
    const pinned = buildProblem({ ...base, pins: [{ mentee: 1, mentor: 0 }] });
    const result = solveCertified(pinned);
    expect(pairsOf(result)).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(result.pinnedCount).toBe(1);
    expect(result.totalScore).toBe(5000);
    expect(result.certificate.menteeDual[1]).toBe(0); // pinned mentees are outside the residual LP
  });

  it('never makes a banned pair, even at the cost of a match', () => {
    const problem = buildProblem({
      mentees: 2,
      mentors: 1,
      edges: [
        { mentee: 0, mentor: 0, score: 9000 },
        { mentee: 1, mentor: 0, score: 5000 },
      ],
      capacity: [1],
      bans: [{ mentee: 0, mentor: 0 }],
    });
    const result = solveCertified(problem);
    expect(pairsOf(result)).toEqual([[1, 0]]);
  });

  it('treats capacities far above demand ("unlimited") without allocating for them', () => {
    const edges: EdgeSpec[] = [0, 1, 2].map((i) => ({ mentee: i, mentor: 0, score: 5000 }));
    const result = solveCertified(buildProblem({ mentees: 3, mentors: 1, edges, capacity: [2_000_000_000] }));
    expect(result.matchedCount).toBe(3);
    expect(solveWithPruning(buildProblem({ mentees: 3, mentors: 1, edges, capacity: [2_000_000_000] }), { k: 1 }).matchedCount).toBe(3);
  });

  it('handles empty programmes', () => {
    for (const problem of [
      buildProblem({ mentees: 0, mentors: 0, edges: [], capacity: [] }),
      buildProblem({ mentees: 3, mentors: 0, edges: [], capacity: [] }),
      buildProblem({ mentees: 0, mentors: 2, edges: [], capacity: [1, 1] }),
      buildProblem({ mentees: 2, mentors: 2, edges: [], capacity: [1, 0] }),
    ]) {
      const result = solveCertified(problem);
      expect(result.matchedCount).toBe(0);
      expect(result.totalScore).toBe(0);
      expect(result.unmatched.every((u) => u.code === 'NO_ELIGIBLE_MENTOR')).toBe(true);
    }
  });
});

describe('why a mentee is unmatched', () => {
  // 0: no allowed pair · 1: banned from its only mentor · 2: only a zero-capacity mentor
  // 3 and 4 compete for Xavier (capacity 1); 3 fits better, so 4 stays out.
  const problem = buildProblem({
    mentees: 5,
    mentors: 3,
    edges: [
      { mentee: 1, mentor: 0, score: 7000 },
      { mentee: 2, mentor: 2, score: 7000 },
      { mentee: 3, mentor: 0, score: 9000 },
      { mentee: 4, mentor: 0, score: 6000 },
    ],
    capacity: [1, 4, 0],
    bans: [{ mentee: 1, mentor: 0 }],
  });

  it('gives a stable code and a plain-language message for each', () => {
    const result = solveCertified(problem);
    expect(result.unmatched.map((u) => [u.mentee, u.code])).toEqual([
      [0, 'NO_ELIGIBLE_MENTOR'],
      [1, 'BANNED_FROM_ALL'],
      [2, 'ELIGIBLE_MENTORS_HAVE_NO_CAPACITY'],
      [4, 'ALL_ELIGIBLE_MENTORS_FULL'],
    ]);
    const full = result.unmatched.find((u) => u.mentee === 4)!;
    expect(full.eligibleMentors).toBe(1);
    expect(full.message).toMatch(/All 1 eligible mentor are full/);
    expect(result.unmatched.find((u) => u.mentee === 1)!.bannedMentors).toBe(1);
  });

  it('says "full" only when the optimum proves no reshuffle could help', () => {
    // Every unmatched mentee with an eligible mentor has u = 0, so each such mentor has v ≥ w > 0,
    // which by complementary slackness means it is full.
    const result = solveCertified(problem);
    const { mentorDual } = result.certificate;
    expect(mentorDual[0]).toBeGreaterThan(0);
  });
});

describe('fairness summary', () => {
  it('reports counts, the worst-off matched mentee, percentiles and a 10-bucket histogram', () => {
    const scores = [9500, 8000, 8000, 7200, 6100, 5000, 4400, 10_000, 900];
    const edges: EdgeSpec[] = scores.map((score, i) => ({ mentee: i, mentor: i, score }));
    const problem = buildProblem({ mentees: 10, mentors: 9, edges, capacity: new Array<number>(9).fill(1) });
    const summary = summarise(solveCertified(problem), problem);
    expect(summary).toMatchObject({ menteeCount: 10, matched: 9, unmatched: 1, matchRate: 0.9 });
    expect(summary.totalScore).toBeCloseTo(591, 6);
    expect(summary.meanScore).toBeCloseTo(591 / 9, 9);
    expect(summary.minScore).toBe(9);
    expect(summary.maxScore).toBe(100);
    // Nearest rank on [9, 44, 50, 61, 72, 80, 80, 95, 100]
    expect([summary.p10, summary.p50, summary.p90]).toEqual([9, 72, 100]);
    expect(summary.histogram).toEqual([1, 0, 0, 0, 1, 1, 1, 1, 2, 2]);
  });

  it('has null statistics when nobody is matched', () => {
    const problem = buildProblem({ mentees: 2, mentors: 1, edges: [], capacity: [1] });
    const summary = summarise(solveCertified(problem), problem);
    expect(summary).toMatchObject({ matched: 0, unmatched: 2, meanScore: null, minScore: null, p50: null });
    expect(summary.histogram).toEqual(new Array(10).fill(0));
  });
});

describe('input validation', () => {
  const valid = {
    mentees: 2,
    mentors: 2,
    edges: [
      { mentee: 0, mentor: 0, score: 5000 },
      { mentee: 1, mentor: 1, score: 5000 },
    ],
    capacity: [1, 1],
  };

  it.each([
    ['a pin that is not an allowed pair', { ...valid, pins: [{ mentee: 0, mentor: 1 }] }, /not an allowed pair/],
    ['more pins than capacity', { ...valid, capacity: [1, 0], pins: [{ mentee: 1, mentor: 1 }] }, /1 pins but capacity 0/],
    ['a pinned and banned pair', { ...valid, pins: [{ mentee: 0, mentor: 0 }], bans: [{ mentee: 0, mentor: 0 }] }, /both pinned and banned/],
    ['a score out of range', { ...valid, edges: [{ mentee: 0, mentor: 0, score: 10_001 }] }, /outside 0..10000/],
    ['a pair listed twice', { ...valid, edges: [...valid.edges, { mentee: 1, mentor: 1, score: 10 }] }, /listed twice/],
    ['a mentor index out of range', { ...valid, edges: [{ mentee: 0, mentor: 2, score: 10 }] }, /outside 0..1/],
    ['a negative capacity', { ...valid, capacity: [1, -1] }, /negative capacity/],
  ])('rejects %s with every issue listed', (_label, spec, message) => {
    const problem = buildProblem(spec);
    expect(validateProblem(problem).join('\n')).toMatch(message);
    expect(() => solveAssignment(problem)).toThrow(AssignmentInputError);
    expect(() => solveGreedy(problem)).toThrow(AssignmentInputError);
    // The pruned solve checks the edges inside its selection pass instead of a pass of its own.
    expect(() => solveWithPruning(problem, { k: 1 })).toThrow(message);
  });

  it('rejects a bad edge in a pinned mentee’s row too (the pruned solve does not otherwise read it)', () => {
    const problem = buildProblem({ ...valid, edges: [...valid.edges, { mentee: 0, mentor: 1, score: 10_001 }], pins: [{ mentee: 0, mentor: 0 }] });
    expect(() => solveWithPruning(problem, { k: 1 })).toThrow(/outside 0..10000/);
  });

  it('accepts mentors listed in any order', () => {
    const problem = buildProblem({ ...valid, edges: [...valid.edges, { mentee: 1, mentor: 0, score: 100 }] });
    expect(validateProblem(problem)).toEqual([]);
    expect(solveWithPruning(problem, { k: 1 }).totalScore).toBe(solveAssignment(problem).totalScore);
  });
});

describe('greedy baseline', () => {
  it('honours pins, bans and capacities', () => {
    const problem = buildProblem({
      mentees: 3,
      mentors: 2,
      edges: [
        { mentee: 0, mentor: 0, score: 9000 },
        { mentee: 1, mentor: 0, score: 9500 },
        { mentee: 1, mentor: 1, score: 9900 },
        { mentee: 2, mentor: 1, score: 8000 },
      ],
      capacity: [1, 1],
      pins: [{ mentee: 0, mentor: 0 }],
      bans: [{ mentee: 1, mentor: 1 }],
    });
    const greedy = solveGreedy(problem);
    // Pin first (0–0), then 1–1 is banned and mentor 0 is full, so 2–1 is the only pair left.
    expect(pairsOf(greedy)).toEqual([
      [0, 0],
      [2, 1],
    ]);
    expect(Array.from(greedy.scoreOf)).toEqual([9000, -1, 8000]);
    expect([greedy.matchedCount, greedy.totalScore]).toEqual([2, 17_000]);
  });
});

describe('determinism and reporting', () => {
  const problem = buildProblem({
    mentees: 6,
    mentors: 3,
    edges: [0, 1, 2, 3, 4, 5].flatMap((i) => [0, 1, 2].map((j) => ({ mentee: i, mentor: j, score: 5000 }))),
    capacity: [2, 2, 1],
  });

  it('returns the same pairs and the same work counters on every run (ties included)', () => {
    const a = solveAssignment(problem);
    const b = solveAssignment(problem);
    expect(Array.from(a.mentorOf)).toEqual(Array.from(b.mentorOf));
    expect(a.stats).toEqual(b.stats);
    expect(a.stats.rounds).toBe(1);
    expect(a.stats.edgesTotal).toBe(18);
    expect(a.matchedCount).toBe(5);
  });

  it('rejects a non-positive k', () => {
    expect(() => solveWithPruning(problem, { k: 0 })).toThrow(RangeError);
    expect(() => solveWithPruning(problem, { k: 2, widen: 0 })).toThrow(RangeError);
  });
});

describe('candidate graph plus oracle', () => {
  it('accepts a pin to a pair only the oracle lists, and explains reasons from the oracle', () => {
    // The scorer's pruned graph lists nothing for mentee 1; the oracle knows 1–0 and 1–1.
    const full = buildProblem({
      mentees: 3,
      mentors: 2,
      edges: [
        { mentee: 0, mentor: 0, score: 9000 },
        { mentee: 1, mentor: 0, score: 6000 },
        { mentee: 1, mentor: 1, score: 5000 },
        { mentee: 2, mentor: 0, score: 7000 },
      ],
      capacity: [1, 1],
    });
    const pruned = buildProblem({ mentees: 3, mentors: 2, edges: [{ mentee: 0, mentor: 0, score: 9000 }], capacity: [1, 1] });
    const oracle = {
      forEachEdge(mentee: number, visit: (mentor: number, score: number) => void): void {
        for (let e = full.graph.offsets[mentee]!; e < full.graph.offsets[mentee + 1]!; e++) visit(full.graph.mentor[e]!, full.graph.score[e]!);
      },
    };
    const problem: AssignmentProblem = { ...pruned, oracle, pins: [{ mentee: 1, mentor: 1 }] };
    const result = solveAssignment(problem);
    expect(verifyCertificate(problem, result).violations).toEqual([]);
    expect(pairsOf(result)).toEqual([
      [0, 0],
      [1, 1],
    ]);
    expect(result.unmatched).toEqual([expect.objectContaining({ mentee: 2, code: 'ALL_ELIGIBLE_MENTORS_FULL', eligibleMentors: 1 })]);
  });
});
