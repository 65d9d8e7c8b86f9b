/**
 * Big programmes: the graph is a deep, offset-ranked pruning and every other pair lives behind an
 * ordered oracle. The solver consults the oracle only once the graph is settled, scores only the
 * pairs the scorer's bounds cannot clear, and re-checks only where duals moved; the verifier can
 * trust the scorer's bounds (explicitly) instead of scoring everything again. All of that must
 * leave the optimum and the proof exactly as they are.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  explainUnmatched,
  solveAssignment,
  solveWithPruning,
  verifyCertificate,
  type AssignmentProblem,
  type AssignmentResult,
} from '../../../src/matching/assignment/index.js';
import { mediumProblem } from './support/arbitraries.js';
import { referenceOptimum } from './support/reference-mcmf.js';
import { offsetPrunedGraph, orderedOracleOf, randomProblem, seededRandom, scorerPrunedGraph } from './support/instances.js';

const lex = (r: { matchedCount: number; totalScore: number }): [number, number] => [r.matchedCount, r.totalScore];

/** Random offsets: the bounds must be sound whatever the scorer ranked by. */
function randomOffsets(seed: number, mentors: number, kind: number): Int32Array {
  const rand = seededRandom(seed);
  if (kind === 0) return new Int32Array(mentors);
  if (kind === 1) return Int32Array.from({ length: mentors }, () => Math.floor(rand() * 10_001));
  return Int32Array.from({ length: mentors }, () => Math.floor(rand() * 8001) - 3000);
}

/** A full problem, its pruned-with-oracle twin, and the oracle (counting what it scores). */
function pruned(full: AssignmentProblem, k: number, depth: number, offsetSeed: number, offsetKind: number) {
  const oracle = orderedOracleOf(full.graph);
  const graph = offsetPrunedGraph(full, k, depth, randomOffsets(offsetSeed, full.graph.mentorCount, offsetKind));
  const problem: AssignmentProblem = { ...full, graph, oracle };
  return { problem, oracle };
}

function copy(result: AssignmentResult): AssignmentResult {
  return {
    ...result,
    mentorOf: Int32Array.from(result.mentorOf),
    scoreOf: Int32Array.from(result.scoreOf),
    certificate: { ...result.certificate, menteeDual: Float64Array.from(result.certificate.menteeDual), mentorDual: Float64Array.from(result.certificate.mentorDual) },
  };
}

describe('pruned solve against an ordered oracle with offset-ranked cutoffs', () => {
  it('equals the reference optimum, and both verifiers accept its certificate (pins, bans, ties, any offsets)', () => {
    let multiCheck = 0;
    let scoredLess = 0;
    fc.assert(
      fc.property(
        fc.oneof(mediumProblem({ popular: true, maxPeople: 160 }), mediumProblem({ popular: false, maxPeople: 160 })),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 1e6 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 3 }),
        (full, k, extraDepth, offsetSeed, offsetKind, solveK) => {
          const { problem, oracle } = pruned(full, k, k + extraDepth, offsetSeed, offsetKind);
          const result = solveWithPruning(problem, { k: solveK });
          const scored = oracle.scored;
          expect(lex(result)).toEqual(lex(referenceOptimum(full)));
          expect(verifyCertificate(problem, result).violations).toEqual([]);
          expect(verifyCertificate(problem, result, { trustScorerCutoffs: true }).violations).toEqual([]);
          expect(verifyCertificate(full, result).violations).toEqual([]);
          if (result.stats.oracleChecks >= 2) multiCheck++;
          const unpinned = full.graph.menteeCount - (full.pins?.length ?? 0);
          if (scored < result.stats.oracleChecks * unpinned * full.graph.mentorCount) scoredLess++;
        },
      ),
      { numRuns: 150, seed: 20_261_123 },
    );
    // Not vacuous: repairs did need more than one oracle check, and ranges scored less than rows.
    expect(multiCheck).toBeGreaterThan(10);
    expect(scoredLess).toBeGreaterThan(100);
  });

  it('scores far fewer pairs than whole rows would, on a programme with popular mentors and excess demand', () => {
    const full = randomProblem(seededRandom(42), { mentees: 500, mentors: 60, density: 0.7, minCapacity: 1, maxCapacity: 4, popular: true });
    const { problem, oracle } = pruned(full, 3, 12, 0, 0);
    const result = solveWithPruning(problem, { k: 3 });
    expect(lex(result)).toEqual(lex(solveAssignment(full)));
    const rows = result.stats.oracleChecks * 500 * 60;
    expect(oracle.scored).toBeLessThan(rows / 3);
    expect(result.stats.oraclePairs).toBeLessThanOrEqual(oracle.scored);
    // The scorer's eligible counts stand in for counting through the oracle.
    expect(result.stats.edgesTotal).toBe(solveAssignment(full).stats.edgesTotal);
  });

  it('explains unmatched mentees from the scorer counts exactly as from enumerating the oracle', () => {
    fc.assert(
      fc.property(mediumProblem({ popular: true, maxPeople: 120 }), fc.integer({ min: 1, max: 2 }), (full, k) => {
        const { problem } = pruned(full, k, k + 2, 1, 0);
        const result = solveWithPruning(problem, { k });
        const withoutCounts: AssignmentProblem = { ...problem, graph: { ...problem.graph, eligibleCount: null } };
        expect(result.unmatched).toEqual(explainUnmatched(withoutCounts, result));
        expect(result.unmatched).toEqual(explainUnmatched(full, result));
      }),
      { numRuns: 60 },
    );
  });
});

describe('verifyCertificate with trustScorerCutoffs', () => {
  it('reaches the same verdict as scoring every pair, on genuine and on tampered certificates', () => {
    let rejected = 0;
    fc.assert(
      fc.property(
        mediumProblem({ popular: true, maxPeople: 140 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 1e6 }),
        (full, k, offsetKind, tamper, amount, pick) => {
          const { problem } = pruned(full, k, k + 2, pick, offsetKind);
          const result = copy(solveWithPruning(problem, { k }));
          const { menteeDual: u, mentorDual: v } = result.certificate;
          // Lower one dual (keeping it a non-negative integer): a pair somewhere may now be violated,
          // possibly one outside the graph that only the oracle knows.
          if (tamper === 1 && v.length > 0) v[pick % v.length] = Math.max(0, v[pick % v.length]! - amount);
          if (tamper === 2 && u.length > 0) u[pick % u.length] = Math.max(0, u[pick % u.length]! - amount);
          if (tamper === 3 && v.length > 0) v[pick % v.length] = Math.max(0, v[pick % v.length]! - result.certificate.matchBonus - amount);
          const everyPair = verifyCertificate(problem, result);
          const trusted = verifyCertificate(problem, result, { trustScorerCutoffs: true });
          expect(trusted.ok).toBe(everyPair.ok);
          // The same findings (scoring every pair may report a graph pair twice: graph and oracle).
          expect(new Set(trusted.violations)).toEqual(new Set(everyPair.violations));
          if (!everyPair.ok) rejected++;
        },
      ),
      { numRuns: 200, seed: 20_261_124 },
    );
    expect(rejected).toBeGreaterThan(30);
  });

  it('catches a dual violated on a pair outside the graph by rescoring it', () => {
    let caught = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const full = randomProblem(seededRandom(seed), { mentees: 60, mentors: 15, density: 0.6, minCapacity: 1, maxCapacity: 2, popular: true });
      const { problem, oracle } = pruned(full, 1, 2, seed, 0);
      // The optimum of the graph alone is not always the optimum of all pairs; its duals then fail
      // on some oracle pair, which the trusted check must find without scoring whole rows.
      const graphOnly = solveAssignment({ graph: problem.graph, capacity: problem.capacity });
      if (lex(graphOnly).join() === lex(solveAssignment(full)).join()) continue;
      oracle.scored = 0;
      const verdict = verifyCertificate(problem, graphOnly, { trustScorerCutoffs: true });
      expect(verdict.ok).toBe(false);
      expect(verdict.violations.join('\n')).toMatch(/dual infeasible/);
      expect(oracle.scored).toBeLessThan(60 * 15);
      caught++;
    }
    expect(caught).toBeGreaterThan(5);
  });

  it('is an explicit trust: bounds that lie fool it, while the default check is not fooled', () => {
    let fooled = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const full = randomProblem(seededRandom(seed), { mentees: 60, mentors: 15, density: 0.6, minCapacity: 1, maxCapacity: 2, popular: true });
      const graph = scorerPrunedGraph(full, 1);
      const lying: AssignmentProblem = {
        ...full,
        graph: { ...graph, menteeCutoff: new Int32Array(60).fill(-1), mentorCutoff: new Int32Array(15).fill(-1) },
        oracle: orderedOracleOf(full.graph),
      };
      const graphOnly = solveAssignment({ graph: lying.graph, capacity: lying.capacity });
      if (lex(graphOnly).join() === lex(solveAssignment(full)).join()) continue;
      expect(verifyCertificate(lying, graphOnly).ok).toBe(false);
      if (verifyCertificate(lying, graphOnly, { trustScorerCutoffs: true }).ok) fooled++;
    }
    expect(fooled).toBeGreaterThan(5);
  });
});
