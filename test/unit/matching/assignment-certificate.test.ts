/**
 * The certificate check must be able to fail: each test below breaks one thing in a genuinely
 * optimal, verified result and expects `verifyCertificate` to reject it for that reason.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  solveAssignment,
  solveGreedy,
  verifyCertificate,
  type AssignmentProblem,
  type AssignmentResult,
} from '../../../src/matching/assignment/index.js';
import { mediumProblem } from './support/arbitraries.js';
import { buildProblem } from './support/instances.js';

/** A mutable deep copy, so tampering never touches the original. */
function copy(result: AssignmentResult): AssignmentResult {
  return {
    ...result,
    mentorOf: Int32Array.from(result.mentorOf),
    scoreOf: Int32Array.from(result.scoreOf),
    certificate: {
      ...result.certificate,
      menteeDual: Float64Array.from(result.certificate.menteeDual),
      mentorDual: Float64Array.from(result.certificate.mentorDual),
    },
  };
}

// Four mentees, two mentors of capacity 1 and 2 (three places): someone must stay out.
const problem: AssignmentProblem = buildProblem({
  mentees: 4,
  mentors: 2,
  edges: [
    { mentee: 0, mentor: 0, score: 9000 },
    { mentee: 0, mentor: 1, score: 8500 },
    { mentee: 1, mentor: 0, score: 8000 },
    { mentee: 1, mentor: 1, score: 7000 },
    { mentee: 2, mentor: 1, score: 5000 },
    { mentee: 3, mentor: 1, score: 4000 },
  ],
  capacity: [1, 2],
  pins: [],
  bans: [],
});
const solved = solveAssignment(problem);
const matchedMentee = solved.mentorOf.findIndex((j) => j >= 0);
const unmatchedMentee = solved.mentorOf.findIndex((j) => j < 0);

function rejects(result: AssignmentResult, because: RegExp, against: AssignmentProblem = problem): void {
  const check = verifyCertificate(against, result);
  expect(check.ok).toBe(false);
  expect(check.violations.join('\n')).toMatch(because);
}

describe('verifyCertificate', () => {
  it('accepts the genuine optimum', () => {
    expect(verifyCertificate(problem, solved)).toEqual({ ok: true, violations: [] });
    expect(solved.matchedCount).toBe(3);
    expect(unmatchedMentee).toBeGreaterThanOrEqual(0);
  });

  it('rejects a dropped match (the duals no longer pay for themselves)', () => {
    const r = copy(solved);
    const i = matchedMentee;
    const s = r.scoreOf[i]!;
    r.mentorOf[i] = -1;
    r.scoreOf[i] = -1;
    // Report the smaller assignment consistently, so only the optimality proof can object.
    const dropped: AssignmentResult = {
      ...r,
      matchedCount: r.matchedCount - 1,
      totalScore: r.totalScore - s,
      certificate: { ...r.certificate, primalObjective: r.certificate.primalObjective - r.certificate.matchBonus - s },
    };
    rejects(dropped, /≠ primal objective/);
    rejects(dropped, new RegExp(`unmatched mentee ${i} has u = \\d+ > 0`));
  });

  it('rejects a lowered mentee dual (an edge becomes infeasible)', () => {
    const r = copy(solved);
    r.certificate.menteeDual[matchedMentee]! -= 1;
    rejects(r, /dual infeasible on /);
  });

  it('rejects a lowered mentor price', () => {
    const r = copy(solved);
    const j = r.certificate.mentorDual.findIndex((v) => v > 0);
    expect(j).toBeGreaterThanOrEqual(0);
    r.certificate.mentorDual[j]! -= 1;
    rejects(r, /dual infeasible on /);
  });

  it('rejects an over-capacity assignment', () => {
    const r = copy(solved);
    const full = solved.mentorOf[matchedMentee]!;
    r.mentorOf[unmatchedMentee] = full;
    r.scoreOf[unmatchedMentee] = 4000;
    rejects({ ...r, matchedCount: r.matchedCount + 1, totalScore: r.totalScore + 4000 }, /has \d mentees but capacity \d/);
  });

  it('rejects a pair that is not allowed, or banned', () => {
    const r = copy(solved);
    const i = solved.mentorOf.findIndex((j) => j === 1);
    r.mentorOf[2] = 0; // mentee 2 has no edge to mentor 0
    rejects(r, /2→0 is not an allowed pair/);
    const banned = { ...problem, bans: [{ mentee: i, mentor: 1 }] };
    rejects(solved, new RegExp(`pair ${i}→1 is banned`), banned);
  });

  it('rejects a result that ignores a pin', () => {
    const i = solved.mentorOf.findIndex((j) => j === 1);
    rejects(solved, /is not honoured/, { ...problem, pins: [{ mentee: i, mentor: 0 }] });
  });

  it('rejects misreported scores and counts', () => {
    const r = copy(solved);
    r.scoreOf[matchedMentee]! += 1;
    rejects({ ...r, totalScore: r.totalScore + 1 }, /reports score/);
    rejects({ ...copy(solved), matchedCount: solved.matchedCount + 1 }, /matchedCount is/);
  });

  it('rejects a match bonus too small to put "more matches" first', () => {
    const r = copy(solved);
    rejects({ ...r, certificate: { ...r.certificate, matchBonus: 10_001 } }, /matchBonus 10001 is below/);
  });

  it('rejects a feasible but suboptimal assignment presented with the optimal duals', () => {
    // Greedy takes 0–0 (90) first, then 1–1 (70) and 2–1 (50): 210. The optimum moves mentee 0
    // to mentor 1: 1–0 (80) + 0–1 (85) + 2–1 (50) = 215. Same count, so only the duals can tell.
    const greedy = solveGreedy(problem);
    expect([greedy.matchedCount, greedy.totalScore]).toEqual([3, 21_000]);
    expect([solved.matchedCount, solved.totalScore]).toEqual([3, 21_500]);
    rejects({ ...copy(solved), ...greedy, mentorOf: greedy.mentorOf, scoreOf: greedy.scoreOf }, /≠ primal objective/);
  });

  it('rejects any single-dual decrease on random instances (it never passes by accident)', () => {
    fc.assert(
      fc.property(mediumProblem({ popular: true, maxPeople: 80 }), fc.nat(), (p, pick) => {
        const r = copy(solveAssignment(p));
        expect(verifyCertificate(p, r).ok).toBe(true);
        // Lower the dual of some matched mentee: its tight edge must now fail.
        const matched = Array.from(r.mentorOf.keys()).filter((i) => r.mentorOf[i]! >= 0 && r.certificate.menteeDual[i]! > 0);
        if (matched.length === 0) return;
        r.certificate.menteeDual[matched[pick % matched.length]!]! -= 1;
        expect(verifyCertificate(p, r).ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
