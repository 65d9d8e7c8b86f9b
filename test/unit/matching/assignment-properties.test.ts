/**
 * Optimality, checked three independent ways on random problems:
 * exhaustive search (tiny problems), a separately written min-cost max-flow (up to ~300 people),
 * and the LP certificate, which is verified on every single solve.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  solveAssignment,
  solveGreedy,
  solveWithPruning,
  verifyCertificate,
  type AssignmentOutcome,
  type AssignmentProblem,
  type AssignmentResult,
} from '../../../src/matching/assignment/index.js';
import { mediumProblem, smallProblem } from './support/arbitraries.js';
import { bruteForceOptimum, type Optimum } from './support/brute-force.js';
import { randomProblem, seededRandom } from './support/instances.js';
import { referenceOptimum } from './support/reference-mcmf.js';

function certified(problem: AssignmentProblem, result: AssignmentResult): AssignmentResult {
  const check = verifyCertificate(problem, result);
  expect(check.violations).toEqual([]);
  expect(check.ok).toBe(true);
  return result;
}

const optimumOf = (r: Optimum | AssignmentOutcome): Optimum => ({ matchedCount: r.matchedCount, totalScore: r.totalScore });

/** a ≤ b in the lexicographic order (matched count, then total score). */
function lexLessOrEqual(a: Optimum, b: Optimum): boolean {
  return a.matchedCount < b.matchedCount || (a.matchedCount === b.matchedCount && a.totalScore <= b.totalScore);
}

describe('exact assignment on tiny problems', () => {
  it('matches the exhaustive optimum, with a certificate that verifies', () => {
    fc.assert(
      fc.property(smallProblem(), (problem) => {
        const result = certified(problem, solveAssignment(problem));
        expect(optimumOf(result)).toEqual(bruteForceOptimum(problem));
      }),
      { numRuns: 600 },
    );
  });

  it('gives the same optimum when pruned to a tiny k', () => {
    fc.assert(
      fc.property(smallProblem(), fc.integer({ min: 1, max: 3 }), (problem, k) => {
        const result = certified(problem, solveWithPruning(problem, { k, widen: 1 }));
        expect(optimumOf(result)).toEqual(bruteForceOptimum(problem));
      }),
      { numRuns: 400 },
    );
  });

  it('is never beaten by the greedy baseline', () => {
    fc.assert(
      fc.property(smallProblem(), (problem) => {
        expect(lexLessOrEqual(optimumOf(solveGreedy(problem)), optimumOf(solveAssignment(problem)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('exact assignment against an independent min-cost max-flow', () => {
  for (const popular of [false, true]) {
    it(`agrees on ${popular ? 'popular-mentor' : 'uniform'} problems up to ~300 people`, () => {
      fc.assert(
        fc.property(mediumProblem({ popular }), (problem) => {
          const reference = referenceOptimum(problem);
          const exact = certified(problem, solveAssignment(problem));
          expect(optimumOf(exact)).toEqual(optimumOf(reference));
        }),
        { numRuns: 200 },
      );
    });
  }

  it('pruned solves (any k, any widening) agree and verify on the full graph', () => {
    let warmRepairs = 0;
    fc.assert(
      fc.property(
        mediumProblem({ popular: true, maxPeople: 200 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        (problem, k, widen) => {
          const pruned = certified(problem, solveWithPruning(problem, { k, widen }));
          expect(optimumOf(pruned)).toEqual(optimumOf(referenceOptimum(problem)));
          expect(pruned.stats.edgesUsed).toBeLessThanOrEqual(pruned.stats.edgesTotal);
          warmRepairs += pruned.stats.mentorSearches;
        },
      ),
      { numRuns: 150, seed: 20_240_602 }, // fixed so the coverage count below is reproducible
    );
    // The warm-start path that repairs mentor prices must actually have been exercised.
    expect(warmRepairs).toBeGreaterThan(0);
  });

  it('pruned solves of dense, mostly one-place programmes (the fast selection and row-clearing check) agree and verify', () => {
    // Dense rows and one-place mentors are where the pruned solve's shortcuts act: rows start from
    // the previous row's threshold, one-place mentors from a sampled floor (from 16·k mentees up),
    // and the certificate check clears rows by both selection bounds.
    let seeded = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.integer({ min: 10, max: 160 }),
        fc.integer({ min: 10, max: 160 }),
        fc.constantFrom(0.6, 0.9, 1),
        fc.integer({ min: 1, max: 10 }),
        fc.boolean(),
        (seed, mentees, mentors, density, k, popular) => {
          const problem = randomProblem(seededRandom(seed), {
            mentees,
            mentors,
            density,
            minCapacity: seed % 5 === 0 ? 0 : 1, // some mentors take nobody
            maxCapacity: seed % 7 === 0 ? 2 : 1,
            popular,
            scoreStep: seed % 3 === 0 ? 1000 : 1, // many ties
            pinRate: seed % 4 === 0 ? 0.03 : 0,
            banRate: seed % 4 === 0 ? 0.03 : 0,
          });
          const pruned = certified(problem, solveWithPruning(problem, { k }));
          expect(optimumOf(pruned)).toEqual(optimumOf(referenceOptimum(problem)));
          if (mentees >= 16 * k) seeded++;
        },
      ),
      { numRuns: 150, seed: 20_251_123 },
    );
    expect(seeded).toBeGreaterThan(20);
  });

  it('greedy is never better than the optimum, and is often worse', () => {
    let strictlyWorse = 0;
    fc.assert(
      fc.property(mediumProblem({ popular: true, maxPeople: 150 }), (problem) => {
        const greedy = optimumOf(solveGreedy(problem));
        const exact = optimumOf(solveAssignment(problem));
        expect(lexLessOrEqual(greedy, exact)).toBe(true);
        if (greedy.matchedCount < exact.matchedCount || greedy.totalScore < exact.totalScore) strictlyWorse++;
      }),
      { numRuns: 100, seed: 20_240_603 }, // fixed so the count below is reproducible
    );
    expect(strictlyWorse).toBeGreaterThan(10);
  });
});
